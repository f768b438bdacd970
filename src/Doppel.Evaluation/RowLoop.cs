namespace Doppel.Evaluation;

/// <summary>
/// Runs a per-row search over chunks of query rows, in parallel when the work is large enough. Every row writes only
/// its own results, so the outcome is the same on any number of threads.
/// </summary>
internal static class RowLoop
{
    private const int Chunk = 64;

    /// <summary>
    /// Calls <paramref name="body"/> with (first, end) for consecutive chunks of <c>0 … rows − 1</c>;
    /// <paramref name="pairsPerRow"/> estimates the work to decide between the calling thread and a parallel loop.
    /// </summary>
    public static void Run(int rows, long pairsPerRow, PrivacyRiskOptions options, Action<int, int> body)
    {
        int chunks = (rows + Chunk - 1) / Chunk;
        if (options.MaxDegreeOfParallelism == 1 || (long)rows * pairsPerRow < options.SequentialBelowPairs)
        {
            for (int c = 0; c < chunks; c++) body(c * Chunk, Math.Min(rows, (c + 1) * Chunk));
            return;
        }
        Parallelism.For(0, chunks, c => body(c * Chunk, Math.Min(rows, (c + 1) * Chunk)), options.MaxDegreeOfParallelism);
    }
}
