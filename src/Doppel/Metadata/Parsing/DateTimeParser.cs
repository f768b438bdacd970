using Doppel.Data;

namespace Doppel.Metadata.Parsing;

/// <summary>
/// Datetimes in the column's format, or in another known format that agrees with its day/month order; null tokens
/// read as missing. Repeated texts (dates repeat) are read once: a bounded cache from text to ticks.
/// </summary>
internal sealed class DateTimeParser : ColumnParser
{
    private const int CacheLimit = 1 << 16;
    private readonly string _primary;
    private readonly string[] _fallbacks;
    private readonly Dictionary<string, long> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _cached;
    private long[] _ticks = [];

    public DateTimeParser(ColumnMetadata meta, ParseContext context) : base(meta, context)
    {
        _primary = meta.Format ?? "yyyy-MM-dd HH:mm:ss";
        _fallbacks = [.. ValueParsing.DateTimeFormats
            .Where(f => f != _primary && !(ValueParsing.IsDayFirst(_primary) && ValueParsing.IsMonthFirst(f))
                                      && !(ValueParsing.IsMonthFirst(_primary) && ValueParsing.IsDayFirst(f)))];
        _cached = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override void Add(ReadOnlySpan<char> cell)
    {
        int row = Validity.Next();
        Fit(ref _ticks, row);
        if (!_cached.TryGetValue(cell, out long ticks))
        {
            if (!TryParse(cell, out var value))
            {
                if (Context.Options.IsNullToken(cell)) return;
                throw Bad(row, cell, $"a datetime in format {_primary}");
            }
            ticks = value.Ticks;
            if (_cache.Count < CacheLimit) _cached[cell] = ticks;
        }
        _ticks[row] = ticks;
        Validity.MarkValid(row);
    }

    private bool TryParse(ReadOnlySpan<char> cell, out DateTime value)
    {
        if (ValueParsing.TryDateTime(cell, _primary, out value)) return true;
        foreach (var format in _fallbacks) if (ValueParsing.TryDateTime(cell, format, out value)) return true;
        return false;
    }

    public override Column Build() => new DateTimeColumn(Metadata.Name, Trimmed(_ticks), Validity.Build());
}
