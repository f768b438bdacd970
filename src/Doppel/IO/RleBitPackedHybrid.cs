namespace Doppel.IO;

/// <summary>
/// Decodes Parquet's RLE / bit-packing hybrid encoding (Encodings.md, RLE = 3): a sequence of runs, each a ULEB128
/// header whose low bit says "bit-packed" (header &gt;&gt; 1 groups of 8 values, LSB first) or "repeated"
/// (header &gt;&gt; 1 copies of one value stored in ceil(width / 8) little-endian bytes). Used for definition levels
/// and for RLE-encoded booleans (width 1).
/// </summary>
internal static class RleBitPackedHybrid
{
    /// <summary>Fills <paramref name="values"/> from <paramref name="encoded"/> (no length prefix).</summary>
    /// <exception cref="InvalidDataException">The runs end before <paramref name="values"/> is full.</exception>
    public static void Decode(ReadOnlySpan<byte> encoded, int bitWidth, Span<int> values)
    {
        if (bitWidth is < 0 or > 32) throw new InvalidDataException($"bit width {bitWidth} is out of range");
        int position = 0, filled = 0;
        int valueBytes = (bitWidth + 7) / 8;
        while (filled < values.Length)
        {
            ulong header = Varint(encoded, ref position);
            ulong count = header >> 1;
            if ((header & 1) == 0)
            {
                if (valueBytes > encoded.Length - position) throw Truncated();
                int value = 0;
                for (int b = 0; b < valueBytes; b++) value |= encoded[position + b] << (8 * b);
                position += valueBytes;
                int take = (int)Math.Min(count, (ulong)(values.Length - filled));
                values.Slice(filled, take).Fill(value);
                filled += take;
            }
            else
            {
                if (count > int.MaxValue / 8) throw Truncated();
                long bits = (long)count * 8 * bitWidth;
                if ((bits + 7) / 8 > encoded.Length - position) throw Truncated();
                int take = (int)Math.Min(count * 8, (ulong)(values.Length - filled));
                long bit = (long)position * 8;
                for (int i = 0; i < take; i++, bit += bitWidth) values[filled + i] = ReadBits(encoded, bit, bitWidth);
                position += (int)((bits + 7) / 8);
                filled += take;
            }
        }
    }

    /// <summary>Decodes values preceded by their encoded length as 4 bytes little endian; returns the bytes used.</summary>
    public static int DecodeLengthPrefixed(ReadOnlySpan<byte> bytes, int bitWidth, Span<int> values)
    {
        if (bytes.Length < 4) throw Truncated();
        uint length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (length > (uint)(bytes.Length - 4)) throw Truncated();
        Decode(bytes.Slice(4, (int)length), bitWidth, values);
        return 4 + (int)length;
    }

    private static int ReadBits(ReadOnlySpan<byte> bytes, long bit, int width)
    {
        int value = 0;
        for (int i = 0; i < width; i++, bit++)
            value |= ((bytes[(int)(bit >> 3)] >> (int)(bit & 7)) & 1) << i;
        return value;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length) throw Truncated();
            byte b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("an RLE run header is overlong");
    }

    private static InvalidDataException Truncated() => new("RLE-encoded values end before all values were read");
}
