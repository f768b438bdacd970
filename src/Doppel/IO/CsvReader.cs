using Doppel.Data;

namespace Doppel.IO;

/// <summary>
/// Reads RFC 4180 CSV (quoted fields with delimiters, quotes and newlines; UTF-8 with or without BOM; LF or CRLF)
/// into raw text cells. The delimiter is detected among <c>, ; TAB |</c> unless given. Empty fields are nulls.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads a whole CSV file.</summary>
    public static RawTable Read(string path, char? delimiter = null, ICollection<string>? warnings = null)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Read(stream, path, delimiter, warnings);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot find the input file {path}.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>Reads CSV from a stream; <paramref name="source"/> names it in error messages.</summary>
    public static RawTable Read(Stream stream, string source, char? delimiter = null, ICollection<string>? warnings = null) =>
        ReadBatches(stream, source, int.MaxValue, delimiter, warnings).Single(); // one batch holds the whole file

    /// <summary>
    /// Streams CSV as batches of at most <paramref name="batchRows"/> rows (the header's names on every batch;
    /// a header-only file yields one empty batch). Memory is bounded by the batch, not the file.
    /// </summary>
    public static IEnumerable<RawTable> ReadBatches(Stream stream, string source, int batchRows, char? delimiter = null, ICollection<string>? warnings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        using var records = new CsvRecords(stream, source, delimiter, warnings);
        bool yielded = false;
        while (true)
        {
            var batch = ReadRows(records, batchRows);
            if (batch.RowCount == 0 && yielded) yield break;
            yield return batch;
            yielded = true;
            if (batch.RowCount < batchRows) yield break;
        }
    }

    /// <summary>Up to <paramref name="rows"/> further rows of <paramref name="records"/> as text cells.</summary>
    internal static RawTable ReadRows(CsvRecords records, int rows)
    {
        var names = records.Names;
        var interners = names.Select(_ => new Interner()).ToArray();
        var columns = names.Select(_ => new List<string?>()).ToArray();
        for (int row = 0; row < rows && records.Next(); row++)
            for (int c = 0; c < names.Length; c++)
            {
                var span = records.Field(c);
                columns[c].Add(span.IsEmpty ? null : interners[c].Get(span));
            }
        return new RawTable(names, [.. columns.Select(c => c.ToArray())], records.Source);
    }

    /// <summary>De-duplicates repeated cell strings (categories) so a column holds each distinct value once.</summary>
    internal sealed class Interner
    {
        private const int Capacity = 100_000;
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public Interner() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ReadOnlySpan<char> span)
        {
            if (_lookup.TryGetValue(span, out var existing)) return existing;
            string value = span.ToString();
            if (_strings.Count < Capacity) _strings.Add(value, value);
            return value;
        }
    }
}
