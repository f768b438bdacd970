using Doppel.Data;
using Doppel.IO;

namespace Doppel.Metadata.Parsing;

/// <summary>Free text, identifiers and personal data as strings (repeated texts share one string).</summary>
internal sealed class TextParser(ColumnMetadata meta, ParseContext context) : ColumnParser(meta, context)
{
    private readonly CsvReader.Interner _interner = new();
    private string?[] _values = [];

    public override void Add(ReadOnlySpan<char> cell) => Append(_interner.Get(cell));

    public override void Add(string cell) => Append(cell);

    private void Append(string cell)
    {
        int row = Validity.Next();
        Fit(ref _values, row);
        _values[row] = cell;
        Validity.MarkValid(row);
    }

    public override Column Build() => new StringColumn(Metadata.Name, Trimmed(_values), Validity.Build());
}
