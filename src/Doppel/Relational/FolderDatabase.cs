using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>
/// A database as a folder of files, one table per CSV, TSV or Parquet file, named after the table. Keys and
/// foreign keys are detected (<see cref="KeyDetector"/>) unless declared metadata is given.
/// </summary>
public sealed class FolderDatabase : IDatabaseSource
{
    private static readonly string[] Extensions = [".csv", ".tsv", ".parquet"];
    private readonly Dictionary<string, string> _files;
    private readonly Dictionary<string, RawTable> _raw = new(StringComparer.Ordinal);
    private readonly ParseOptions _options;
    private readonly List<string> _warnings = [];

    private FolderDatabase(string folder, Dictionary<string, string> files, ParseOptions options)
    {
        Folder = folder;
        _files = files;
        _options = options;
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <inheritdoc/>
    public string Description => Folder;

    /// <summary>The tables, in name order.</summary>
    public IReadOnlyList<string> TableNames => [.. _files.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Per table, the file name (with extension) it was read from; a sink writes the same names.</summary>
    public IReadOnlyDictionary<string, string> FileNames => _files.ToDictionary(p => p.Key, p => Path.GetFileName(p.Value), StringComparer.Ordinal);

    /// <summary>What the user should check about the data read so far (type detection, parsing).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Opens the folder: every CSV, TSV and Parquet file directly in it is a table (a single data file: a one-table database, such as one sequence table).</summary>
    public static FolderDatabase Open(string folder, ParseOptions? options = null)
    {
        if (File.Exists(folder) && Extensions.Contains(Path.GetExtension(folder).ToLowerInvariant()))
            return new FolderDatabase(folder, new(StringComparer.Ordinal) { [Path.GetFileNameWithoutExtension(folder)] = folder }, options ?? ParseOptions.Default);
        if (!Directory.Exists(folder))
            throw new DoppelException(ErrorKind.IO, File.Exists(folder)
                ? $"{folder} is a file; a database is a folder with one CSV or Parquet file per table (or a .sqlite file, or a postgresql:// URI)."
                : $"The folder {folder} does not exist.");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!Extensions.Contains(Path.GetExtension(path).ToLowerInvariant()) || Path.GetFileName(path).StartsWith('.')) continue;
            string table = Path.GetFileNameWithoutExtension(path);
            if (!files.TryAdd(table, path))
                throw new DoppelException(ErrorKind.Data, $"{folder} holds two files for table '{table}' ({Path.GetFileName(files[table])} and {Path.GetFileName(path)}); keep one.");
        }
        if (files.Count == 0) throw new DoppelException(ErrorKind.IO, $"{folder} is a folder, not a data file, and holds no CSV, TSV or Parquet files: name a data file, or a database folder with one file per table.");
        return new FolderDatabase(folder, files, options ?? ParseOptions.Default);
    }

    /// <summary>Detects every table's columns, then keys and foreign keys, with the evidence for each.</summary>
    public KeyDetection Detect()
    {
        var names = TableNames;
        var raws = names.Select(Raw).ToList();
        var tables = names.Select((name, i) => MetadataDetector.Detect(raws[i], name, _warnings, _options)).ToList();
        return KeyDetector.Detect(raws, tables);
    }

    /// <inheritdoc/>
    public DatasetMetadata ReadMetadata() => Detect().Metadata;

    /// <inheritdoc/>
    public Table ReadTable(TableMetadata table) => TableConverter.Convert(Raw(table.Name), table, _warnings, _options);

    /// <summary>A sink writing one file per table into <paramref name="folder"/> (created when committed).</summary>
    /// <param name="folder">The output folder; it must not exist unless <paramref name="overwrite"/>.</param>
    /// <param name="overwrite">Replace an existing folder.</param>
    /// <param name="fileNames">Per table the file name to write (its extension picks the format); others get <c>TABLE.csv</c>.</param>
    public static FolderDatabaseSink CreateSink(string folder, bool overwrite, IReadOnlyDictionary<string, string>? fileNames = null) =>
        new(folder, overwrite, fileNames ?? new Dictionary<string, string>());

    private RawTable Raw(string table)
    {
        if (_raw.TryGetValue(table, out var raw)) return raw;
        if (!_files.TryGetValue(table, out var path))
            throw new DoppelException(ErrorKind.Metadata, $"The metadata describes table '{table}', but {Folder} has no file for it. Tables found: {string.Join(", ", TableNames)}.");
        return _raw[table] = TableFiles.ReadRaw(path, _warnings);
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
