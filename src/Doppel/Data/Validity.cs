namespace Doppel.Data;

/// <summary>A validity bitmap: bit i set means row i holds a value, clear means null.</summary>
public sealed class Validity
{
    private readonly ulong[] _bits;

    /// <summary>Creates a bitmap of <paramref name="length"/> rows, all valid or all null.</summary>
    public Validity(int length, bool allValid = true)
    {
        Length = length;
        _bits = new ulong[(length + 63) >> 6];
        if (allValid)
        {
            Array.Fill(_bits, ulong.MaxValue);
            int tail = length & 63;
            if (tail != 0) _bits[^1] = (1UL << tail) - 1;
        }
    }

    /// <summary>A bitmap over <paramref name="bits"/> (owned from now on; bits at and after <paramref name="length"/> clear).</summary>
    internal Validity(ulong[] bits, int length)
    {
        if (bits.Length != (length + 63) >> 6) throw new ArgumentException("The bitmap does not cover the length.", nameof(bits));
        Length = length;
        _bits = bits;
    }

    /// <summary>Number of rows covered.</summary>
    public int Length { get; }

    /// <summary>True when row <paramref name="row"/> holds a value.</summary>
    public bool IsValid(int row) => (_bits[row >> 6] & (1UL << (row & 63))) != 0;

    /// <summary>Marks a row valid or null.</summary>
    public void Set(int row, bool valid)
    {
        if (valid) _bits[row >> 6] |= 1UL << (row & 63);
        else _bits[row >> 6] &= ~(1UL << (row & 63));
    }

    /// <summary>Number of null rows.</summary>
    public int NullCount
    {
        get
        {
            int valid = 0;
            foreach (ulong word in _bits) valid += System.Numerics.BitOperations.PopCount(word);
            return Length - valid;
        }
    }
}
