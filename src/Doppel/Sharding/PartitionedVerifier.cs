using Doppel.Provenance;

namespace Doppel.Sharding;

/// <summary>
/// Checks a partitioned output against its <c>_manifest.json</c>: every part present with its length and SHA-256,
/// the dataset digest recomputed from the parts, and (with a key) the manifest's signature. What <c>doppel verify
/// FOLDER</c> runs.
/// </summary>
public static class PartitionedVerifier
{
    /// <summary>
    /// What is wrong with <paramref name="folder"/> against <paramref name="manifest"/> (empty when every part
    /// matches), one sentence per problem, naming the part.
    /// </summary>
    public static IReadOnlyList<string> Problems(string folder, PartitionedManifest manifest, SigningKey? key = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var problems = new List<string>();
        if (key is not null && !manifest.IsSignedBy(key))
            problems.Add(manifest.Signature is null
                ? "the manifest carries no signature, so its provenance cannot be trusted"
                : "the manifest does not match its signature (edited after signing, or signed with another key)");
        try
        {
            if (Sharding.DatasetDigest.Of(manifest.Parts) != manifest.DatasetDigest)
                problems.Add("the manifest's dataset digest does not match its parts");
        }
        catch (ArgumentException)
        {
            problems.Add("the manifest does not list every shard in order");
        }
        foreach (var part in manifest.Parts)
        {
            // A part name is a plain file name; anything else would read outside the folder.
            if (part.File != Path.GetFileName(part.File) || part.File.Length == 0)
            {
                problems.Add($"part {part.Shard} names '{part.File}', not a file of the folder");
                continue;
            }
            string path = Path.Combine(folder, part.File);
            if (!File.Exists(path)) { problems.Add($"{part.File} is missing"); continue; }
            long length = new FileInfo(path).Length;
            if (length != part.Bytes) { problems.Add($"{part.File} has {length:N0} bytes, the manifest says {part.Bytes:N0}"); continue; }
            string actual = Fingerprint.OfFile(path);
            if (actual != part.Sha256) problems.Add($"{part.File} does not match its SHA-256 (found {actual[..12]}…, expected {part.Sha256[..12]}…)");
        }
        return problems;
    }
}
