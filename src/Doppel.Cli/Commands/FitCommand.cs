using System.CommandLine;
using System.Diagnostics;
using Doppel.Models;
using Doppel.Synthesizers;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel fit DATA -o MODEL</c>: learn a model and save it (statistics only, never rows).</summary>
internal static class FitCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string[]>("DATA") { Description = "CSV or Parquet file with the real data; several files or a folder of parts fit out of core.", Arity = ArgumentArity.OneOrMore };
        var output = CommandSupport.Output("Where to write the model (.doppel).");
        var metadata = CommandSupport.MetadataOption();
        var synthesizer = CommandSupport.Synthesizer();
        var seed = CommandSupport.FitSeed();
        var force = CommandSupport.Force();
        var keepRare = CommandSupport.KeepRare();
        var noLearnedRules = CommandSupport.NoLearnedRules();
        var rareToken = CommandSupport.RareToken();
        var piiLocale = CommandSupport.PiiLocale();
        var constraint = CommandSupport.Constraint(" Saved in the model, which enforces it whenever it samples.");
        var dropViolating = CommandSupport.DropViolating();
        var privacy = new PrivacyOptions();
        var streaming = new StreamingOptions();
        var signingKey = CommandSupport.SigningKey("signs the model file");
        var command = new Command("fit", "Learn a model from real data and save it to a model file.") { data, output, metadata, synthesizer, seed, force, keepRare, rareToken, piiLocale, noLearnedRules, constraint, dropViolating, signingKey };
        foreach (var option in privacy.All.Concat(streaming.All)) command.Options.Add(option);
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(data)!;
            string path = paths[0];
            string target = parse.GetValue(output)!;
            string? metadataPath = privacy.MetadataPath(parse, metadata);
            CommandSupport.CheckOutput(target, parse.GetValue(force), CommandSupport.OutputKind.File, [.. paths, metadataPath]);
            using var key = CommandSupport.LoadSigningKey(parse, signingKey); // a bad key fails before fitting
            var fitOptions = CommandSupport.FitOptions(parse, keepRare, rareToken, piiLocale, noLearnedRules, parse.GetValue(seed) ?? 0);
            var dp = privacy.Resolve(parse);
            string synthesizerName = CommandSupport.CheckSynthesizer(PrivacyOptions.SynthesizerName(parse, synthesizer, dp), fitOptions, dp);
            var warnings = new List<string>();
            var source = streaming.Applies(parse, paths) ? streaming.Open(parse, paths, metadataPath, warnings) : null;
            var watch = Stopwatch.StartNew();
            SynthesisModel model;
            string fitted = synthesizerName;
            if (source is not null && Doppel.Streaming.StreamedFit.FitsFromStatistics(synthesizerName))
                model = streaming.FitFromStatistics(source, synthesizerName, fitOptions, parse.GetValue(constraint) ?? [], parse, console, warnings);
            else
            {
                // In memory; out of core, synthesizers that need rows fit the same way on a seeded sample (its size recorded).
                var (table, meta) = source is null ? CommandSupport.LoadData(path, metadataPath, parse, console) : (streaming.Sample(source, fitOptions.FitSeed, parse, console, warnings).Sample, source.Metadata);
                if (source is not null) fitOptions = fitOptions with { SampleRows = table.RowCount };
                _ = Doppel.Constraints.ConstrainedFit.Check(meta, parse.GetValue(constraint) ?? []); // fail before fitting (auto fits several)
                var recipe = CommandSupport.Choose(synthesizerName, fitOptions, dp, table, meta, parse, console);
                fitted = recipe.Name;
                watch.Restart();
                model = CommandSupport.FitConstrained(recipe, table, meta, parse.GetValue(constraint) ?? [], parse.GetValue(dropViolating),
                    (t, m) => PrivacyOptions.Fit(recipe, t, m, metadataPath is null, parse, console), parse, console);
            }
            CommandSupport.RefuseExisting(target, parse.GetValue(force)); // again: it may have appeared while fitting
            ModelFile.Save(model, target, parse.GetValue(force), key);
            if (!CommandSupport.IsQuiet(parse))
                console.Error.WriteLine($"Fitted {fitted} in {watch.Elapsed.TotalSeconds:0.00} s; wrote {target}{(key is null ? "" : ", signed")}.");
            return 0;
        });
        return command;
    }
}
