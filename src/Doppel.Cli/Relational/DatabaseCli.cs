using System.CommandLine;
using Doppel.Relational;

namespace Doppel.Cli.Relational;

/// <summary>
/// The multi-table form of the verbs: <c>inspect</c>, <c>fit</c> and <c>generate</c> on a database location (a
/// folder, a SQLite file, a PostgreSQL URI), <c>sample</c> on a database model, <c>evaluate</c> with <c>--real</c> a
/// database. <see cref="Handles"/> tells them from the single-table commands, which stay as they are.
/// </summary>
internal static class DatabaseCli
{
    /// <summary>True when the command line is about a whole database rather than one table.</summary>
    public static bool Handles(string[] args)
    {
        int verb = Array.FindIndex(args, a => !a.StartsWith('-'));
        if (verb < 0) return false;
        string? first = args.Skip(verb + 1).FirstOrDefault(a => !a.StartsWith('-'));
        switch (args[verb])
        {
            case "fit" when args.Any(a => a is "--streaming" || a.StartsWith("--batch-rows", StringComparison.Ordinal) || a.StartsWith("--sample-rows", StringComparison.Ordinal)):
                return false; // one table out of core: a folder is its parts (issue #13), not a database
            case "inspect" or "fit" or "generate":
                return first is not null && (IsDatabase(first) || args.Any(IsSequenceOption));
            case "sample" or "model":
                return first is not null && File.Exists(first) && DatabaseModelFile.IsDatabaseModel(first);
            case "subset":
                return true;
            case "evaluate":
                int real = Array.IndexOf(args, "--real");
                return real >= 0 && real + 1 < args.Length && (IsDatabase(args[real + 1]) || args.Any(IsSequenceOption));
            default:
                return false;
        }
    }

    // A single file with sequence options is a one-table database.
    private static bool IsSequenceOption(string arg) =>
        arg is "--sequence" or "--transitions" || arg.StartsWith("--sequence=", StringComparison.Ordinal) || arg.StartsWith("--transitions=", StringComparison.Ordinal);

    private static bool IsDatabase(string text) =>
        text.StartsWith(Doppel.Databases.DatabaseProviders.EnvironmentPrefix, StringComparison.Ordinal)
        || Directory.Exists(text) || (!File.Exists(text) || Path.GetExtension(text).ToLowerInvariant() is ".sqlite" or ".sqlite3" or ".db")
            && DatabaseLocation.Parse(text).Kind != DatabaseKind.Folder;

    public static RootCommand Root(CliConsole console) => new("Doppel: synthesize whole databases, faithful across tables.")
    {
        CliApp.Quiet,
        CliApp.Verbose,
        Commands.CommandSupport.DateFormat,
        Commands.CommandSupport.Culture,
        DatabaseOpener.SkipUnsupported,
        DatabaseCommands.Inspect(console),
        DatabaseCommands.Fit(console),
        DatabaseCommands.Sample(console),
        DatabaseCommands.Generate(console),
        DatabaseCommands.Evaluate(console),
        DatabaseCommands.Model(console),
        SubsetCommand.Create(console),
    };
}
