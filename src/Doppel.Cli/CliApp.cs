using System.CommandLine;
using Doppel.Cli.Commands;

namespace Doppel.Cli;

/// <summary>
/// The <c>doppel</c> command line: a thin mapping of options to library calls. Errors the user can fix print one
/// message and exit with a documented code; only internal errors (exit 70) show a stack trace, with --verbose.
/// </summary>
internal static class CliApp
{
    public const int InternalError = 70;

    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Print nothing but errors (no progress, no summary).", Recursive = true };
    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Print more detail, and the stack trace of internal errors.", Recursive = true };

    public static int Run(string[] args, CliConsole console)
    {
        var root = Relational.DatabaseCli.Handles(args) ? Relational.DatabaseCli.Root(console) : new RootCommand("Doppel: learn the statistical structure of a table and generate synthetic rows that mirror it.")
        {
            Quiet,
            Verbose,
            CommandSupport.DateFormat,
            CommandSupport.Culture,
            CommandSupport.NullToken,
            CommandSupport.DetectRows,
            InspectCommand.Create(console),
            FitCommand.Create(console),
            SampleCommand.Create(console),
            GenerateCommand.Create(console),
            SpecCommand.Create(console),
            VerifyCommand.Create(console),
            ModelCommand.Create(console),
            EvaluateCommand.Create(console),
            PseudonymizeCommand.Create(console),
            ClusterCommand.Create(console),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) console.Error.WriteLine($"error: {ParseErrors.Friendly(error.Message)}");
            console.Error.WriteLine("Run 'doppel --help' for usage.");
            return (int)ErrorKind.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (DoppelException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            if (parse.GetValue(Verbose) && e.InnerException is not null) console.Error.WriteLine($"  caused by: {e.InnerException.GetType().Name}: {e.InnerException.Message}");
            return (int)e.Kind;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("error: cancelled.");
            return 130;
        }
        catch (Exception e)
        {
            console.Error.WriteLine($"internal error: {e.Message} (this is a bug in Doppel; please report it{(parse.GetValue(Verbose) ? "" : ", with the output of --verbose")})");
            if (parse.GetValue(Verbose)) console.Error.WriteLine(e.ToString());
            return InternalError;
        }
    }
}
