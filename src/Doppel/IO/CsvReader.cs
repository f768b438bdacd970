using System.Text;
using Doppel.Data;
using Sylvan.Data.Csv;

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
        // A strict decoder turns invalid UTF-8 into an error instead of silent replacement characters.
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = delimiter,
            Comment = '\0', // '#' starts a comment by default; in data it is just a character
            BufferSize = 1 << 16,
            MaxBufferSize = 1 << 26,
        };
        using var reader = Translate(source, () => CsvDataReader.Create(text, options));
        string[] names = Translate(source, () => ReadHeader(reader, source, warnings));
        var interners = names.Select(_ => new Interner()).ToArray();
        var columns = NewColumns(names.Length);
        int row = 0;
        bool yielded = false;
        while (Translate(source, reader.Read))
        {
            row++;
            int fields = reader.RowFieldCount;
            if (fields == 1 && names.Length > 1 && reader.GetFieldSpan(0).IsEmpty) continue; // blank line
            if (fields != names.Length)
                throw new DoppelException(ErrorKind.Data,
                    $"{source}: data row {row} has {fields} field(s) but the header has {names.Length}. Check for a missing or extra delimiter, or an unquoted field.");
            for (int c = 0; c < names.Length; c++)
            {
                var span = reader.GetFieldSpan(c);
                columns[c].Add(span.IsEmpty ? null : interners[c].Get(span));
            }
            if (columns[0].Count >= batchRows)
            {
                yield return new RawTable(names, [.. columns.Select(c => c.ToArray())], source);
                yielded = true;
                columns = NewColumns(names.Length);
            }
        }
        if (columns[0].Count > 0 || !yielded) yield return new RawTable(names, [.. columns.Select(c => c.ToArray())], source);
    }

    private static List<string?>[] NewColumns(int count) => [.. Enumerable.Range(0, count).Select(_ => new List<string?>())];

    /// <summary>Runs a step of the CSV parser, turning its exceptions into errors that say what to fix.</summary>
    private static T Translate<T>(string source, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (DecoderFallbackException e)
        {
            throw new DoppelException(ErrorKind.Data, $"{source} is not valid UTF-8 (at byte {e.Index}). Save it as UTF-8 and try again.", e);
        }
        catch (CsvMissingHeadersException e)
        {
            throw new DoppelException(ErrorKind.Data, $"{source} is empty: a CSV file needs a header row and at least one data row.", e);
        }
        catch (CsvRecordTooLargeException e)
        {
            throw new DoppelException(ErrorKind.Data, $"{source}: a record is larger than 64 MB, most likely an unterminated quote.", e);
        }
        catch (CsvFormatException e)
        {
            throw new DoppelException(ErrorKind.Data,
                $"{source}: malformed CSV in data row {e.RowNumber}, field {e.FieldOrdinal + 1} (often an unterminated quote). Quote fields as RFC 4180 says: \"a \"\"quoted\"\" value\".", e);
        }
    }

    private static string[] ReadHeader(CsvDataReader reader, string source, ICollection<string>? warnings)
    {
        var names = new string[reader.FieldCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // UTF-16 without a byte-order mark decodes as UTF-8 with a NUL after (or before) every ASCII character.
        for (int c = 0; c < names.Length; c++)
            if (reader.GetName(c).Contains('\0'))
                throw new DoppelException(ErrorKind.Data, $"{source} looks like UTF-16 text without a byte-order mark (every other byte of its header is zero). Save it as UTF-8 (or UTF-16 with a byte-order mark) and try again.");
        for (int c = 0; c < names.Length; c++)
        {
            string name = reader.GetName(c).Trim();
            if (name.Length == 0)
            {
                name = $"column_{c + 1}";
                warnings?.Add($"{source}: column {c + 1} has no name in the header; it is called '{name}'.");
            }
            if (!seen.Add(name))
                throw new DoppelException(ErrorKind.Data, $"{source}: the header names column '{name}' twice. Column names must be unique.");
            names[c] = name;
        }
        if (names.Length == 0)
            throw new DoppelException(ErrorKind.Data, $"{source} is empty: a CSV file needs a header row and at least one data row.");
        return names;
    }

    /// <summary>De-duplicates repeated cell strings (categories) so a column holds each distinct value once.</summary>
    private sealed class Interner
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
