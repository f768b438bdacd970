using Doppel.Rules;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Mst;
using Doppel.Synthesizers.Trees;

namespace Doppel.Synthesizers;

/// <summary>
/// A recipe for learning a model from real data. <see cref="Fit"/> is the only place that sees real rows; the
/// model it returns holds statistics, never rows, and samples as often as wanted.
/// </summary>
public interface ISynthesizer
{
    /// <summary>The name used on the CLI (<c>--synthesizer</c>) and in model files.</summary>
    string Name { get; }

    /// <summary>Learns a model from <paramref name="data"/> described by <paramref name="metadata"/>.</summary>
    SynthesisModel Fit(Table data, TableMetadata metadata);
}

/// <summary>
/// The Gaussian copula (default): empirical quantile marginals, frequency-interval categoricals, null indicators,
/// and a correlation matrix of the normal scores that carries the dependence between all of them.
/// </summary>
/// <remarks>Fit cost: one sort per column and one pass per column pair. Sampling is parallel and deterministic.</remarks>
public sealed class GaussianCopulaSynthesizer(SynthesizerOptions? options = null) : ISynthesizer
{
    /// <summary>The CLI name.</summary>
    public const string SynthesizerName = "gaussian-copula";

    /// <inheritdoc/>
    public string Name => SynthesizerName;

    /// <inheritdoc/>
    public SynthesisModel Fit(Table data, TableMetadata metadata) =>
        RuleFit.Fit(data, metadata, options ?? new(), (t, m) => CopulaFitter.Fit(t, m, options ?? new(), Name, correlated: true));
}

/// <summary>The baseline: every column drawn from its own marginal, independently of the others.</summary>
public sealed class IndependentSynthesizer(SynthesizerOptions? options = null) : ISynthesizer
{
    /// <summary>The CLI name.</summary>
    public const string SynthesizerName = "independent";

    /// <inheritdoc/>
    public string Name => SynthesizerName;

    /// <inheritdoc/>
    public SynthesisModel Fit(Table data, TableMetadata metadata) =>
        RuleFit.Fit(data, metadata, options ?? new(), (t, m) => CopulaFitter.Fit(t, m, options ?? new(), Name, correlated: false));
}

/// <summary>Finds synthesizers by name.</summary>
public static class SynthesizerCatalog
{
    /// <summary>The synthesizers without differential privacy (what <see cref="Create(string, SynthesizerOptions?)"/> makes).</summary>
    public static IReadOnlyList<string> Names { get; } = [GaussianCopulaSynthesizer.SynthesizerName, IndependentSynthesizer.SynthesizerName, SequentialTreeSynthesizer.SynthesizerName, BayesianNetworkSynthesizer.SynthesizerName];

    /// <summary>The differentially private synthesizers: the only ones that accept a privacy request.</summary>
    public static IReadOnlyList<string> DifferentiallyPrivate { get; } = [MstSynthesizer.SynthesizerName];

    /// <summary>Every name: <see cref="Names"/> and <see cref="DifferentiallyPrivate"/>.</summary>
    public static IReadOnlyList<string> AllNames { get; } = [.. Names, .. DifferentiallyPrivate];

    /// <summary>
    /// The synthesizer called <paramref name="name"/>. With <paramref name="privacy"/>, only a differentially private
    /// one; a differentially private one needs it.
    /// </summary>
    public static ISynthesizer Create(string name, SynthesizerOptions? options, DifferentialPrivacyOptions? privacy)
    {
        bool dp = DifferentiallyPrivate.Contains(name);
        if (privacy is not null && !dp && AllNames.Contains(name))
            throw new DoppelException(ErrorKind.Usage, $"Synthesizer '{name}' cannot honour a privacy budget (--epsilon); the differentially private ones are: {string.Join(", ", DifferentiallyPrivate)}.");
        if (dp && privacy is null)
            throw new DoppelException(ErrorKind.Usage, $"Synthesizer '{name}' is differentially private and needs a budget: pass --epsilon (and optionally --delta).");
        return dp ? new MstSynthesizer(privacy!, options) : Create(name, options);
    }

    /// <summary>The synthesizer called <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static ISynthesizer Create(string name, SynthesizerOptions? options = null) => name switch
    {
        GaussianCopulaSynthesizer.SynthesizerName => new GaussianCopulaSynthesizer(options),
        IndependentSynthesizer.SynthesizerName => new IndependentSynthesizer(options),
        SequentialTreeSynthesizer.SynthesizerName => new SequentialTreeSynthesizer(options),
        BayesianNetworkSynthesizer.SynthesizerName => new BayesianNetworkSynthesizer(options),
        MstSynthesizer.SynthesizerName => throw new DoppelException(ErrorKind.Usage, $"Synthesizer '{name}' is differentially private and needs a budget: pass --epsilon (and optionally --delta)."),
        _ => throw new DoppelException(ErrorKind.Usage, $"Unknown synthesizer '{name}'. Choose one of: {string.Join(", ", AllNames)}."),
    };
}
