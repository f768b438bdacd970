using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Streaming;

/// <summary>
/// A seeded uniform sample of a stream's rows without replacement, of at most <see cref="Capacity"/> rows: each row
/// gets a random key that depends only on (seed, file, row in file), and the sample is the rows with the smallest
/// keys. So it does not depend on batch sizes or thread counts, and the merge of the reservoirs of several files or
/// workers is exactly the reservoir of all of them (the smallest keys of the union).
/// </summary>
internal sealed class RowReservoir(int capacity, ulong seed, TableMetadata metadata)
{
    private readonly List<Table> _parts = [];
    private readonly List<ulong[]> _keys = [];
    private int _held;
    private ulong _threshold = ulong.MaxValue; // keys at or above it can no longer enter

    /// <summary>The most rows kept.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Offers a batch's rows (file index and the first row's index in that file name each row).</summary>
    public void Add(Table batch, int file, long firstRow)
    {
        var rows = new List<int>();
        var keys = new List<ulong>();
        for (int i = 0; i < batch.RowCount; i++)
        {
            ulong key = KeyOf(file, firstRow + i);
            if (key < _threshold) { rows.Add(i); keys.Add(key); }
        }
        if (rows.Count == 0) return;
        Hold(rows.Count == batch.RowCount ? batch : TableRows.Select(batch, rows), [.. keys]);
    }

    /// <summary>Adds another reservoir's rows (same capacity and seed): the result is the reservoir of both streams.</summary>
    public void Merge(RowReservoir other)
    {
        for (int p = 0; p < other._parts.Count; p++) Hold(other._parts[p], other._keys[p]);
    }

    /// <summary>The sample: the kept rows in key order (a random order, fixed by the seed).</summary>
    public Table ToTable()
    {
        Prune(Capacity);
        return _parts.Count == 1 ? _parts[0] : TableAppend.Concat(_parts, metadata);
    }

    /// <summary>The kept rows in key order and their keys (what a shard sends; <see cref="Restore"/> takes it back).</summary>
    internal (Table? Rows, ulong[] Keys) Contents()
    {
        Prune(Capacity);
        return _parts.Count == 0 ? (null, []) : (_parts[0], _keys[0]);
    }

    /// <summary>A reservoir holding <paramref name="rows"/> with their <paramref name="keys"/> (from <see cref="Contents"/>).</summary>
    internal static RowReservoir Restore(int capacity, ulong seed, TableMetadata metadata, Table? rows, ulong[] keys)
    {
        var reservoir = new RowReservoir(capacity, seed, metadata);
        if (rows is not null && rows.RowCount > 0) reservoir.Hold(rows, keys);
        return reservoir;
    }

    /// <summary>Rows held.</summary>
    public int Count => Math.Min(_held, Capacity);

    private void Hold(Table part, ulong[] keys)
    {
        _parts.Add(part);
        _keys.Add(keys);
        _held += part.RowCount;
        if (_held >= Capacity + Capacity / 4 + 1) Prune(Capacity); // a quarter over: few prunes, little memory beyond the sample
    }

    /// <summary>Keeps the <paramref name="keep"/> rows with the smallest keys, in key order, as one part.</summary>
    private void Prune(int keep)
    {
        if (_parts.Count == 0) return;
        var all = TableAppend.Concat(_parts, metadata);
        var keys = _keys.SelectMany(k => k).ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, order);
        int kept = Math.Min(keep, keys.Length);
        var table = TableRows.Select(all, order[..kept]);
        _parts.Clear();
        _keys.Clear();
        _parts.Add(table);
        _keys.Add(keys[..kept]);
        _held = kept;
        if (kept == keep) _threshold = keys[kept - 1];
    }

    private ulong KeyOf(int file, long row)
    {
        // SplitMix64 of (seed, file, row): a fixed random key per row.
        ulong z = seed ^ ((ulong)file * 0xD1B54A32D192ED03UL) ^ ((ulong)row * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
