using System.Runtime.CompilerServices;
using Doppel.Data;

namespace Doppel.Metadata.Parsing;

/// <summary>Categories, coded in the order they first appear; a cell's characters are looked up without making a string.</summary>
internal sealed class CategoryParser : ColumnParser
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _categories = [];
    private int[] _rows = [];

    public CategoryParser(ColumnMetadata meta, ParseContext context) : base(meta, context) => _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once, for the whole file: optimized from the start
    public override void Add(ReadOnlySpan<char> cell)
    {
        if (!_lookup.TryGetValue(cell, out int code)) code = New(cell.ToString());
        Append(code);
    }

    public override void Add(string cell)
    {
        if (!_codes.TryGetValue(cell, out int code)) code = New(cell);
        Append(code);
    }

    private int New(string category)
    {
        int code = _categories.Count;
        _codes.Add(category, code);
        _categories.Add(category);
        return code;
    }

    private void Append(int code)
    {
        int row = Validity.Next();
        Fit(ref _rows, row);
        _rows[row] = code;
        Validity.MarkValid(row);
    }

    public override Column Build() => new CategoryColumn(Metadata.Name, Trimmed(_rows), [.. _categories], Validity.Build());
}
