using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// The differentially private synthesizer (MST: McKenna, Miklau and Sheldon, "Winning the NIST Contest: A scalable
/// and general approach to differentially private synthetic data", 2021): noisy one-way marginals of every column,
/// a spanning tree of column pairs chosen by the exponential mechanism, noisy two-way marginals along it, and a
/// tree-shaped graphical model estimated from them (Private-PGM), sampled like the Bayesian network.
/// </summary>
/// <remarks>
/// Privacy: (ε, δ)-DP with respect to adding or removing one row, accounted in zCDP (see <see cref="Privacy.Dp.Zcdp"/>);
/// the model records the budget and what it was spent on, and sampling from it is post-processing, unlimited. The
/// noise is discrete Gaussian from a cryptographically secure source. The model holds the estimated tables, never
/// rows, and withholds the data's fingerprint and exact row count. Ids and PII are generated from their type alone;
/// free-text columns are refused. Fit cost: columns² passes over the coded rows, plus the estimation (UCI Adult: well
/// under a second).
/// </remarks>
public sealed class MstSynthesizer(DifferentialPrivacyOptions privacy, SynthesizerOptions? options = null) : ISynthesizer
{
    /// <summary>The CLI name.</summary>
    public const string SynthesizerName = "mst";

    /// <inheritdoc/>
    public string Name => SynthesizerName;

    /// <summary>The privacy request.</summary>
    public DifferentialPrivacyOptions Privacy => privacy;

    /// <inheritdoc/>
    public SynthesisModel Fit(Table data, TableMetadata metadata) => Fit(data, metadata, null);

    /// <summary>Fits, adding to <paramref name="warnings"/> what the user should know (values clipped to public bounds, a domain estimated privately).</summary>
    public SynthesisModel Fit(Table data, TableMetadata metadata, IList<string>? warnings) => MstFitter.Fit(data, metadata, options ?? new(), privacy, Name, warnings);
}
