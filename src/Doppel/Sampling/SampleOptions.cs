namespace Doppel.Sampling;

/// <summary>How to sample: the seed and the parallelism. Output depends on the seed only, never on the threads.</summary>
public sealed record SampleOptions
{
    /// <summary>
    /// The seed; the same model, seed and row count give byte-identical output. Default 0 (the library never draws
    /// a seed at random; the CLI does when --seed is omitted, and prints it).
    /// </summary>
    public ulong Seed { get; init; }

    /// <summary>Worker threads; default all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// A condition every sampled row satisfies (docs/expressions.md), e.g. <c>sex = 'Female' and age >= 30</c>;
    /// the row count stays exact. Null samples unconditionally.
    /// </summary>
    public string? Where { get; init; }

    /// <summary>
    /// Constraints for this run on top of the model's own (docs/constraints.md), e.g. <c>pickup &lt; dropoff</c> or
    /// <c>unique(id)</c>; every sampled row obeys them all.
    /// </summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>
    /// Marginals shifted on purpose for stress tests, e.g. <c>fraud=true:x10</c>, <c>age:+5</c>,
    /// <c>income:nulls+20%</c> (see docs/cli.md, <c>--scenario</c>). Null or empty: none.
    /// </summary>
    public IReadOnlyList<string>? Scenarios { get; init; }
}
