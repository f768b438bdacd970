using System.CommandLine;
using Doppel.Provenance;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>doppel verify OUTPUT</c>: does a synthetic file still match the manifest written beside it? With
/// <c>--signing-key</c>, the manifest's signature must be valid too (so an edit with a recomputed hash is caught), and
/// a model file (<c>.doppel</c>) is checked for its signature. A folder is a partitioned output: every part is checked
/// against its <c>_manifest.json</c>.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("OUTPUT") { Description = "A file written by 'doppel sample' or 'doppel generate', a folder of parts written with --partitions, or (with --signing-key) a model file." };
        var manifestPath = new Option<string?>("--manifest") { Description = "The manifest (default: OUTPUT.manifest.json)." };
        var signingKey = CommandSupport.SigningKey("the manifest (or model) must carry a valid signature of");
        var command = new Command("verify", "Check that a synthetic file matches its provenance manifest (not altered since Doppel wrote it).") { data, manifestPath, signingKey };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(data)!;
            using var key = CommandSupport.LoadSigningKey(parse, signingKey);
            if (Directory.Exists(path)) return VerifyPartitioned(console, path, key);
            if (path.EndsWith(".doppel", StringComparison.OrdinalIgnoreCase))
            {
                if (key is null) throw new DoppelException(ErrorKind.Usage, "A model file carries no manifest; verify its signature with --signing-key FILE.");
                string? problem = Models.ModelFile.IsSignedBy(path, key) switch
                {
                    true => null,
                    false => "its signature does not match (changed after signing, or signed with another key)",
                    null => "it is not signed",
                };
                console.Out.WriteLine(problem is null ? $"OK: {path} carries a valid signature for this key." : $"ALTERED: {path}: {problem}.");
                return problem is null ? 0 : (int)ErrorKind.Model;
            }
            var manifest = Manifest.Load(parse.GetValue(manifestPath) ?? Manifest.SidecarPath(path));
            if (key is not null && !manifest.IsSignedBy(key))
            {
                console.Out.WriteLine(manifest.Signature is null
                    ? $"UNSIGNED: the manifest of {path} carries no signature, so its provenance cannot be trusted."
                    : $"ALTERED: the manifest of {path} does not match its signature (edited after signing, or signed with another key).");
                return (int)ErrorKind.Data;
            }
            if (manifest.Output is null)
                throw new DoppelException(ErrorKind.Data, "The manifest records no output hash (it describes data written to stdout), so there is nothing to verify against.");
            if (!File.Exists(path)) throw new DoppelException(ErrorKind.IO, $"Cannot find {path}.");
            string actual = Fingerprint.OfFile(path);
            string origin = manifest.Mode == PseudonymizeCommand.Mode
                ? $"real rows pseudonymized by {manifest.Engine} (columns {string.Join(", ", manifest.PseudonymizedColumns ?? [])}), {manifest.Rows:N0} rows, " +
                  $"created {manifest.CreatedUtc:yyyy-MM-dd HH:mm:ss} UTC from data with SHA-256 {manifest.Source.DataSha256[..12]}…"
                : $"synthetic data from {manifest.Engine}, synthesizer {manifest.Synthesizer}, seed {manifest.Seed}, {manifest.Rows:N0} rows, " +
                            $"created {manifest.CreatedUtc:yyyy-MM-dd HH:mm:ss} UTC, trained on data with SHA-256 {manifest.Source.DataSha256[..12]}…";
            if (actual != manifest.Output.Sha256)
            {
                console.Out.WriteLine($"ALTERED: {path} does not match its manifest (SHA-256 {actual[..12]}…, expected {manifest.Output.Sha256[..12]}…). The manifest describes {origin}.");
                return (int)ErrorKind.Data;
            }
            console.Out.WriteLine($"OK: {path} matches its {(key is null ? "" : "signed ")}manifest: {origin}.");
            return 0;
        });
        return command;
    }

    private static int VerifyPartitioned(CliConsole console, string folder, SigningKey? key)
    {
        var manifest = Sharding.PartitionedManifest.Load(folder);
        var problems = Sharding.PartitionedVerifier.Problems(folder, manifest, key);
        if (problems.Count > 0)
        {
            console.Out.WriteLine($"ALTERED: {folder} does not match its manifest: {string.Join("; ", problems)}.");
            return (int)ErrorKind.Data;
        }
        console.Out.WriteLine($"OK: {folder} matches its {(key is null ? "" : "signed ")}manifest: {manifest.Parts.Count:N0} parts, {manifest.Rows:N0} rows of synthetic data from " +
                              $"{manifest.Engine}, synthesizer {manifest.Synthesizer}, seed {manifest.Seed}, dataset digest {manifest.DatasetDigest[..12]}…");
        return 0;
    }
}
