using Doppel.Databases;
using Doppel.Relational;

namespace Doppel.Cli.Relational;

/// <summary>
/// Opens a <see cref="DatabaseLocation"/> as a source or sink through the Doppel.Databases providers: folders,
/// SQLite files and live PostgreSQL (password from PGPASSWORD or a .pgpass file, as libpq does).
/// </summary>
internal static class DatabaseOpener
{
    /// <summary>Leave out columns of types that cannot be synthesized (arrays, bytea, ...) instead of failing.</summary>
    public static readonly System.CommandLine.Option<bool> SkipUnsupported = new("--skip-unsupported")
    {
        Description = "Leave out database columns whose SQL type cannot be synthesized (arrays, bytea, tsvector, ...), with a note, instead of failing.",
        Recursive = true,
    };

    public static IDatabaseSource OpenSource(DatabaseLocation location, CommandOptions options) =>
        DatabaseProviders.OpenSource(location, new DatabaseConnectOptions { Parse = options.Parse, SkipUnsupported = options.SkipUnsupported, Warnings = options.Warnings });

    public static IDatabaseSink OpenSink(DatabaseLocation location, bool force, IReadOnlyDictionary<string, string> fileNames) =>
        DatabaseProviders.OpenSink(location, new DatabaseConnectOptions { Force = force }, fileNames);

    /// <summary>What opening needs from the command line.</summary>
    public sealed record CommandOptions(Doppel.Metadata.ParseOptions Parse)
    {
        /// <summary>--skip-unsupported.</summary>
        public bool SkipUnsupported { get; init; }

        /// <summary>Notes from the provider (left-out columns), printed as warnings.</summary>
        public ICollection<string>? Warnings { get; init; }
    }
}
