using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Doppel.Models;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel model MODEL.doppel [--json]</c>: what a model file holds, without sampling from it.</summary>
internal static class ModelCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliConsole console)
    {
        var modelPath = new Argument<string>("MODEL") { Description = "Model file written by 'doppel fit'." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON (for scripts) instead of text." };
        var command = new Command("model", "Show what a model file holds: synthesizer, format version, columns and the size of what each stores, training rows, privacy budget, constraints, fit seed and source fingerprint.")
            { modelPath, json };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(modelPath)!;
            var model = ModelFile.Load(path);
            var summary = ModelSummary.Of(model, FormatVersionOf(path), new FileInfo(path).Length);
            if (parse.GetValue(json)) console.Out.WriteLine(JsonSerializer.Serialize(summary, Json));
            else console.Out.Write(Text(path, summary));
            return 0;
        });
        return command;
    }

    /// <summary>The version in the file's header (bytes 8 to 11, little-endian), which <see cref="ModelFile.Load"/> has already checked.</summary>
    private static int FormatVersionOf(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[12];
        stream.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
    }

    private static string Text(string path, ModelSummary s)
    {
        var text = new System.Text.StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line($"{path}: a Doppel model, format version {s.FormatVersion}, {Size(s.FileBytes)}");
        Line($"  synthesizer   {s.Synthesizer}");
        Line($"  dependence    {s.Generator}{(s.DependenceBytes > 0 ? $" ({Size(s.DependenceBytes)})" : "")}");
        Line($"  trained on    {s.TrainingRows:N0} rows{(s.Privacy is null ? "" : " (a differentially private estimate)")}");
        Line($"  source        data SHA-256 {s.Source.DataSha256}");
        Line($"                metadata SHA-256 {s.Source.MetadataSha256}");
        Line($"  fit seed      {s.FitSeed}");
        Line($"  rare values   {(s.Options.KeepRare ? "kept (--keep-rare)" : $"categories seen fewer than {s.Options.RareThreshold} times merged{(s.Options.RareAsToken ? ", written as _RARE_" : "")}")}");
        Line($"  PII locale    {s.Options.PiiLocale}");
        if (s.Privacy is { } p)
            Line($"  privacy       ({p.Epsilon.ToString("G4", CultureInfo.InvariantCulture)}, {p.Delta.ToString("G3", CultureInfo.InvariantCulture)})-differential privacy " +
                 $"(rho {p.Rho.ToString("G4", CultureInfo.InvariantCulture)}), {(p.PublicDomain ? "public" : "private")} domain{(p.SecureNoise ? "" : "; TEST NOISE: no guarantee")}");
        else Line("  privacy       no differential privacy");
        Line(s.Constraints.Count == 0 ? "  constraints   none" : $"  constraints   {string.Join("; ", s.Constraints)}");
        Line($"  columns       {s.Columns.Count}");
        int width = Math.Max(6, s.Columns.Max(c => c.Name.Length));
        foreach (var c in s.Columns)
            Line($"    {c.Name.PadRight(width)}  {c.Type,-14} {c.Model,-14} {Size(c.Bytes),9}  {string.Join("; ", c.Holds)}");
        return text.ToString();
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes / 1024.0 / 1024.0:0.0} MiB",
    };
}
