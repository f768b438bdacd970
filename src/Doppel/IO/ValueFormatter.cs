using System.Buffers;
using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.IO;

/// <summary>Formats typed cells as UTF-8 text the way the real data was written (integers, decimals, date formats).</summary>
internal sealed class ValueFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly ColumnMetadata _meta;
    private readonly char _delimiter;
    private readonly NumberFormat? _number;
    private readonly string _dateFormat;
    private readonly bool _dateOffset;
    private readonly byte[] _true, _false;
    private string[]? _categoriesSource;
    private byte[][]? _categoryBytes;

    public ValueFormatter(ColumnMetadata meta, char delimiter)
    {
        _meta = meta;
        _delimiter = delimiter;
        _number = meta.NumberFormat;
        _dateFormat = meta.Format ?? "yyyy-MM-dd HH:mm:ss";
        _dateOffset = ValueParsing.HasOffset(_dateFormat);
        _true = Encode(meta.Spelling.True);
        _false = Encode(meta.Spelling.False);
    }

    /// <summary>Appends row <paramref name="row"/> of <paramref name="column"/>; nulls write nothing.</summary>
    public void Append(Column column, int row, IBufferWriter<byte> output)
    {
        if (column.IsNull(row)) return;
        switch (column)
        {
            case NumberColumn numbers:
                AppendNumber(numbers.Values[row], output);
                break;
            case CategoryColumn categories:
                output.Write(CategoryBytes(categories.Categories)[categories.Codes[row]]);
                break;
            case BooleanColumn booleans:
                output.Write(booleans.Values[row] ? _true : _false);
                break;
            case DateTimeColumn dates:
            {
                var span = output.GetSpan(64);
                int written;
                // Ticks of a format with an offset are UTC: written as +00:00, never in the machine's time zone.
                if (_dateOffset) new DateTimeOffset(dates.Ticks[row], TimeSpan.Zero).TryFormat(span, out written, _dateFormat, Invariant);
                else new DateTime(dates.Ticks[row]).TryFormat(span, out written, _dateFormat, Invariant);
                output.Advance(written);
                break;
            }
            case StringColumn strings:
                AppendString(strings.Values[row]!, output);
                break;
        }
    }

    /// <summary>
    /// Row <paramref name="row"/> of <paramref name="column"/> as the writer spells it, without CSV quoting; null for
    /// null. For showing a few values (a report's example rows), not for bulk output.
    /// </summary>
    public string? Text(Column column, int row)
    {
        if (column.IsNull(row)) return null;
        if (column is StringColumn strings) return strings.Values[row];
        if (column is CategoryColumn categories) return categories.Categories[categories.Codes[row]];
        var buffer = new ArrayBufferWriter<byte>(64);
        Append(column, row, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void AppendNumber(double value, IBufferWriter<byte> output)
    {
        int written;
        if (_number is { Grouping: false, MaxDecimals: 0 } && Math.Abs(value) < 9e18)
        {
            var span = output.GetSpan(24);
            ((long)Math.Round(value)).TryFormat(span, out written, default, Invariant);
        }
        else if (_number is { } format && double.IsFinite(value))
        {
            var span = output.GetSpan(NumberFormat.MaxLength + 2);
            written = format.Format(value, span[1..]);
            // Thousands separators may be the delimiter: quote such a value, as any other field holding it.
            if (span.Slice(1, written).IndexOf((byte)_delimiter) >= 0)
            {
                span[0] = (byte)'"';
                span[written + 1] = (byte)'"';
                written += 2;
            }
            else span.Slice(1, written).CopyTo(span);
        }
        else
        {
            var span = output.GetSpan(32);
            (value + 0.0).TryFormat(span, out written, "R", Invariant); // + 0.0: never "-0"
        }
        output.Advance(written);
    }

    private byte[][] CategoryBytes(string[] categories)
    {
        // Categories come from the model, shared by every batch: encode them once.
        if (!ReferenceEquals(categories, _categoriesSource))
        {
            var bytes = new byte[categories.Length][];
            for (int i = 0; i < categories.Length; i++) bytes[i] = Encode(categories[i]);
            _categoryBytes = bytes;
            _categoriesSource = categories;
        }
        return _categoryBytes!;
    }

    /// <summary>Strings (ids, text, PII) are encoded straight into the output; only values that need quotes allocate.</summary>
    private void AppendString(string value, IBufferWriter<byte> output)
    {
        if (NeedsQuotes(value)) { output.Write(Encode(value)); return; }
        int written = Encoding.UTF8.GetBytes(value, output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length)));
        output.Advance(written);
    }

    private bool NeedsQuotes(string value) =>
        value.AsSpan().IndexOfAny(_delimiter, '"', '\n') >= 0 || value.Contains('\r')
        || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));

    private byte[] Encode(string value) => NeedsQuotes(value)
        ? Encoding.UTF8.GetBytes("\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")
        : Encoding.UTF8.GetBytes(value);
}
