using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Databases;

/// <summary>
/// Fills one typed <see cref="Column"/> value by value as a database reader delivers them, growing its arrays,
/// converting what the metadata asks for (an integer key read as an id string, a string dictionary-encoded as a
/// category) and naming table, column and row when a value does not fit.
/// </summary>
internal sealed class ColumnBuilder(string table, ColumnMetadata column)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private int _count;
    private bool[] _valid = new bool[1024];
    private double[]? _numbers = column.Type == SemanticType.Numerical ? new double[1024] : null;
    private bool[]? _booleans = column.Type == SemanticType.Boolean ? new bool[1024] : null;
    private long[]? _ticks = column.Type == SemanticType.Datetime ? new long[1024] : null;
    private int[]? _codes = column.Type == SemanticType.Categorical ? new int[1024] : null;
    private string?[]? _strings = column.Type is SemanticType.Id or SemanticType.Text or SemanticType.Pii ? new string?[1024] : null;
    private readonly Dictionary<string, int> _lookup = new(StringComparer.Ordinal);
    private readonly List<string> _categories = [];

    /// <summary>Adds a null.</summary>
    public void AddNull() => Next();

    /// <summary>Adds a whole number.</summary>
    public void Add(long value)
    {
        if (_numbers is not null) { int i = Next(true); _numbers![i] = value; }
        else if (_booleans is not null && value is 0 or 1) { int i = Next(true); _booleans![i] = value == 1; }
        else AddText(value.ToString(Invariant));
    }

    /// <summary>Adds a number.</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value)) { AddNull(); return; }
        if (double.IsInfinity(value)) throw Bad(value.ToString(Invariant), "a finite number");
        if (_numbers is not null) { int i = Next(true); _numbers![i] = value; }
        else AddText(value.ToString("R", Invariant));
    }

    /// <summary>Adds a boolean.</summary>
    public void Add(bool value)
    {
        if (_booleans is not null) { int i = Next(true); _booleans![i] = value; }
        else if (_numbers is not null) { int i = Next(true); _numbers![i] = value ? 1 : 0; }
        else AddText(value ? "true" : "false");
    }

    /// <summary>Adds a date and time (ticks of a UTC or zone-less value).</summary>
    public void Add(DateTime value)
    {
        if (_ticks is not null) { int i = Next(true); _ticks![i] = value.Ticks; }
        else if (_numbers is null && _booleans is null) AddText(value.ToString(column.Format ?? "yyyy-MM-dd HH:mm:ss.FFFFFFF", Invariant));
        else throw Bad(value.ToString("O", Invariant), column.Type == SemanticType.Numerical ? "a number" : "a boolean");
    }

    /// <summary>Adds a text value.</summary>
    public void AddText(string value)
    {
        if (_codes is not null)
        {
            if (!_lookup.TryGetValue(value, out int code))
            {
                code = _categories.Count;
                _lookup.Add(value, code);
                _categories.Add(value);
            }
            { int i = Next(true); _codes![i] = code; }
        }
        else if (_strings is not null) { int i = Next(true); _strings![i] = value; }
        else if (_numbers is not null)
            { int i = Next(true); _numbers![i] = ValueParsing.TryNumber(value, out double x) && double.IsFinite(x) ? x : throw Bad(value, "a number"); }
        else if (_booleans is not null)
            { int i = Next(true); _booleans![i] = ValueParsing.TryBoolean(value, out bool b) ? b : throw Bad(value, "a boolean"); }
        else
        {
            string format = column.Format ?? "yyyy-MM-dd HH:mm:ss";
            bool parsed = ValueParsing.TryDateTime(value, format, out var t);
            foreach (var f in ValueParsing.DateTimeFormats)
            {
                if (parsed) break;
                parsed = ValueParsing.TryDateTime(value, f, out t);
            }
            { int i = Next(true); _ticks![i] = parsed ? t.Ticks : throw Bad(value, $"a datetime in format {format}"); }
        }
    }

    /// <summary>The finished column.</summary>
    public Column Build()
    {
        var validity = new Validity(_count);
        for (int i = 0; i < _count; i++) if (!_valid[i]) validity.Set(i, false);
        string name = column.Name;
        if (_numbers is not null) return new NumberColumn(name, _numbers[.._count], validity);
        if (_booleans is not null) return new BooleanColumn(name, _booleans[.._count], validity);
        if (_ticks is not null) return new DateTimeColumn(name, _ticks[.._count], validity);
        if (_codes is not null) return new CategoryColumn(name, _codes[.._count], [.. _categories], validity);
        return new StringColumn(name, _strings![.._count], validity);
    }

    private int Next(bool valid = false)
    {
        if (_count == _valid.Length)
        {
            int size = _count * 2;
            Array.Resize(ref _valid, size);
            if (_numbers is not null) Array.Resize(ref _numbers, size);
            if (_booleans is not null) Array.Resize(ref _booleans, size);
            if (_ticks is not null) Array.Resize(ref _ticks, size);
            if (_codes is not null) Array.Resize(ref _codes, size);
            if (_strings is not null) Array.Resize(ref _strings, size);
        }
        _valid[_count] = valid;
        return _count++;
    }

    private DoppelException Bad(string value, string expected) => new(ErrorKind.Data,
        $"Table '{table}', column '{column.Name}', row {_count + 1} holds '{(value.Length > 40 ? value[..37] + "..." : value)}', which is not {expected}. Change the column's type in the metadata.");
}
