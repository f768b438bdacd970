using Doppel.Data;

namespace Doppel.Metadata.Parsing;

/// <summary>A validity bitmap that grows a row at a time: every row starts null until marked valid.</summary>
internal sealed class GrowingValidity
{
    private ulong[] _bits = new ulong[16];

    /// <summary>Rows so far.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a (null) row and returns its index.</summary>
    public int Next()
    {
        int row = Count++;
        if ((row >> 6) == _bits.Length) Array.Resize(ref _bits, _bits.Length * 2);
        return row;
    }

    /// <summary>Marks <paramref name="row"/> as holding a value.</summary>
    public void MarkValid(int row) => _bits[row >> 6] |= 1UL << (row & 63);

    /// <summary>The finished bitmap.</summary>
    public Validity Build()
    {
        Array.Resize(ref _bits, (Count + 63) >> 6);
        return new Validity(_bits, Count);
    }
}
