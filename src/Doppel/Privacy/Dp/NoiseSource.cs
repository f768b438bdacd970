using System.Numerics;
using System.Security.Cryptography;
using Doppel.Sampling;

namespace Doppel.Privacy.Dp;

/// <summary>
/// Where differential-privacy noise comes from: <see cref="Secure"/> (the operating system's cryptographically secure
/// generator) in every real fit; <see cref="InsecureSeededForTests"/> only where a test needs repeatable noise.
/// </summary>
/// <remarks>Not thread-safe: one source per fit.</remarks>
public abstract class NoiseSource
{
    /// <summary>A source drawing from <see cref="RandomNumberGenerator"/>: noise no one can predict or replay.</summary>
    public static NoiseSource Secure() => new SecureNoiseSource();

    /// <summary>
    /// Repeatable noise from a seed, FOR TESTS ONLY: anyone who knows the seed can subtract the noise, so a model fitted
    /// with it has no privacy guarantee (the model records that it was fitted this way).
    /// </summary>
    public static NoiseSource InsecureSeededForTests(ulong seed) => new SeededNoiseSource(seed);

    /// <summary>Whether this source's noise is unpredictable (false only for the test source).</summary>
    public abstract bool IsSecure { get; }

    /// <summary>64 uniformly random bits.</summary>
    public abstract ulong NextUInt64();

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), exactly (rejection, no modulo bias).</summary>
    public BigInteger NextBelow(BigInteger bound)
    {
        if (bound.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(bound));
        if (bound.IsOne) return BigInteger.Zero;
        long bits = (long)(bound - 1).GetBitLength();
        int bytes = (int)((bits + 7) / 8);
        var buffer = new byte[bytes + 1]; // a trailing zero byte keeps the value non-negative
        while (true)
        {
            for (int i = 0; i < bytes; i += 8)
            {
                ulong r = NextUInt64();
                for (int j = 0; j < 8 && i + j < bytes; j++) buffer[i + j] = (byte)(r >> (8 * j));
            }
            int excess = bytes * 8 - (int)bits;
            buffer[bytes - 1] &= (byte)(0xFF >> excess);
            var value = new BigInteger(buffer);
            if (value < bound) return value;
        }
    }

    private sealed class SecureNoiseSource : NoiseSource
    {
        private readonly byte[] _buffer = new byte[8 * 256];
        private int _next = 256;

        public override bool IsSecure => true;

        public override ulong NextUInt64()
        {
            if (_next == 256)
            {
                RandomNumberGenerator.Fill(_buffer);
                _next = 0;
            }
            return BitConverter.ToUInt64(_buffer, 8 * _next++);
        }
    }

    private sealed class SeededNoiseSource(ulong seed) : NoiseSource
    {
        private RandomStream _random = new(seed, 0xD1FF);

        public override bool IsSecure => false;

        public override ulong NextUInt64() => _random.NextUInt64();
    }
}
