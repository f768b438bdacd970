using Doppel.Data;
using Doppel.Expressions;
using Doppel.IO;
using Doppel.Synthesizers;

namespace Doppel.Sampling;

/// <summary>
/// Streams a model's rows into a writer: fixed-size batches, each from its own random stream, generated and encoded
/// in parallel a window at a time and written in order. Memory is bounded by the window, not by the row count.
/// </summary>
internal static class SamplingPipeline
{
    /// <summary>
    /// Rows per batch. Part of the seeded output's definition: changing it changes output. Small enough that a
    /// batch's column arrays (64 KiB of doubles) stay off the large-object heap and die young.
    /// </summary>
    public const int BatchSize = 8_192;

    /// <remarks>Batch <c>b</c> generates global rows from <paramref name="rowOffset"/> + b·<see cref="BatchSize"/> (a shard of a partitioned sample starts at its prefix sum).</remarks>
    public static void Run(SynthesisModel model, long rows, SampleOptions options, ITableWriter writer, IProgress<long>? progress, CancellationToken cancel,
        Func<Table, long, ulong, Table>? transform = null, long rowOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int threads = Math.Max(1, options.Threads);
        long batches = (rows + BatchSize - 1) / BatchSize;
        int window = threads * 2;
        long done = 0;
        // Each window is written while the next is generated (BackgroundWrites).
        using (var writes = new BackgroundWrites(writer))
        {
            for (long start = 0; start < batches; start += window)
            {
                int n = (int)Math.Min(window, batches - start);
                var encoded = new object[n];
                long windowStart = start;
                Parallelism.For(0, n, j =>
                {
                    long batch = windowStart + j;
                    long first = batch * BatchSize;
                    int count = (int)Math.Min(BatchSize, rows - first);
                    var table = model.SampleBatch(batch, rowOffset + first, count, options.Seed);
                    encoded[j] = writer.Encode(transform is null ? table : transform(table, batch, options.Seed));
                }, threads, cancel);
                writes.Enqueue(encoded);
                done = Math.Min(rows, (start + n) * BatchSize);
                progress?.Report(done);
            }
            writes.Finish();
        }
        writer.Complete();
    }

    /// <summary>
    /// Rows satisfying <paramref name="condition"/>: full batches are generated as usual (same streams), filtered, and
    /// kept in batch order until exactly <paramref name="rows"/> are written, so the output is deterministic and the
    /// count exact. A condition the model almost never meets is refused with its observed acceptance rate rather than
    /// looping for hours. <paramref name="inOrder"/>, when given, filters each batch's kept rows in output order (the
    /// uniqueness of a constrained column across batches).
    /// </summary>
    public static void RunConditional(Func<long, long, int, ulong, Table> sampleBatch, long rows, SampleOptions options, RowPredicate condition, string conditionText,
        ITableWriter writer, IProgress<long>? progress, CancellationToken cancel, Func<Table, long, ulong, Table>? transform = null, Func<Table, Table>? inOrder = null)
    {
        RunConditionalPart(sampleBatch, rows, options.Seed, options.Threads, condition, conditionText, writer, progress is null ? null : progress.Report, 0, cancel, transform, BatchSize, inOrder);
        writer.Complete();
    }

    /// <summary>
    /// <see cref="RunConditional"/> without completing the writer, so several parts (lines of a conditions file,
    /// classes of a rebalance) can follow one another: batch <c>b</c> of this part generates global rows from
    /// <paramref name="rowOffset"/> + b·<paramref name="batchSize"/> (ids stay unique across parts). A part of few
    /// rows may use smaller batches (part of its output's definition). Returns the rows generated.
    /// </summary>
    public static long RunConditionalPart(Func<long, long, int, ulong, Table> sampleBatch, long rows, ulong seed, int threadCount, RowPredicate condition, string conditionText,
        ITableWriter writer, Action<long>? progress, long rowOffset, CancellationToken cancel, Func<Table, long, ulong, Table>? transform = null, int batchSize = BatchSize,
        Func<Table, Table>? inOrder = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int threads = Math.Max(1, threadCount);
        int window = threads * 2;
        long limit = Math.Max(MinimumTries, rows * MaximumTriesPerRow);
        var kept = new Table?[window];
        var encoded = new object?[window];
        long accepted = 0, generated = 0;
        for (long start = 0, batches = Math.Min(window, (rows + batchSize - 1) / batchSize); accepted < rows; start += batches)
        {
            // Once the acceptance rate is known, generate only the batches still needed (with a margin): the same
            // batches in the same order either way, so output does not change, only the wasted work does.
            if (accepted > 0)
            {
                double needed = (rows - accepted) / ((double)accepted / generated) / batchSize;
                batches = (int)Math.Clamp(Math.Ceiling(needed * 1.1), 1, window);
            }
            if (generated >= limit)
                throw new DoppelException(ErrorKind.Unsatisfiable,
                    accepted == 0
                        ? $"No generated row met the condition \"{conditionText}\" in {generated:N0} tries: the model gives it (almost) no probability. Check the values, or relax the condition."
                        : $"Only {accepted:N0} of {generated:N0} generated rows met the condition \"{conditionText}\" (acceptance {(double)accepted / generated:P4}); {rows:N0} rows would take too long. Ask for fewer rows or relax the condition.");
            int n = (int)batches;
            Parallelism.For(0, n, j =>
            {
                long batch = start + j;
                var table = sampleBatch(batch, rowOffset + batch * batchSize, batchSize, seed);
                // A scenario alters rows before the check, so every written row meets the condition as written (and as the manifest says).
                if (transform is not null) table = transform(table, batch, seed);
                var rowsKept = new List<int>();
                for (int r = 0; r < table.RowCount; r++) if (condition(table, r)) rowsKept.Add(r);
                kept[j] = rowsKept.Count == table.RowCount ? table : TableRows.Select(table, rowsKept); // a conditional sampler's batch usually passes whole
            }, threads, cancel);
            generated += (long)n * batchSize;
            // In batch order: keep what is still needed (the last batch may be cut), then encode in parallel.
            int used = 0;
            for (; used < n && accepted < rows; used++)
            {
                var table = kept[used]!;
                if (inOrder is not null) kept[used] = table = inOrder(table);
                if (accepted + table.RowCount > rows) kept[used] = table = TableRows.Select(table, [.. Enumerable.Range(0, (int)(rows - accepted))]);
                accepted += table.RowCount;
            }
            Parallelism.For(0, used, j => encoded[j] = writer.Encode(kept[j]!), threads, cancel);
            for (int j = 0; j < used; j++)
            {
                writer.Write(encoded[j]!);
                encoded[j] = null;
                kept[j] = null;
            }
            progress?.Invoke(accepted);
        }
        return generated;
    }

    /// <summary>Rows generated before a rare condition is given up on: at least this many...</summary>
    private const long MinimumTries = 1_000_000;

    /// <summary>...or this many per requested row (an acceptance rate of 0.1%).</summary>
    private const long MaximumTriesPerRow = 1_000;
}
