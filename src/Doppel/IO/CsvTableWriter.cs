using System.Buffers;
using System.Text;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.IO;

/// <summary>Writes batches as RFC 4180 CSV (UTF-8, no BOM, LF line ends, quotes only where needed).</summary>
public sealed class CsvTableWriter : ITableWriter
{
    private readonly Stream _stream;
    private readonly TableMetadata _metadata;
    private readonly char _delimiter;
    private readonly ThreadLocal<ValueFormatter[]> _formatters;

    /// <summary>Starts a CSV on <paramref name="stream"/> and writes the header.</summary>
    public CsvTableWriter(Stream stream, TableMetadata metadata, char delimiter = ',')
    {
        _stream = stream;
        _metadata = metadata;
        _delimiter = delimiter;
        _formatters = new(() => [.. metadata.Columns.Select(c => new ValueFormatter(c, delimiter))]);
        using var header = new PooledBufferWriter(1024);
        var names = new StringColumn("name", [.. metadata.Columns.Select(c => c.Name)]);
        var nameFormatter = new ValueFormatter(new ColumnMetadata("name", SemanticType.Text), delimiter);
        for (int c = 0; c < names.Length; c++)
        {
            if (c > 0) header.Write([(byte)delimiter]);
            nameFormatter.Append(names, c, header);
        }
        header.Write("\n"u8);
        _stream.Write(header.WrittenSpan);
    }

    /// <inheritdoc/>
    public object Encode(Table batch)
    {
        var formatters = _formatters.Value!;
        var output = new PooledBufferWriter(Math.Max(1024, batch.RowCount * batch.Columns.Count * 8));
        var columns = batch.Columns;
        if (columns.Count != _metadata.Columns.Count) throw new InvalidOperationException("Batch does not match the metadata.");
        byte delimiter = (byte)_delimiter;
        for (int row = 0; row < batch.RowCount; row++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                if (c > 0) output.GetSpan(1)[0] = delimiter;
                if (c > 0) output.Advance(1);
                formatters[c].Append(columns[c], row, output);
            }
            output.GetSpan(1)[0] = (byte)'\n';
            output.Advance(1);
        }
        return output;
    }

    /// <inheritdoc/>
    public void Write(object encoded)
    {
        using var buffer = (PooledBufferWriter)encoded;
        _stream.Write(buffer.WrittenSpan);
    }

    /// <inheritdoc/>
    public void Complete() => _stream.Flush();

    /// <inheritdoc/>
    public void Dispose() => _formatters.Dispose();

    /// <summary>Writes a whole table to a CSV file, atomically.</summary>
    public static void WriteFile(string path, Table table, TableMetadata metadata, bool overwrite = false) =>
        AtomicFile.Write(path, overwrite, stream =>
        {
            using var writer = new CsvTableWriter(stream, metadata);
            writer.Write(writer.Encode(table));
            writer.Complete();
        });

    internal static string ToText(Table table, TableMetadata metadata)
    {
        using var memory = new MemoryStream();
        using (var writer = new CsvTableWriter(memory, metadata))
        {
            writer.Write(writer.Encode(table));
            writer.Complete();
        }
        return Encoding.UTF8.GetString(memory.ToArray());
    }
}
