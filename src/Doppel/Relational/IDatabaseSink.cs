using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>
/// Where a database is written: all or nothing. Tables are opened one at a time in topological order, each
/// written completely (<see cref="ITableWriter.Complete"/>) before the next is opened; <see cref="Commit"/> then
/// creates keys and constraints and makes everything visible at once. Disposing without <see cref="Commit"/>
/// leaves nothing visible.
/// </summary>
public interface IDatabaseSink : IDisposable
{
    /// <summary>A writer for the rows of <paramref name="table"/>; called once per table.</summary>
    ITableWriter OpenTable(TableMetadata table);

    /// <summary>Creates keys and constraints of <paramref name="metadata"/> and makes the written tables visible.</summary>
    void Commit(DatasetMetadata metadata);
}
