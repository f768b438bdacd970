using System.CommandLine;
using Doppel.Provenance;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel verify OUTPUT</c>: does a synthetic file still match the manifest written beside it?</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("OUTPUT") { Description = "A file written by 'doppel sample' or 'doppel generate'." };
        var manifestPath = new Option<string?>("--manifest") { Description = "The manifest (default: OUTPUT.manifest.json)." };
        var command = new Command("verify", "Check that a synthetic file matches its provenance manifest (not altered since Doppel wrote it).") { data, manifestPath };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(data)!;
            var manifest = Manifest.Load(parse.GetValue(manifestPath) ?? Manifest.SidecarPath(path));
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
            console.Out.WriteLine($"OK: {path} matches its manifest: {origin}.");
            return 0;
        });
        return command;
    }
}
