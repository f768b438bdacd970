using Doppel.Rules;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// Sequential CART (synthpop-style): columns are generated one after another, the first from its marginal, each
/// later one from a decision tree fitted on the columns before it, by dropping the partly generated row down the
/// tree and drawing from the leaf. Captures interactions and non-monotone relations a copula cannot.
/// </summary>
/// <remarks>
/// Privacy: leaves keep class counts (rare categories merged into the protected bucket) or a smoothed summary of at
/// least 20 rows (at most 16 knots, each the mean of at least two values; only values held by at least k rows are
/// reproduced exactly), never rows. Ids, text and PII are generated as by the copula. Fit cost: one histogram-based tree per column.
/// Sampling is parallel over batches and deterministic.
/// </remarks>
public sealed class SequentialTreeSynthesizer(SynthesizerOptions? options = null) : ISynthesizer
{
    /// <summary>The CLI name.</summary>
    public const string SynthesizerName = "sequential-tree";

    /// <inheritdoc/>
    public string Name => SynthesizerName;

    /// <inheritdoc/>
    public SynthesisModel Fit(Table data, TableMetadata metadata) =>
        RuleFit.Fit(data, metadata, options ?? new(), (t, m) => SequentialTreeFitter.Fit(t, m, options ?? new(), new TreeSettings(), Name));
}
