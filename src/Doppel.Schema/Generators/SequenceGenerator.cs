using System.Globalization;
using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Schema.Generators;

/// <summary>
/// Row r's value is start + r × step: unique and addressable by row, so keys need no permutation. Text sequences
/// write a prefix and the number padded to a width (<c>C00042</c>).
/// </summary>
internal sealed class SequenceGenerator(long start, long step, bool text, string prefix, int width) : ValueGenerator
{
    public override ColumnKind Kind => text ? ColumnKind.String : ColumnKind.Number;

    public override void Fill(ColumnData data, int start1, int count, long firstRow, ref RandomStream random)
    {
        for (int i = 0; i < count; i++) FillRank(data, start1 + i, (ulong)(firstRow + i));
    }

    public override bool CanRank => true;

    public override bool RowIsRank => true;

    public override void FillRank(ColumnData data, int row, ulong rank)
    {
        long value = start + (long)rank * step;
        if (text) data.Strings![row] = prefix + value.ToString(new string('0', Math.Max(1, width)), CultureInfo.InvariantCulture);
        else data.Numbers![row] = value;
    }

    public long ValueAt(long row) => start + row * step;
}

/// <summary>Random version-4-shaped UUIDs; rank k's UUID is a bijection of k, so ranks give unique values.</summary>
internal sealed class UuidGenerator : ValueGenerator
{
    private const ulong Mask62 = (1UL << 62) - 1;

    public override ColumnKind Kind => ColumnKind.String;

    public override void Fill(ColumnData data, int start, int count, long firstRow, ref RandomStream random)
    {
        for (int i = start; i < start + count; i++) Write(data, i, random.NextUInt64(), random.NextUInt64());
    }

    public override double Distinct => Math.Pow(2, 62);

    public override bool CanRank => true;

    public override void FillRank(ColumnData data, int row, ulong rank)
    {
        ulong low = (rank * 0x9E3779B97F4A7C15UL) & Mask62;
        low ^= low >> 29;
        low = (low * 0xBF58476D1CE4E5B9UL) & Mask62;
        Write(data, row, StreamIds.Mix(rank ^ 0x5555), low);
    }

    private static void Write(ColumnData data, int row, ulong high, ulong low)
    {
        high = (high & 0xFFFFFFFFFFFF0FFFUL) | 0x4000; // version 4
        low = (low & Mask62) | 0x8000000000000000UL;   // variant 10
        data.Strings![row] = string.Create(36, (high, low), static (span, v) =>
        {
            Span<char> hex = stackalloc char[32];
            v.high.TryFormat(hex, out _, "x16", CultureInfo.InvariantCulture);
            v.low.TryFormat(hex[16..], out _, "x16", CultureInfo.InvariantCulture);
            int j = 0;
            for (int i = 0; i < 32; i++)
            {
                if (i is 8 or 12 or 16 or 20) span[j++] = '-';
                span[j++] = hex[i];
            }
        });
    }
}
