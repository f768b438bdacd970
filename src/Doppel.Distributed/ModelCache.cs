using System.Collections.Concurrent;
using Doppel.Models;
using Doppel.Provenance;
using Doppel.Synthesizers;

namespace Doppel.Distributed;

/// <summary>A silo's loaded models, by path and fingerprint: a model is read once per silo, not once per shard.</summary>
internal sealed class ModelCache
{
    private readonly ConcurrentDictionary<(string Path, string Sha256), Lazy<SynthesisModel>> _models = new();

    /// <summary>The model at <paramref name="path"/>, refused when the file this silo reads is not the one the client planned with.</summary>
    public SynthesisModel Get(string path, string sha256) => _models.GetOrAdd((path, sha256), key => new Lazy<SynthesisModel>(() => Load(key.Path, key.Sha256))).Value;

    private static SynthesisModel Load(string path, string sha256)
    {
        string found;
        try { found = Fingerprint.OfFile(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read the model {path} on this silo ({e.Message}); every silo must reach the model file at the same path.", e);
        }
        if (found != sha256)
            throw new DoppelException(ErrorKind.Model, $"The model {path} on this silo is not the file the client planned with (SHA-256 {found[..12]}..., expected {sha256[..12]}...).");
        return ModelFile.Load(path);
    }
}
