using System.Runtime.CompilerServices;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Metadata.Parsing;

namespace Doppel.IO;

/// <summary>
/// Reads CSV straight into a typed <see cref="Table"/>: the first <see cref="ParseOptions.DetectRows"/> rows as text
/// to detect (or complete) the metadata, then every row parsed from the parser's buffer into its column without a
/// string per cell where the type is known. A later value that breaks a detected type is an error naming row and
/// column; a later number written with more decimals or separators widens the column's written form.
/// </summary>
internal static class CsvTableReader
{
    public static (Table Table, TableMetadata Metadata) Read(Stream stream, string source, string tableName, char? delimiter,
        TableMetadata? declared, ICollection<string>? warnings, ParseOptions options)
    {
        using var records = new CsvRecords(stream, source, delimiter, warnings);
        var sample = CsvReader.ReadRows(records, options.DetectRows);
        if (sample.RowCount == 0)
            throw new DoppelException(ErrorKind.Data, $"{source} has a header but no data rows; a model needs at least one row.");
        var metadata = declared is null
            ? MetadataDetector.Detect(sample, tableName, warnings, options)
            : MetadataDetector.Complete(sample, declared, options);
        TableConverter.CheckColumnsMatch(sample, metadata);

        bool more = sample.RowCount == options.DetectRows;
        var context = new ParseContext(source, options, warnings, more ? options.DetectRows : null);
        var byName = metadata.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var parsers = sample.Names.Select(name => ColumnParser.For(byName[name], context)).ToArray();
        for (int c = 0; c < parsers.Length; c++)
            foreach (var cell in sample.Columns[c])
            {
                if (cell is null) parsers[c].AddNull();
                else parsers[c].Add(cell);
            }
        if (more) ReadRest(records, parsers);

        var columns = parsers.Select(p => p.Build()).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var table = new Table([.. metadata.Columns.Select(c => columns[c.Name])]);
        var parserOf = parsers.ToDictionary(p => p.Metadata.Name, StringComparer.Ordinal);
        // Completion keeps the declared columns' order, so column i of both is the same column.
        var widened = metadata with
        {
            Columns = [.. metadata.Columns.Select((c, i) => parserOf[c.Name] is NumberParser { Written.Any: true } n
                ? n.Written.Apply(declared?.Columns[i] ?? c, declared is not null) : c)],
        };
        return (table, widened);
    }

    /// <summary>The hot loop: every further row, each field parsed where it lies in the parser's buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once, for the whole file: optimized from the start
    private static void ReadRest(CsvRecords records, ColumnParser[] parsers)
    {
        while (records.Next())
            for (int c = 0; c < parsers.Length; c++)
            {
                var field = records.Field(c);
                if (field.IsEmpty) parsers[c].AddNull();
                else parsers[c].Add(field);
            }
    }
}
