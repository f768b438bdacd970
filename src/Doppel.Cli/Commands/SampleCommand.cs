using System.CommandLine;
using Doppel.Models;
using Doppel.Sampling;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel sample MODEL --rows N -o OUT</c>: generate rows from a saved model.</summary>
internal static class SampleCommand
{
    public static Command Create(CliConsole console)
    {
        var modelPath = new Argument<string>("MODEL") { Description = "Model file written by 'doppel fit'." };
        var rows = new Option<long?>("--rows", "-n") { Description = "Number of rows to generate (required unless --conditions gives them)." };
        var output = CommandSupport.Output("Output file (.csv or .parquet), or - for CSV on stdout.");
        var seed = CommandSupport.Seed();
        var threads = CommandSupport.Threads();
        var force = CommandSupport.Force();
        var markSynthetic = CommandSupport.MarkSynthetic();
        var where = CommandSupport.Where();
        var constraint = CommandSupport.Constraint(" Added to the model's own constraints.");
        var conditional = new ConditionalOptions();
        var signingKey = CommandSupport.SigningKey("the model must be signed with (else it is refused) and that signs the output's manifest");
        var command = new Command("sample", "Generate synthetic rows from a saved model.") { modelPath, rows, output, seed, threads, force, markSynthetic, where, constraint, signingKey };
        foreach (var option in conditional.All) command.Options.Add(option);
        var partitioned = new PartitionOptions();
        foreach (var option in partitioned.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(modelPath)!;
            string target = parse.GetValue(output)!;
            long? requested = parse.GetValue(rows);
            if (requested is { } r) CommandSupport.ValidateRows(r);
            if (partitioned.Requested(parse))
            {
                using var signing = CommandSupport.LoadSigningKey(parse, signingKey);
                return partitioned.Run(parse, console, path, target, requested, parse.GetValue(seed), parse.GetValue(threads) ?? Environment.ProcessorCount, parse.GetValue(force), signing,
                    [markSynthetic, where, constraint, .. conditional.All]);
            }
            CommandSupport.CheckOutput(target, parse.GetValue(force), CommandSupport.OutputKind.Table, path, parse.GetValue(conditional.Conditions));
            using var key = CommandSupport.LoadSigningKey(parse, signingKey);
            var model = ModelFile.Load(path, key);
            var fromFile = conditional.Check(parse, model.Metadata, requested);
            if (requested is null && fromFile is null) throw new DoppelException(ErrorKind.Usage, "--rows N is required (or --conditions FILE, which gives the rows of each condition).");
            long count = requested ?? fromFile!.Sum(p => p.Rows);
            var options = new SampleOptions { Seed = CommandSupport.ResolveSeed(parse.GetValue(seed), parse, console), Threads = parse.GetValue(threads) ?? Environment.ProcessorCount, Where = parse.GetValue(where), Scenarios = conditional.Scenarios(parse), Constraints = parse.GetValue(constraint) ?? [] };
            var parts = conditional.Plan(parse, model, count, options, fromFile);
            CommandSupport.SampleTo(target, parse.GetValue(force), parse.GetValue(markSynthetic), model, count, options, parse, console, parts, conditional.Describe(parse, options.Where), key);
            return 0;
        });
        return command;
    }
}
