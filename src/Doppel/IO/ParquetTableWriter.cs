using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.IO;

/// <summary>Writes batches as Parquet row groups with typed columns.</summary>
public sealed class ParquetTableWriter(Stream stream, TableMetadata metadata) : ITableWriter
{
    /// <inheritdoc/>
    public object Encode(Table batch) => throw new DoppelException(ErrorKind.Usage, "Parquet output is not built yet.");

    /// <inheritdoc/>
    public void Write(object encoded) => _ = (stream, metadata);

    /// <inheritdoc/>
    public void Complete() { }

    /// <inheritdoc/>
    public void Dispose() { }
}
