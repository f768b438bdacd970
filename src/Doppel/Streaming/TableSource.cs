using System.IO.Compression;
using System.Security.Cryptography;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Streaming;

/// <summary>
/// One table spread over files (several CSV/TSV/Parquet files, or a folder of parts), read as typed batches that
/// share one metadata: given, or detected on the first batch of the first file. Reading goes through the ordinary
/// readers (<see cref="CsvReader.ReadBatches"/>, <see cref="ParquetTableReader"/>) and <see cref="TableConverter"/>,
/// so a value that breaks its column's type is the same clear error as in a whole-file read. Memory is one batch.
/// </summary>
public sealed class TableSource
{
    /// <summary>Rows per batch unless told otherwise.</summary>
    public const int DefaultBatchRows = 100_000;

    private readonly ParseOptions _options;
    private readonly ICollection<string>? _warnings;

    private TableSource(IReadOnlyList<string> files, TableMetadata metadata, int batchRows, ParseOptions options, ICollection<string>? warnings)
    {
        Files = files;
        Metadata = metadata;
        BatchRows = batchRows;
        _options = options;
        _warnings = warnings;
    }

    /// <summary>The files, in reading order (a folder's parts sorted by name).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The metadata every batch is typed with.</summary>
    public TableMetadata Metadata { get; }

    /// <summary>Rows per batch (a Parquet file is one batch per file).</summary>
    public int BatchRows { get; }

    /// <summary>The files' total size in bytes (what decides whether a fit streams).</summary>
    public long Bytes => Files.Sum(f => new FileInfo(f).Length);

    /// <summary>
    /// Opens <paramref name="inputs"/> (files and folders; a folder stands for its data files sorted by name).
    /// Without <paramref name="metadata"/>, the metadata is detected on the first <paramref name="batchRows"/> rows
    /// of the first file, so later rows must fit the types detected there.
    /// </summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.IO"/> for a missing input or an empty folder.</exception>
    public static TableSource Open(IReadOnlyList<string> inputs, TableMetadata? metadata = null, int batchRows = DefaultBatchRows,
        ParseOptions? options = null, ICollection<string>? warnings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        options ??= ParseOptions.Default;
        var files = Expand(inputs);
        var first = ReadRaw(files[0], batchRows, warnings, null).First();
        if (first.RowCount == 0)
            throw new DoppelException(ErrorKind.Data, $"{files[0]} has a header but no data rows; a model needs at least one row.");
        metadata = metadata is null
            ? MetadataDetector.Detect(first, TableFiles.NameOf(inputs.Count == 1 ? inputs[0].TrimEnd('/') : files[0]), warnings, options)
            : MetadataDetector.Complete(first, metadata, options);
        return new TableSource(files, metadata, batchRows, options, warnings);
    }

    /// <summary>The data files named by <paramref name="inputs"/>: files as given, folders' files sorted by name.</summary>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> inputs)
    {
        if (inputs.Count == 0) throw new DoppelException(ErrorKind.Usage, "Name at least one data file or folder.");
        var files = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                var parts = Directory.GetFiles(input).Where(IsDataFile).Order(StringComparer.Ordinal).ToList();
                if (parts.Count == 0)
                    throw new DoppelException(ErrorKind.IO, $"{input} holds no data files ({TableFiles.SupportedExtensions}).");
                files.AddRange(parts);
            }
            else if (File.Exists(input))
            {
                TableFiles.CheckFormat(input);
                files.Add(input);
            }
            else throw new DoppelException(ErrorKind.IO, $"Cannot find the input file {input}.");
        }
        return files;
    }

    private static bool IsDataFile(string path)
    {
        if (Path.GetFileName(path).StartsWith('.') || path.EndsWith(".manifest.json", StringComparison.Ordinal)) return false;
        try { TableFiles.CheckFormat(path); return true; }
        catch (DoppelException) { return false; }
    }

    /// <summary>
    /// The batches in order: each typed with <see cref="Metadata"/>, with the index of its file and of its first row
    /// in that file. With <paramref name="hashes"/>, each file's SHA-256 is added to it once the file is read.
    /// </summary>
    public IEnumerable<TableBatch> Read(IList<string>? hashes = null)
    {
        for (int f = 0; f < Files.Count; f++)
            foreach (var batch in ReadFile(f, hashes)) yield return batch;
    }

    /// <summary>
    /// The batches of file <paramref name="file"/> alone (a shard of a distributed fit), numbered as in <see cref="Read"/>.
    /// With <paramref name="hashes"/>, the file's SHA-256 is added to it once the file is read.
    /// </summary>
    public IEnumerable<TableBatch> ReadFile(int file, IList<string>? hashes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(file);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(file, Files.Count);
        long row = 0;
        using var hash = hashes is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var raw in ReadRaw(Files[file], BatchRows, _warnings, hash))
        {
            var table = TableConverter.Convert(raw, Metadata, _warnings, _options);
            yield return new TableBatch(table, file, row);
            row += table.RowCount;
        }
        if (hash is not null) hashes!.Add(Convert.ToHexStringLower(hash.GetCurrentHash()));
    }

    /// <summary>
    /// The source of <paramref name="files"/> with metadata already settled (a silo reading its shard of a fit the
    /// client planned): nothing is read or detected until the batches are.
    /// </summary>
    internal static TableSource Reopen(IReadOnlyList<string> files, TableMetadata metadata, int batchRows, ParseOptions options, ICollection<string>? warnings) =>
        new(files, metadata, batchRows, options, warnings);

    private static IEnumerable<RawTable> ReadRaw(string path, int batchRows, ICollection<string>? warnings, IncrementalHash? hash)
    {
        var format = TableFiles.FormatOf(path);
        if (format.Parquet)
        {
            hash?.AppendData(File.ReadAllBytes(path)); // a part file: small enough to hash whole
            yield return ParquetTableReader.Read(path);
            yield break;
        }
        Stream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot find the input file {path}.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read {path}: {e.Message}", e);
        }
        using (stream)
        {
            Stream text = hash is null ? stream : new ReadHashingStream(stream, hash);
            if (format.Gzip) text = new GZipStream(text, CompressionMode.Decompress);
            using (text)
                foreach (var batch in CsvReader.ReadBatches(text, path, batchRows, format.Delimiter, warnings))
                    yield return batch;
        }
    }
}

/// <summary>A typed batch of a <see cref="TableSource"/>: its rows, its file's index and its first row's index in that file.</summary>
public sealed record TableBatch(Table Table, int File, long FirstRow);
