using System.Text;
using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Columns;

/// <summary>
/// Unique keys following the real values' pattern: integers count up from the real minimum; strings fill the most
/// common shape's letter and digit positions with the row number in mixed radix; GUIDs are drawn at random.
/// Unique across batches because each value is a function of the global row index.
/// </summary>
internal sealed class IdColumnModel : ColumnModel
{
    /// <summary>First integer key, for integer ids.</summary>
    public long? IntegerStart { get; init; }

    /// <summary>The shape string ids follow (see <see cref="PatternModel"/>); positions that never vary hold their literal character.</summary>
    public string? Shape { get; init; }

    /// <summary>Per position of <see cref="Shape"/>: true where the character varies between real keys.</summary>
    public bool[]? Variable { get; init; }

    /// <summary>Keys are GUIDs.</summary>
    public bool Guid { get; init; }

    [JsonIgnore]
    public override int Dimensions => 0;

    public static EncodedColumn Fit(Column column)
    {
        var values = ((StringColumn)column).Values.Where(v => v is not null).Select(v => v!).ToList();
        ColumnModel model;
        if (values.Count > 0 && values.TrueForAll(v => long.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)))
            model = new IdColumnModel { Name = column.Name, IntegerStart = StartOf([.. values.Select(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture))]) };
        else if (values.Count > 0 && values.TrueForAll(v => System.Guid.TryParse(v, out _)))
            model = new IdColumnModel { Name = column.Name, Guid = true };
        else
        {
            string shape = values.Count == 0 ? "ID999999" : values.Select(PatternModel.ShapeOf).GroupBy(s => s, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            // Keep letters that are the same in every key of that shape (a prefix such as "C-"); vary the rest.
            // Digits always vary: constant leading zeros of a small table must not cap the number of keys.
            var sameShape = values.Where(v => PatternModel.ShapeOf(v) == shape).ToList();
            var template = shape.ToCharArray();
            var variable = new bool[shape.Length];
            for (int p = 0; p < shape.Length; p++)
            {
                bool constant = shape[p] != '9' && sameShape.Count > 1 && sameShape.TrueForAll(v => v[p] == sameShape[0][p]);
                variable[p] = shape[p] is '9' or 'A' or 'a' && !constant;
                if (constant) template[p] = sameShape[0][p];
            }
            model = new IdColumnModel { Name = column.Name, Shape = new string(template), Variable = variable };
        }
        return new EncodedColumn(model, [], [], []);
    }

    /// <summary>
    /// Where generated integer keys start: the power of ten at or below the k-th smallest key (1 for keys from 1,
    /// 10,000 for 10,001 on), never the smallest key itself, which one row holds.
    /// </summary>
    private static long StartOf(long[] keys)
    {
        Array.Sort(keys);
        long v = keys[Math.Min(Transforms.ProtectedTails.K - 1, keys.Length - 1)];
        if (v == 0) return 0;
        long power = 1;
        long magnitude = v > 0 ? v : -(v / 10); // the power of ten at or below |v| (by tenths: no overflow at long.MinValue)
        while (power <= magnitude / 10 || (v < 0 && power <= magnitude)) power *= 10;
        if (v > 0) return power;
        return power > long.MaxValue / 10 ? long.MinValue : -power * 10; // below a negative key: the next power down
    }

    public override Column Decode(ReadOnlySpan<double> z, int count, long firstRow, ref RandomStream random)
    {
        var values = new string?[count];
        if (IntegerStart is { } start)
        {
            for (int i = 0; i < count; i++) values[i] = (start + firstRow + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (Guid)
        {
            Span<byte> bytes = stackalloc byte[16];
            for (int i = 0; i < count; i++)
            {
                BitConverter.TryWriteBytes(bytes, random.NextUInt64());
                BitConverter.TryWriteBytes(bytes[8..], random.NextUInt64());
                bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
                bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
                values[i] = new System.Guid(bytes).ToString();
            }
        }
        else
        {
            var builder = new StringBuilder();
            for (int i = 0; i < count; i++) values[i] = FromShape(Shape!, firstRow + i, builder);
        }
        return new StringColumn(Name, values);
    }

    /// <summary>Writes <paramref name="index"/> into the shape's variable positions, least significant at the right.</summary>
    private string FromShape(string shape, long index, StringBuilder builder)
    {
        builder.Clear().Append(shape);
        long rest = index;
        for (int p = shape.Length - 1; p >= 0; p--)
        {
            int radix = Variable is { } variable && !variable[p] ? 0 : shape[p] switch { '9' => 10, 'A' or 'a' => 26, _ => 0 };
            if (radix == 0) continue;
            int digit = (int)(rest % radix);
            rest /= radix;
            builder[p] = shape[p] switch { '9' => (char)('0' + digit), 'A' => (char)('A' + digit), _ => (char)('a' + digit) };
        }
        if (rest > 0)
            throw new DoppelException(ErrorKind.Unsatisfiable,
                $"Column '{Name}': the key pattern '{shape}' allows fewer unique values than the rows requested. Sample fewer rows or declare the column as text.");
        return builder.ToString();
    }
}
