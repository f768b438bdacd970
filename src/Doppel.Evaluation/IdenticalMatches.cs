using System.Runtime.InteropServices;

namespace Doppel.Evaluation;

/// <summary>
/// Identical match share: rows whose scored values all equal those of some training row (Gower distance 0),
/// found exactly by hashing the shared codes of every training row.
/// </summary>
internal sealed class IdenticalMatches
{
    private readonly PrivacyEncoding _encoding;
    private readonly Dictionary<RowKey, int> _training; // row → how many training rows hold it

    /// <summary>Indexes every training row.</summary>
    public IdenticalMatches(PrivacyEncoding encoding)
    {
        _encoding = encoding;
        _training = new Dictionary<RowKey, int>(encoding.RowCounts[(int)PrivacyPart.Train]);
        for (int i = 0; i < encoding.RowCounts[(int)PrivacyPart.Train]; i++)
            CollectionsMarshal.GetValueRefOrAddDefault(_training, new RowKey(encoding, PrivacyPart.Train, i), out _)++;
    }

    /// <summary>
    /// The share of training rows identical to another training row: what a fresh sample of the same source
    /// matches by chance on tables of few distinct rows, so the base a copy is judged against without a holdout.
    /// </summary>
    public double TrainingDuplicateShare()
    {
        long duplicated = 0;
        foreach (int count in _training.Values) if (count > 1) duplicated += count;
        return (double)duplicated / _encoding.RowCounts[(int)PrivacyPart.Train];
    }

    /// <summary>The share of all rows of <paramref name="part"/> identical to a training row.</summary>
    public double Share(PrivacyPart part)
    {
        int rows = _encoding.RowCounts[(int)part], matches = 0;
        for (int i = 0; i < rows; i++) if (_training.ContainsKey(new RowKey(_encoding, part, i))) matches++;
        return (double)matches / rows;
    }

    /// <summary>A row's codes, compared by value.</summary>
    private readonly struct RowKey(PrivacyEncoding encoding, PrivacyPart part, int row) : IEquatable<RowKey>
    {
        private ReadOnlySpan<int> Codes => encoding.Codes(part, row);

        public bool Equals(RowKey other) => Codes.SequenceEqual(other.Codes);

        public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(Codes));
            return hash.ToHashCode();
        }
    }
}
