namespace Doppel.Sharding;

/// <summary>
/// How a sample is cut into shards: a fixed number of virtual shards, each with its row count and the global index of
/// its first row (a prefix sum), independent of how many workers run them. Shard <c>k</c> is a pure function of
/// (model, seed, k, its rows, its first row), so any worker may run it, again and again, with the same bytes.
/// </summary>
public sealed record ShardPlan
{
    private ShardPlan(long[] rows)
    {
        ShardRows = rows;
        var first = new long[rows.Length];
        for (int k = 1; k < rows.Length; k++) first[k] = first[k - 1] + rows[k - 1];
        FirstRows = first;
        Rows = rows.Sum();
    }

    /// <summary>Rows in all shards together.</summary>
    public long Rows { get; }

    /// <summary>The number of shards (parts).</summary>
    public int Shards => ShardRows.Count;

    /// <summary>Rows of each shard, in shard order.</summary>
    public IReadOnlyList<long> ShardRows { get; }

    /// <summary>The global index of each shard's first row (so generated ids stay unique across parts).</summary>
    public IReadOnlyList<long> FirstRows { get; }

    /// <summary><paramref name="rows"/> spread over <paramref name="shards"/> parts as evenly as possible (the first ones take the remainder).</summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.Usage"/> for a negative row count or fewer than one shard.</exception>
    public static ShardPlan Even(long rows, int shards)
    {
        CheckRows(rows);
        if (shards < 1) throw new DoppelException(ErrorKind.Usage, $"--partitions must be at least 1, not {shards}.");
        if (shards > MaxShards) throw new DoppelException(ErrorKind.Usage, $"--partitions must be at most {MaxShards:N0}, not {shards:N0}.");
        return new ShardPlan([.. Enumerable.Range(0, shards).Select(k => rows / shards + (k < rows % shards ? 1 : 0))]);
    }

    /// <summary><paramref name="rows"/> in parts of <paramref name="rowsPerPart"/> rows (the last one takes the rest); at least one part.</summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.Usage"/> for a negative row count or a part size below 1.</exception>
    public static ShardPlan PerPart(long rows, long rowsPerPart)
    {
        CheckRows(rows);
        if (rowsPerPart < 1) throw new DoppelException(ErrorKind.Usage, $"--rows-per-file must be at least 1, not {rowsPerPart}.");
        long shards = Math.Max(1, (rows + rowsPerPart - 1) / rowsPerPart);
        if (shards > MaxShards) throw new DoppelException(ErrorKind.Usage, $"{rows:N0} rows at {rowsPerPart:N0} per file make {shards:N0} files, more than {MaxShards:N0}; ask for larger files.");
        return new ShardPlan([.. Enumerable.Range(0, (int)shards).Select(k => Math.Min(rowsPerPart, rows - k * rowsPerPart))]);
    }

    /// <summary>The most parts a plan may have (part names have five digits).</summary>
    public const int MaxShards = 99_999;

    /// <summary>The file name of shard <paramref name="shard"/>'s part, e.g. <c>part-00003.parquet</c>.</summary>
    public static string PartName(int shard, string extension) => $"part-{shard:D5}.{extension}";

    private static void CheckRows(long rows)
    {
        if (rows < 0) throw new DoppelException(ErrorKind.Usage, $"--rows must be 0 or more, not {rows}.");
    }
}
