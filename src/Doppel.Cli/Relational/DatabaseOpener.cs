using Doppel.Relational;

namespace Doppel.Cli.Relational;

/// <summary>
/// Opens a <see cref="DatabaseLocation"/> as a source or sink. Folders are built in; SQLite and PostgreSQL come
/// from the Doppel.Databases providers, which this build does not include yet (a clear error, not a crash).
/// </summary>
internal static class DatabaseOpener
{
    public static IDatabaseSource OpenSource(DatabaseLocation location, CommandOptions options) => location.Kind switch
    {
        DatabaseKind.Folder => FolderDatabase.Open(location.Path, options.Parse),
        _ => throw NotAvailable(location),
    };

    public static IDatabaseSink OpenSink(DatabaseLocation location, bool force, IReadOnlyDictionary<string, string> fileNames) => location.Kind switch
    {
        DatabaseKind.Folder => FolderDatabase.CreateSink(location.Path, force, fileNames),
        _ => throw NotAvailable(location),
    };

    private static DoppelException NotAvailable(DatabaseLocation location) =>
        new(ErrorKind.Usage, $"{location} is a {(location.Kind == DatabaseKind.Sqlite ? "SQLite" : "PostgreSQL")} database; this build reads and writes folders of CSV or Parquet files only (the SQLite and PostgreSQL providers ship in Doppel.Databases).");

    /// <summary>What opening needs from the command line.</summary>
    public sealed record CommandOptions(Doppel.Metadata.ParseOptions Parse);
}
