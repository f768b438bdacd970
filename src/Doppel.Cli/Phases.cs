using System.CommandLine;
using Doppel.Cli.Commands;
using Spectre.Console;

namespace Doppel.Cli;

/// <summary>
/// Progress of the long phases (reading, fitting, auto's trials, evaluation) on stderr: a Spectre.Console status
/// line on a terminal, plain lines otherwise (logs, pipes, CI), nothing under --quiet.
/// </summary>
internal static class Phases
{
    /// <summary>Runs <paramref name="work"/>, announcing <paramref name="description"/>; the work may report steps through the action it gets.</summary>
    public static T Run<T>(ParseResult parse, CliConsole console, string description, Func<Action<string>, T> work)
    {
        if (CommandSupport.IsQuiet(parse)) return work(_ => { });
        if (!console.Interactive)
        {
            console.Error.WriteLine($"{description}...");
            return work(step => console.Error.WriteLine($"  {step}..."));
        }
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        T result = default!;
        ansi.Status().Start(Markup.Escape(description + "..."), context =>
            result = work(step => context.Status(Markup.Escape($"{step}...")))); // the step alone: a status line is one terminal line
        return result;
    }

    /// <summary>Runs <paramref name="work"/>, announcing <paramref name="description"/>.</summary>
    public static T Run<T>(ParseResult parse, CliConsole console, string description, Func<T> work) =>
        Run(parse, console, description, _ => work());
}
