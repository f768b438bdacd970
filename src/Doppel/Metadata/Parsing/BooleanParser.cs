using Doppel.Data;

namespace Doppel.Metadata.Parsing;

/// <summary>Booleans in the column's spelling or any known one; null tokens read as missing.</summary>
internal sealed class BooleanParser(ColumnMetadata meta, ParseContext context) : ColumnParser(meta, context)
{
    private readonly BooleanSpelling _spelling = meta.Spelling;
    private bool[] _values = [];

    public override void Add(ReadOnlySpan<char> cell)
    {
        int row = Validity.Next();
        Fit(ref _values, row);
        if (_spelling.TryParse(cell, out _values[row])) { Validity.MarkValid(row); return; }
        if (Context.Options.IsNullToken(cell)) return;
        throw Bad(row, cell, $"a boolean ({_spelling.Format}, true/false, yes/no, 1/0)");
    }

    public override Column Build() => new BooleanColumn(Metadata.Name, Trimmed(_values), Validity.Build());
}
