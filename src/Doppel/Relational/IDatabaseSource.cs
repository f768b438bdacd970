using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>
/// Where a database is read from: a folder of files, a SQLite file, a live PostgreSQL database. Opened from a
/// <see cref="DatabaseLocation"/> by a provider.
/// </summary>
public interface IDatabaseSource : IDisposable
{
    /// <summary>What the source is, safe to print: never a password.</summary>
    string Description { get; }

    /// <summary>
    /// The tables, their columns, keys and relationships: declared ones from a catalog, or detected ones (from names
    /// and value inclusion) for a folder of files.
    /// </summary>
    DatasetMetadata ReadMetadata();

    /// <summary>The rows of <paramref name="table"/>, typed per that metadata.</summary>
    Table ReadTable(TableMetadata table);
}
