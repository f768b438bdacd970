using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.IO;

/// <summary>File formats chosen by extension: <c>.csv</c> (also .tsv, .txt) and <c>.parquet</c>.</summary>
public static class TableFiles
{
    /// <summary>True when <paramref name="path"/> names a Parquet file.</summary>
    public static bool IsParquet(string path) => Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads raw cells from a CSV or Parquet file.</summary>
    public static RawTable ReadRaw(string path, ICollection<string>? warnings = null)
    {
        if (IsParquet(path)) return ParquetTableReader.Read(path);
        char? delimiter = Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : null;
        return CsvReader.Read(path, delimiter, warnings);
    }

    /// <summary>
    /// Reads a file and types it with <paramref name="metadata"/>, or with detected metadata when null
    /// (<paramref name="options"/>: number culture, and the format of dates with an open day/month order).
    /// </summary>
    public static (Table Table, TableMetadata Metadata) Load(string path, TableMetadata? metadata = null, ICollection<string>? warnings = null, ParseOptions? options = null)
    {
        var raw = ReadRaw(path, warnings);
        if (raw.RowCount == 0)
            throw new DoppelException(ErrorKind.Data, $"{path} has a header but no data rows; a model needs at least one row.");
        metadata = metadata is null
            ? MetadataDetector.Detect(raw, Path.GetFileNameWithoutExtension(path), warnings, options)
            : MetadataDetector.Complete(raw, metadata, options);
        return (TableConverter.Convert(raw, metadata, warnings, options), metadata);
    }

    /// <summary>Opens a writer for <paramref name="path"/>'s format on <paramref name="stream"/>.</summary>
    public static ITableWriter OpenWriter(string path, Stream stream, TableMetadata metadata) =>
        IsParquet(path) ? new ParquetTableWriter(stream, metadata)
        : new CsvTableWriter(stream, metadata, Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',');
}
