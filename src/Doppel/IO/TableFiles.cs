using System.IO.Compression;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.IO;

/// <summary>
/// File formats chosen by extension: <c>.csv</c> (also .txt), <c>.tsv</c>, each optionally gzipped (<c>.csv.gz</c>),
/// and <c>.parquet</c>. <c>-</c> reads CSV from stdin; a device or pipe (<c>/dev/stdin</c>, a FIFO) is CSV unless its
/// name says otherwise. Any other extension is refused rather than guessed.
/// </summary>
public static class TableFiles
{
    /// <summary>The extensions Doppel reads and writes, for messages.</summary>
    public const string SupportedExtensions = ".csv, .tsv, .txt, .csv.gz, .tsv.gz, .txt.gz or .parquet";

    /// <summary>True when <paramref name="path"/> names a Parquet file.</summary>
    public static bool IsParquet(string path) => Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses a path whose extension names no format Doppel reads and writes (before any work is done).</summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.Usage"/> for an unknown extension.</exception>
    public static void CheckFormat(string path) => _ = FormatOf(path);

    /// <summary>The table's name for detected metadata: the file name without its extensions (<c>stdin</c> for <c>-</c>).</summary>
    public static string NameOf(string path)
    {
        if (path == "-") return "stdin";
        string name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        return Path.GetFileNameWithoutExtension(name);
    }

    /// <summary>Reads raw cells from a CSV (optionally gzipped) or Parquet file, or CSV from stdin for <c>-</c>.</summary>
    public static RawTable ReadRaw(string path, ICollection<string>? warnings = null)
    {
        if (IsParquetFile(path)) return ParquetTableReader.Read(path);
        return ReadCsv(path, (stream, source, delimiter) => CsvReader.Read(stream, source, delimiter, warnings));
    }

    /// <summary>
    /// Reads a file and types it with <paramref name="metadata"/>, or with detected metadata when null
    /// (<paramref name="options"/>: number culture, the format of dates with an open day/month order, and the rows
    /// types are detected from). CSV is parsed straight into typed columns (see <see cref="CsvTableReader"/>).
    /// </summary>
    public static (Table Table, TableMetadata Metadata) Load(string path, TableMetadata? metadata = null, ICollection<string>? warnings = null, ParseOptions? options = null)
    {
        options ??= ParseOptions.Default;
        if (!IsParquetFile(path))
            return ReadCsv(path, (stream, source, delimiter) => CsvTableReader.Read(stream, source, NameOf(path), delimiter, metadata, warnings, options));
        var raw = ParquetTableReader.Read(path);
        if (raw.RowCount == 0)
            throw new DoppelException(ErrorKind.Data, $"{path} has a header but no data rows; a model needs at least one row.");
        metadata = metadata is null
            ? MetadataDetector.Detect(raw, NameOf(path), warnings, options)
            : MetadataDetector.Complete(raw, metadata, options);
        return (TableConverter.Convert(raw, metadata, warnings, options), metadata);
    }

    /// <summary>True for a Parquet file (a folder is reported by <see cref="ReadCsv"/>).</summary>
    private static bool IsParquetFile(string path) => path != "-" && !Directory.Exists(path) && FormatOf(path).Parquet;

    /// <summary>Runs <paramref name="read"/> on the CSV text of a file (decompressed when gzipped) or of stdin for <c>-</c>.</summary>
    private static T ReadCsv<T>(string path, Func<Stream, string, char?, T> read)
    {
        if (path == "-") return read(Console.OpenStandardInput(), "stdin", null);
        if (Directory.Exists(path)) throw new DoppelException(ErrorKind.IO, $"{path} is a folder, not a data file: name a .csv, .tsv or .parquet file.");
        var format = FormatOf(path);
        Stream file;
        try { file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot find the input file {path}.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read {path}: {e.Message}", e);
        }
        using (file)
        {
            if (!format.Gzip) return ReadFile(path, () => read(file, path, format.Delimiter));
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            try { return ReadFile(path, () => read(gzip, path, format.Delimiter)); }
            catch (InvalidDataException e)
            {
                throw new DoppelException(ErrorKind.Data, $"{path} is not a valid gzip file ({e.Message}). Name it .csv if it is not compressed.", e);
            }
        }
    }

    /// <summary>An I/O failure while reading (a disk error, a file removed under us) is an I/O error, not a crash.</summary>
    private static T ReadFile<T>(string path, Func<T> read)
    {
        try { return read(); }
        catch (IOException e) { throw new DoppelException(ErrorKind.IO, $"Cannot read {path}: {e.Message}", e); }
    }

    /// <summary>Opens a writer for <paramref name="path"/>'s format on <paramref name="stream"/> (a gzipped format compresses on the way).</summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.Usage"/> for an unknown extension.</exception>
    public static ITableWriter OpenWriter(string path, Stream stream, TableMetadata metadata)
    {
        var format = FormatOf(path);
        if (format.Parquet) return new ParquetTableWriter(stream, metadata);
        if (!format.Gzip) return new CsvTableWriter(stream, metadata, format.Delimiter ?? ',');
        var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        return new GzipTableWriter(new CsvTableWriter(gzip, metadata, format.Delimiter ?? ','), gzip);
    }

    /// <summary>The format a path names; a device or pipe without a known extension is CSV.</summary>
    internal static TableFormat FormatOf(string path)
    {
        if (path == "-") return new TableFormat(false, null, false);
        string name = Path.GetFileName(path);
        bool gzip = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        string extension = Path.GetExtension(gzip ? name[..^3] : name).ToLowerInvariant();
        switch (extension)
        {
            case ".csv" or ".txt": return new TableFormat(false, null, gzip);
            case ".tsv": return new TableFormat(false, '\t', gzip);
            case ".parquet" when !gzip: return new TableFormat(true, null, false);
        }
        if (!gzip && FileIdentity.Of(path)?.Kind == FileKind.Special) return new TableFormat(false, null, false);
        string what = extension.Length == 0 ? "has no extension" : $"ends in {(gzip ? extension + ".gz" : extension)}";
        throw new DoppelException(ErrorKind.Usage, $"{path} {what}, which is not a table format Doppel reads or writes. Use {SupportedExtensions}.");
    }

    /// <summary>A table format: Parquet, or delimited text (delimiter given or detected) optionally gzipped.</summary>
    internal readonly record struct TableFormat(bool Parquet, char? Delimiter, bool Gzip)
    {
        /// <summary>How the manifest names it.</summary>
        public string Name => Parquet ? "parquet" : Gzip ? "csv.gz" : "csv";
    }

    /// <summary>A CSV writer into a gzip stream, which it finishes (trailer written) on completion.</summary>
    private sealed class GzipTableWriter(CsvTableWriter inner, GZipStream gzip) : ITableWriter
    {
        public object Encode(Table batch) => inner.Encode(batch);

        public void Write(object encoded) => inner.Write(encoded);

        public void Complete()
        {
            inner.Complete();
            gzip.Dispose();
        }

        public void Dispose()
        {
            inner.Dispose();
            gzip.Dispose();
        }
    }
}
