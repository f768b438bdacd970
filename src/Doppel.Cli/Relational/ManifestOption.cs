using System.CommandLine;
using Doppel.Relational;

namespace Doppel.Cli.Relational;

/// <summary>
/// <c>--manifest FILE</c> of the commands that write a database: one manifest per output, by default
/// <c>OUTPUT.manifest.json</c> beside a folder or SQLite file and <c>DBNAME.SCHEMA.manifest.json</c> in the current
/// folder for PostgreSQL (<see cref="DatabaseManifest.PathFor(DatabaseLocation)"/>).
/// </summary>
internal static class ManifestOption
{
    public static Option<string?> Create() => new("--manifest")
    {
        Description = "Where to write the output's manifest (tables, rows, hashes; never a password). Default: OUTPUT.manifest.json beside a folder or SQLite file, DBNAME.SCHEMA.manifest.json in the current folder for PostgreSQL.",
    };

    /// <summary>The manifest's path, refused before anything is written when it exists and --force is not given.</summary>
    public static string Resolve(DatabaseLocation location, string? given, bool force)
    {
        string path = given is null ? DatabaseManifest.PathFor(location) : Path.GetFullPath(given);
        if (File.Exists(path) && !force) throw new DoppelException(ErrorKind.IO, $"{path} already exists. Pass --force to replace it (or --manifest to write it elsewhere).");
        return path;
    }

    /// <summary>
    /// Refuses, before any fitting or sampling, an output folder or SQLite file and a manifest that exist without
    /// --force (the sink and <see cref="Resolve"/> check again when they write).
    /// </summary>
    public static void CheckBefore(DatabaseLocation location, string? given, bool force)
    {
        if (!force && (location.Kind == DatabaseKind.Folder && Directory.Exists(location.Path) || location.Kind == DatabaseKind.Sqlite && File.Exists(location.Path)))
            throw new DoppelException(ErrorKind.IO, $"{location.Path} already exists. Pass --force to replace it.");
        Resolve(location, given, force);
    }

    /// <summary>
    /// The sink for <paramref name="location"/> whose tables the manifest lists (<see cref="WrittenBy"/>): a folder's
    /// files carry their own hashes; a database's tables are hashed as the rows are sent.
    /// </summary>
    public static IDatabaseSink OpenSink(DatabaseLocation location, bool overwrite, IReadOnlyDictionary<string, string> fileNames)
    {
        var opened = DatabaseOpener.OpenSink(location, overwrite, fileNames);
        return opened is FolderDatabaseSink ? opened : new DigestingSink(opened, TargetOf(location));
    }

    /// <summary>The tables a sink from <see cref="OpenSink"/> wrote, with their rows and hashes.</summary>
    public static IReadOnlyList<WrittenTable> WrittenBy(IDatabaseSink sink) => sink is FolderDatabaseSink folder ? folder.Written : ((DigestingSink)sink).Written;

    /// <summary>What the hashes of a sink from <see cref="OpenSink"/> cover: null for files (their bytes).</summary>
    public static string? HashesOf(IDatabaseSink sink) => sink is FolderDatabaseSink ? null : DigestingSink.HashDefinition;

    /// <summary>What a manifest names as a table's target: <c>schema.table</c> in PostgreSQL, the table in SQLite.</summary>
    public static Func<string, string> TargetOf(DatabaseLocation location) =>
        location.Kind == DatabaseKind.Postgres && location.Parameters.TryGetValue("schema", out var schema) ? table => $"{schema}.{table}" : table => table;
}
