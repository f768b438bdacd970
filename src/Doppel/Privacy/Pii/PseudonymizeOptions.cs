namespace Doppel.Privacy.Pii;

/// <summary>Settings for <see cref="Pseudonymizer.Run"/>.</summary>
public sealed record PseudonymizeOptions
{
    /// <summary>Bogus locale of the fake names, addresses and phone formats (part of the mapping: keep it the same across runs).</summary>
    public string Locale { get; init; } = PiiLocales.Default;

    /// <summary>
    /// The columns to replace; null replaces every column the metadata marks as PII. A named column that is not
    /// marked PII is treated as the PII kind its values and name suggest, or as <c>pii:other</c> (same shape, random characters).
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Threads deriving the fake values; null uses every core. The output does not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
