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
        var rows = new Option<long>("--rows", "-n") { Description = "Number of rows to generate.", Required = true };
        var output = CommandSupport.Output("Output file (.csv or .parquet), or - for CSV on stdout.");
        var seed = CommandSupport.Seed();
        var threads = CommandSupport.Threads();
        var force = CommandSupport.Force();
        var markSynthetic = CommandSupport.MarkSynthetic();
        var where = CommandSupport.Where();
        var constraint = CommandSupport.Constraint(" Added to the model's own constraints.");
        var command = new Command("sample", "Generate synthetic rows from a saved model.") { modelPath, rows, output, seed, threads, force, markSynthetic, where, constraint };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(modelPath)!;
            string target = parse.GetValue(output)!;
            long count = CommandSupport.ValidateRows(parse.GetValue(rows));
            CommandSupport.CheckNotInput(target, path);
            var model = ModelFile.Load(path);
            var options = new SampleOptions { Seed = CommandSupport.ResolveSeed(parse.GetValue(seed), parse, console), Threads = parse.GetValue(threads) ?? Environment.ProcessorCount, Where = parse.GetValue(where), Constraints = parse.GetValue(constraint) ?? [] };
            CommandSupport.SampleTo(target, parse.GetValue(force), parse.GetValue(markSynthetic), model, count, options, parse, console);
            return 0;
        });
        return command;
    }
}
