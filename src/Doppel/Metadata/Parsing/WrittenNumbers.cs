using System.Globalization;

namespace Doppel.Metadata.Parsing;

/// <summary>
/// How a column's numbers are written, gathered one value at a time: whole numbers without a point or not, NaN and
/// infinities, the most and least digits after the point (none for exponent notation) and thousands separators.
/// Detection learns it from a sample; conversion gathers it over every row, so a later value can widen it.
/// </summary>
internal sealed class WrittenNumbers(NumberFormatInfo numbers)
{
    private bool _fraction, _grouping, _exponent;
    private int _least = int.MaxValue, _most;

    /// <summary>True once a finite value has been added.</summary>
    public bool Any => _least != int.MaxValue || _exponent;

    /// <summary>True when every finite value is a whole number written without a point.</summary>
    public bool Integer => !_fraction;

    /// <summary>Adds a value as written (<paramref name="text"/>) and as read (<paramref name="value"/>); NaN and infinities say nothing.</summary>
    public void Add(ReadOnlySpan<char> text, double value)
    {
        if (!double.IsFinite(value)) return;
        var trimmed = text.Trim();
        int point = trimmed.IndexOf(numbers.NumberDecimalSeparator.AsSpan());
        if (value != Math.Floor(value) || point >= 0) _fraction = true;
        if (trimmed.IndexOfAny('e', 'E') >= 0) _exponent = true;
        else AddDecimals(point < 0 ? 0 : trimmed.Length - point - 1);
        _grouping = _grouping || ValueParsing.HasThousands(trimmed, numbers);
    }

    /// <summary>Adds a <see cref="PlainNumber"/> with <paramref name="decimals"/> digits after the point (a point has at least one).</summary>
    public void AddPlain(int decimals)
    {
        if (decimals > 0) _fraction = true;
        AddDecimals(decimals);
    }

    private void AddDecimals(int decimals)
    {
        if (decimals > _most) _most = decimals;
        if (decimals < _least) _least = decimals;
    }

    /// <summary>Digits after the point to keep (at most <see cref="NumberFormat.DecimalsLimit"/>); null for exponent notation (shortest round-trip text).</summary>
    public int? Decimals => _exponent ? null : Math.Min(_most, NumberFormat.DecimalsLimit);

    /// <summary>The format as metadata keeps it: null where the decimals alone say it (a fixed number of them, no separators).</summary>
    public string? Format
    {
        get
        {
            if (Decimals is not { } max) return null;
            var format = new NumberFormat(_grouping, Math.Min(_least == int.MaxValue ? 0 : _least, max), max);
            return format.Grouping || format.MinDecimals != format.MaxDecimals ? format.Text : null;
        }
    }

    /// <summary>
    /// A numerical column's metadata with this written form: all of it when detected, what the metadata leaves open
    /// when <paramref name="declared"/> (a declared format or decimals are kept; an integer column learns only separators).
    /// </summary>
    public ColumnMetadata Apply(ColumnMetadata meta, bool declared)
    {
        if (!declared) return meta with { Integer = Integer, Decimals = Integer ? 0 : Decimals, Format = Format };
        if (meta.Format is not null) return meta;
        if (meta.Integer) return meta with { Format = Format is { } f && f.StartsWith('#') ? "#,##0" : null };
        return meta.Decimals is null ? meta with { Decimals = Decimals, Format = Format } : meta;
    }
}
