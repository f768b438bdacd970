using Doppel.Privacy.Pii;

namespace Doppel.Synthesizers;

/// <summary>Options shared by the synthesizers. Immutable; change with <c>with</c>.</summary>
public sealed record SynthesizerOptions
{
    /// <summary>Categories (and text shapes) seen fewer times than this are not reproduced; default 5.</summary>
    public int RareThreshold { get; init; } = 5;

    /// <summary>Reproduce rare categories too (weaker privacy; off by default).</summary>
    public bool KeepRare { get; init; }

    /// <summary>Write draws from the rare bucket as <c>_RARE_</c> instead of a frequent category.</summary>
    public bool RareAsToken { get; init; }

    /// <summary>
    /// Seed for the randomness used while fitting (tie-breaking in the encoders, <c>auto</c>'s validation split);
    /// default 0: nothing is drawn at random, so the same data and options always give the same model.
    /// </summary>
    public ulong FitSeed { get; init; }

    /// <summary>
    /// Find the exact relations the real data keeps (an order between two columns, e.g. pickup before dropoff) and
    /// keep them by construction (docs/architecture.md, "Learned rules"); default true. A fit-time choice: the rules
    /// found are stored in the model, so the option itself is not.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool LearnRules { get; init; } = true;

    /// <summary>
    /// When the model was fitted on a seeded uniform sample of a larger stream (an out-of-core fit of a synthesizer
    /// that needs rows, <c>fit --sample-rows</c>), the sample's size; null otherwise. Saved in the model (provenance).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? SampleRows { get; init; }

    /// <summary>
    /// Locale of generated PII (names, addresses, phone formats), one of Bogus's: <c>en</c> (default), <c>de</c>,
    /// <c>fr</c>, <c>en_GB</c>, <c>pt_BR</c>, ... Case and <c>-</c>/<c>_</c> do not matter; an unknown locale is a
    /// <see cref="ErrorKind.Usage"/> error that lists the valid ones. Saved in the model.
    /// </summary>
    public string PiiLocale
    {
        get;
        init => field = PiiLocales.Validate(value);
    } = PiiLocales.Default;
}
