using Doppel.Data;
using Doppel.Synthesizers;

namespace Doppel.Streaming;

/// <summary>
/// Fitting data larger than memory (issue #13, GUIDE section 11). The Gaussian copula (and the independent
/// baseline) fits from mergeable statistics gathered in two passes over the batches, so memory depends on the
/// columns, not the rows. Synthesizers that need rows — the sequential tree, and for now the Bayesian network and
/// MST — fit on a seeded uniform sample of at most <c>sampleRows</c> rows drawn in one pass (<see cref="Sample"/>).
/// </summary>
public static class StreamedFit
{
    /// <summary>Rows sampled for synthesizers that fit on rows, unless told otherwise.</summary>
    public const int DefaultSampleRows = 1_000_000;

    /// <summary>True when <paramref name="synthesizer"/> fits from statistics (two passes) rather than from a row sample.</summary>
    public static bool FitsFromStatistics(string synthesizer) =>
        synthesizer is GaussianCopulaSynthesizer.SynthesizerName or IndependentSynthesizer.SynthesizerName;

    /// <summary>Fits the Gaussian copula (or, with <paramref name="synthesizer"/> = independent, the baseline) out of core.</summary>
    /// <exception cref="DoppelException">For a synthesizer that does not fit from statistics, or data a model may not be made of.</exception>
    public static SynthesisModel Fit(TableSource source, string synthesizer, SynthesizerOptions? options = null)
    {
        if (!FitsFromStatistics(synthesizer))
            throw new DoppelException(ErrorKind.Usage, $"Synthesizer '{synthesizer}' fits on a row sample out of core, not from statistics: use StreamedFit.Sample.");
        return StreamedCopula.Fit(source, options ?? new(), synthesizer, correlated: synthesizer == GaussianCopulaSynthesizer.SynthesizerName);
    }

    /// <summary>
    /// A seeded uniform sample of at most <paramref name="rows"/> rows of the whole stream, in one pass: the same
    /// rows for the same seed whatever the batch size, and the same whether the data is one file or its parts.
    /// </summary>
    public static Table Sample(TableSource source, int rows, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var reservoir = new RowReservoir(rows, seed, source.Metadata);
        foreach (var batch in source.Read()) reservoir.Add(batch.Table, batch.File, batch.FirstRow);
        return reservoir.ToTable();
    }
}
