using Doppel.Databases.Postgres;
using Doppel.Databases.Sqlite;
using Doppel.Relational;

namespace Doppel.Databases;

/// <summary>Opens any <see cref="DatabaseLocation"/>: a folder of files, a SQLite file or a live PostgreSQL database.</summary>
public static class DatabaseProviders
{
    /// <summary>The prefix that reads a location from an environment variable: <c>env:DATABASE_URL</c>.</summary>
    public const string EnvironmentPrefix = "env:";

    /// <summary>
    /// Parses what a user wrote as a database location; <c>env:NAME</c> reads it from environment variable NAME, so
    /// a connection string (and any password in it) never appears on a command line or in a shell history.
    /// </summary>
    public static DatabaseLocation ParseLocation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)) return DatabaseLocation.Parse(text);
        string name = text[EnvironmentPrefix.Length..];
        string? value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new DoppelException(ErrorKind.Usage, $"The environment variable {name} is not set; it should hold the database location (e.g. postgresql://user@host/dbname).")
            : DatabaseLocation.Parse(value);
    }

    /// <summary>A source for reading <paramref name="location"/>.</summary>
    public static IDatabaseSource OpenSource(DatabaseLocation location, DatabaseConnectOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= DatabaseConnectOptions.Default;
        return location.Kind switch
        {
            DatabaseKind.Sqlite => SqliteSource.Open(location.Path, options),
            DatabaseKind.Postgres => PostgresSource.Open(location.Parameters, options),
            _ => FolderDatabase.Open(location.Path, options.Parse),
        };
    }

    /// <summary>
    /// A sink that writes <paramref name="location"/> all or nothing; an existing target is refused unless
    /// <see cref="DatabaseConnectOptions.Force"/>.
    /// </summary>
    /// <param name="location">Where to write.</param>
    /// <param name="options">Connection and overwrite options.</param>
    /// <param name="fileNames">For folders: each table's file name (the input's names and format); by default TABLE.csv.</param>
    public static IDatabaseSink OpenSink(DatabaseLocation location, DatabaseConnectOptions? options = null, IReadOnlyDictionary<string, string>? fileNames = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= DatabaseConnectOptions.Default;
        return location.Kind switch
        {
            DatabaseKind.Sqlite => SqliteSink.Open(location.Path, options),
            DatabaseKind.Postgres => PostgresSink.Open(location.Parameters, options),
            _ => FolderDatabase.CreateSink(location.Path, options.Force, fileNames),
        };
    }
}
