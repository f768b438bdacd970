using Doppel.Databases.Postgres;
using Doppel.Databases.Sqlite;
using Doppel.Relational;

namespace Doppel.Databases;

/// <summary>Opens any <see cref="DatabaseLocation"/>: a folder of files, a SQLite file or a live PostgreSQL database.</summary>
public static class DatabaseProviders
{
    /// <summary>A source for reading <paramref name="location"/>.</summary>
    public static IDatabaseSource OpenSource(DatabaseLocation location, DatabaseConnectOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= DatabaseConnectOptions.Default;
        return location.Kind switch
        {
            DatabaseKind.Sqlite => SqliteSource.Open(location.Path, options),
            DatabaseKind.Postgres => PostgresSource.Open(location.Parameters, options),
            _ => FolderDatabase.Open(location.Path),
        };
    }

    /// <summary>
    /// A sink that writes <paramref name="location"/> all or nothing; an existing target is refused unless
    /// <see cref="DatabaseConnectOptions.Force"/>.
    /// </summary>
    public static IDatabaseSink OpenSink(DatabaseLocation location, DatabaseConnectOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= DatabaseConnectOptions.Default;
        return location.Kind switch
        {
            DatabaseKind.Sqlite => SqliteSink.Open(location.Path, options),
            DatabaseKind.Postgres => PostgresSink.Open(location.Parameters, options),
            _ => FolderDatabase.CreateSink(location.Path, options.Force),
        };
    }
}
