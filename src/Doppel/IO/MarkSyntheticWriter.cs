using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.IO;

/// <summary>Adds a boolean column that is true on every row, so synthetic rows stay recognisable wherever they go.</summary>
public sealed class MarkSyntheticWriter(ITableWriter inner) : ITableWriter
{
    /// <summary>The name of the added column.</summary>
    public const string ColumnName = "synthetic";

    /// <summary>The metadata with the marker column appended; an error if the table already has a column of that name.</summary>
    public static TableMetadata Extend(TableMetadata metadata)
    {
        if (metadata.Find(ColumnName) is not null)
            throw new DoppelException(ErrorKind.Usage, $"The data already has a column '{ColumnName}', so --mark-synthetic cannot add one. Rename that column first.");
        return metadata with { Columns = [.. metadata.Columns, new ColumnMetadata(ColumnName, SemanticType.Boolean)] };
    }

    /// <inheritdoc/>
    public object Encode(Table batch)
    {
        var marker = new bool[batch.RowCount];
        Array.Fill(marker, true);
        return inner.Encode(new Table([.. batch.Columns, new BooleanColumn(ColumnName, marker)], batch.RowCount));
    }

    /// <inheritdoc/>
    public void Write(object encoded) => inner.Write(encoded);

    /// <inheritdoc/>
    public void Complete() => inner.Complete();

    /// <inheritdoc/>
    public void Dispose() => inner.Dispose();
}
