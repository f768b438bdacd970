using Doppel.Data;
using Doppel.Metadata.Parsing;

namespace Doppel.Metadata;

/// <summary>Turns raw text cells into a typed <see cref="Table"/> as the metadata says, checking every value.</summary>
public static class TableConverter
{
    /// <summary>Converts <paramref name="raw"/>; a value that does not fit its column's type is a clear error.</summary>
    public static Table Convert(RawTable raw, TableMetadata metadata, ICollection<string>? warnings = null, ParseOptions? options = null)
    {
        CheckColumnsMatch(raw, metadata);
        var context = new ParseContext(raw.Source, options ?? ParseOptions.Default, warnings);
        var columns = new Column[metadata.Columns.Count];
        var position = NameIndex(raw.Names);
        Parallelism.For(0, columns.Length, c =>
        {
            var parser = ColumnParser.For(metadata.Columns[c], context);
            foreach (var cell in raw.Columns[position[metadata.Columns[c].Name]])
            {
                if (cell is null) parser.AddNull();
                else parser.Add(cell);
            }
            columns[c] = parser.Build();
        });
        return new Table(columns, raw.RowCount);
    }

    /// <summary>The data and the metadata must name the same columns.</summary>
    public static void CheckColumnsMatch(RawTable raw, TableMetadata metadata)
    {
        // Sets, not list searches: a table may have 10,000 columns.
        var names = NameIndex(raw.Names);
        var described = metadata.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var missing = metadata.Columns.Select(c => c.Name).Where(n => !names.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new DoppelException(ErrorKind.Metadata,
                $"The metadata names column(s) {Quote(missing)} that {raw.Source} does not have. Its columns are {Quote(raw.Names)}.");
        var undescribed = raw.Names.Where(n => !described.Contains(n)).ToList();
        if (undescribed.Count > 0)
            throw new DoppelException(ErrorKind.Metadata,
                $"{raw.Source} has column(s) {Quote(undescribed)} that the metadata does not describe. Add them to the metadata (or run 'doppel inspect' again).");
    }

    /// <summary>Each name's first position.</summary>
    internal static Dictionary<string, int> NameIndex(string[] names)
    {
        var index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++) index.TryAdd(names[i], i);
        return index;
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
