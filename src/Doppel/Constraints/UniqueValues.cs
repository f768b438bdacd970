using Doppel.Data;

namespace Doppel.Constraints;

/// <summary>The values of one unique column written so far: numbers and datetimes by their bits (no text per row), the rest as text.</summary>
internal sealed class UniqueValues
{
    private readonly HashSet<long> _numbers = [];
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);

    /// <summary>True when the cell's value was already added; a null never was.</summary>
    public bool Contains(Column column, int row) => !column.IsNull(row) && column switch
    {
        NumberColumn n => _numbers.Contains(Bits(n.Values[row])),
        DateTimeColumn d => _numbers.Contains(d.Ticks[row]),
        _ => Cells.Key(column, row) is { } key && _texts.Contains(key),
    };

    /// <summary>Adds the cell's value (nulls are not values).</summary>
    public void Add(Column column, int row)
    {
        if (column.IsNull(row)) return;
        switch (column)
        {
            case NumberColumn n: _numbers.Add(Bits(n.Values[row])); break;
            case DateTimeColumn d: _numbers.Add(d.Ticks[row]); break;
            default: _texts.Add(Cells.Key(column, row)!); break;
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value == 0 ? 0 : value); // -0 is 0
}
