using Doppel.Metadata;

namespace Doppel.Streaming;

/// <summary>
/// What the first pass over a stream learns, per column (<see cref="ColumnSummary"/>) plus, when asked, a seeded row
/// sample (<see cref="RowReservoir"/>) for what needs rows (text and id columns, the sequential tree). One object per
/// shard or file; <see cref="Merge"/> adds a later shard, so a distributed fit merges the shards' objects in shard
/// order and gets the statistics of the whole stream.
/// </summary>
internal sealed class FirstPassStatistics
{
    public FirstPassStatistics(TableMetadata metadata, int sampleRows, ulong seed)
    {
        Metadata = metadata;
        Columns = [.. metadata.Columns.Select(_ => new ColumnSummary())];
        Sample = sampleRows > 0 ? new RowReservoir(sampleRows, seed, metadata) : null;
    }

    /// <summary>Statistics restored from their parts (a shard's, received by the client of a distributed fit).</summary>
    internal FirstPassStatistics(TableMetadata metadata, ColumnSummary[] columns, RowReservoir? sample, long rows)
    {
        Metadata = metadata;
        Columns = columns;
        Sample = sample;
        Rows = rows;
    }

    public TableMetadata Metadata { get; }

    public ColumnSummary[] Columns { get; }

    public RowReservoir? Sample { get; }

    public long Rows { get; private set; }

    public void Add(TableBatch batch)
    {
        Rows += batch.Table.RowCount;
        Parallelism.For(0, Columns.Length, c => Columns[c].Add(batch.Table.Columns[c]));
        Sample?.Add(batch.Table, batch.File, batch.FirstRow);
    }

    /// <summary>Adds the statistics of a later part of the stream (same metadata).</summary>
    public void Merge(FirstPassStatistics other)
    {
        Rows += other.Rows;
        for (int c = 0; c < Columns.Length; c++) Columns[c].Merge(other.Columns[c]);
        if (other.Sample is not null) Sample?.Merge(other.Sample);
    }
}
