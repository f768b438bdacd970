namespace Doppel.Schema.Generators;

/// <summary>
/// A pseudo-random permutation of [0, n) keyed by a 64-bit key: a four-round Feistel network over the smallest
/// even power of two at least n, walking cycles until the result falls below n. Unique values and shuffled
/// foreign keys come from it without storing anything per row.
/// </summary>
internal readonly struct KeyedPermutation
{
    private readonly ulong _n;
    private readonly int _halfBits;
    private readonly ulong _mask;
    private readonly ulong _k0, _k1, _k2, _k3;

    public KeyedPermutation(ulong key, ulong n)
    {
        _n = n;
        int bits = 2;
        while (bits < 64 && (1UL << bits) < n) bits += 2;
        _halfBits = bits / 2;
        _mask = (1UL << _halfBits) - 1;
        _k0 = StreamIds.Mix(key ^ 0x1);
        _k1 = StreamIds.Mix(key ^ 0x2);
        _k2 = StreamIds.Mix(key ^ 0x3);
        _k3 = StreamIds.Mix(key ^ 0x4);
    }

    public ulong Apply(ulong x)
    {
        if (_n <= 1) return 0;
        do x = Round(x); while (x >= _n);
        return x;
    }

    private ulong Round(ulong x)
    {
        ulong left = x >> _halfBits, right = x & _mask;
        left ^= F(right, _k0); (left, right) = (right, left);
        left ^= F(right, _k1); (left, right) = (right, left);
        left ^= F(right, _k2); (left, right) = (right, left);
        left ^= F(right, _k3); (left, right) = (right, left);
        return (left << _halfBits) | right;
    }

    private ulong F(ulong half, ulong key) => StreamIds.Mix(half ^ key) & _mask;
}
