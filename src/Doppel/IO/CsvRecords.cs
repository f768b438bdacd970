using System.Text;
using Sylvan.Data.Csv;

namespace Doppel.IO;

/// <summary>
/// The data rows of a CSV stream as Sylvan parses them: header read and checked, blank lines skipped, every row's
/// field count checked, parser exceptions turned into errors that say what to fix. Fields are spans into Sylvan's
/// buffer (valid until the next <see cref="Next"/>), so a caller that knows a column's type allocates nothing.
/// </summary>
internal sealed class CsvRecords : IDisposable
{
    private readonly StreamReader _text;
    private readonly CsvDataReader _reader;
    private int _line;

    public CsvRecords(Stream stream, string source, char? delimiter, ICollection<string>? warnings)
    {
        Source = source;
        // A strict decoder turns invalid UTF-8 into an error instead of silent replacement characters.
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        _text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = delimiter,
            Comment = '\0', // '#' starts a comment by default; in data it is just a character
            BufferSize = 1 << 16,
            MaxBufferSize = 1 << 26,
        };
        try
        {
            _reader = CsvDataReader.Create(_text, options);
            Names = ReadHeader(_reader, source, warnings);
        }
        catch (Exception e) when (Describe(source, e) is { } error)
        {
            _text.Dispose();
            throw error;
        }
    }

    /// <summary>Names the data in messages.</summary>
    public string Source { get; }

    /// <summary>The header's column names (trimmed, unique, unnamed ones called <c>column_N</c>).</summary>
    public string[] Names { get; }

    /// <summary>Moves to the next data row (blank lines skipped); false at the end.</summary>
    public bool Next()
    {
        try
        {
            return NextRow();
        }
        catch (Exception e) when (Describe(Source, e) is { } error)
        {
            throw error;
        }
    }

    private bool NextRow()
    {
        while (_reader.Read())
        {
            _line++;
            int fields = _reader.RowFieldCount;
            if (fields == 1 && Names.Length > 1 && _reader.GetFieldSpan(0).IsEmpty) continue; // blank line
            if (fields != Names.Length)
                throw new DoppelException(ErrorKind.Data,
                    $"{Source}: data row {_line} has {fields} field(s) but the header has {Names.Length}. Check for a missing or extra delimiter, or an unquoted field.");
            return true;
        }
        return false;
    }

    /// <summary>Field <paramref name="column"/> of the current row; empty means null.</summary>
    public ReadOnlySpan<char> Field(int column) => _reader.GetFieldSpan(column);

    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }

    /// <summary>The parser's exception as an error that says what to fix; null for others.</summary>
    private static DoppelException? Describe(string source, Exception exception) => exception switch
    {
        DecoderFallbackException e => new(ErrorKind.Data, $"{source} is not valid UTF-8 (at byte {e.Index}). Save it as UTF-8 and try again.", e),
        CsvMissingHeadersException e => new(ErrorKind.Data, $"{source} is empty: a CSV file needs a header row and at least one data row.", e),
        CsvRecordTooLargeException e => new(ErrorKind.Data, $"{source}: a record is larger than 64 MB, most likely an unterminated quote.", e),
        CsvFormatException e => new(ErrorKind.Data,
            $"{source}: malformed CSV in data row {e.RowNumber}, field {e.FieldOrdinal + 1} (often an unterminated quote). Quote fields as RFC 4180 says: \"a \"\"quoted\"\" value\".", e),
        _ => null,
    };

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
}
