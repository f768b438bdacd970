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

    public static void Run(SynthesisModel model, long rows, SampleOptions options, ITableWriter writer, IProgress<long>? progress, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int threads = Math.Max(1, options.Threads);
        long batches = (rows + BatchSize - 1) / BatchSize;
        int window = threads * 2;
        var encoded = new object?[window];
        long done = 0;
        for (long start = 0; start < batches; start += window)
        {
            int n = (int)Math.Min(window, batches - start);
            Parallelism.For(0, n, j =>
            {
                long batch = start + j;
                long first = batch * BatchSize;
                int count = (int)Math.Min(BatchSize, rows - first);
                encoded[j] = writer.Encode(model.SampleBatch(batch, first, count, options.Seed));
            }, threads, cancel);
            for (int j = 0; j < n; j++)
            {
                writer.Write(encoded[j]!);
                encoded[j] = null;
            }
            done = Math.Min(rows, (start + n) * BatchSize);
            progress?.Report(done);
        }
        writer.Complete();
    }
}
