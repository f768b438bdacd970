using System.CommandLine;
using System.Diagnostics;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel generate DATA -o OUT</c>: fit and sample in one go.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string?>("DATA") { Description = "CSV or Parquet file with the real data (omit with --schema).", Arity = ArgumentArity.ZeroOrOne };
        var schema = SchemaGenerateCommand.Schema();
        var manifest = Relational.ManifestOption.Create();
        var rows = new Option<long?>("--rows", "-n") { Description = "Rows to generate (default: as many as the input has; with --epsilon, the model's noisy estimate of that)." };
        var output = CommandSupport.Output("Output file (.csv or .parquet), or - for CSV on stdout.");
        var metadata = CommandSupport.MetadataOption();
        var synthesizer = CommandSupport.Synthesizer();
        var seed = CommandSupport.Seed();
        var threads = CommandSupport.Threads();
        var force = CommandSupport.Force();
        var markSynthetic = CommandSupport.MarkSynthetic();
        var where = CommandSupport.Where();
        var keepRare = CommandSupport.KeepRare();
        var noLearnedRules = CommandSupport.NoLearnedRules();
        var rareToken = CommandSupport.RareToken();
        var piiLocale = CommandSupport.PiiLocale();
        var constraint = CommandSupport.Constraint("");
        var dropViolating = CommandSupport.DropViolating();
        var privacy = new PrivacyOptions();
        var signingKey = CommandSupport.SigningKey("signs the output's manifest");
        var command = new Command("generate", "Learn a model from real data and write synthetic rows, in one step.")
            { data, rows, output, metadata, synthesizer, seed, threads, force, keepRare, rareToken, piiLocale, noLearnedRules, markSynthetic, where, constraint, dropViolating, signingKey, schema, manifest };
        foreach (var option in privacy.All) command.Options.Add(option);
        var conditional = new ConditionalOptions();
        foreach (var option in conditional.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(schema) is { } spec)
                return SchemaGenerateCommand.Run(parse, spec, parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(force), parse.GetValue(manifest), console);
            string path = parse.GetValue(data) ?? throw new DoppelException(ErrorKind.Usage, "generate needs DATA (a CSV or Parquet file), or --schema SPEC.");
            string target = parse.GetValue(output)!;
            string? metadataPath = privacy.MetadataPath(parse, metadata);
            CommandSupport.CheckOutput(target, parse.GetValue(force), CommandSupport.OutputKind.Table, path, metadataPath, parse.GetValue(conditional.Conditions));
            long? requested = parse.GetValue(rows);
            if (requested is { } r) CommandSupport.ValidateRows(r);
            using var key = CommandSupport.LoadSigningKey(parse, signingKey); // a bad key fails before fitting
            ulong actualSeed = CommandSupport.ResolveSeed(parse.GetValue(seed), parse, console);
            var fitOptions = CommandSupport.FitOptions(parse, keepRare, rareToken, piiLocale, noLearnedRules, actualSeed);
            var dp = privacy.Resolve(parse);
            string synthesizerName = CommandSupport.CheckSynthesizer(PrivacyOptions.SynthesizerName(parse, synthesizer, dp), fitOptions, dp);
            var (table, meta) = CommandSupport.LoadData(path, metadataPath, parse, console);
            if (parse.GetValue(where) is { } condition) _ = Doppel.Expressions.ExpressionCompiler.Predicate(condition, meta, "--where"); // fail before fitting
            _ = Doppel.Constraints.ConstrainedFit.Check(meta, parse.GetValue(constraint) ?? []);
            var fromFile = conditional.Check(parse, meta, requested);
            var recipe = CommandSupport.Choose(synthesizerName, fitOptions, dp, table, meta, parse, console);
            var watch = Stopwatch.StartNew();
            var model = CommandSupport.FitConstrained(recipe, table, meta, parse.GetValue(constraint) ?? [], parse.GetValue(dropViolating),
                (t, m) => PrivacyOptions.Fit(recipe, t, m, metadataPath is null, parse, console), parse, console);
            if (!CommandSupport.IsQuiet(parse)) console.Error.WriteLine($"Fitted {recipe.Name} in {watch.Elapsed.TotalSeconds:0.00} s.");
            var options = new SampleOptions { Seed = actualSeed, Threads = parse.GetValue(threads) ?? Environment.ProcessorCount, Where = parse.GetValue(where), Scenarios = conditional.Scenarios(parse) };
            // Without --rows: as many as the input has (a DP model's noisy estimate of it; not fewer when --drop-violating dropped some).
            long count = requested ?? fromFile?.Sum(p => p.Rows) ?? (model.Privacy is null ? table.RowCount : model.TrainingRows);
            var parts = conditional.Plan(parse, model, count, options, fromFile);
            CommandSupport.SampleTo(target, parse.GetValue(force), parse.GetValue(markSynthetic), model, count, options, parse, console, parts, conditional.Describe(parse, options.Where), key);
            return 0;
        });
        return command;
    }
}
