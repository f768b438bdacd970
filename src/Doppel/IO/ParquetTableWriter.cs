using Doppel.Data;
using Doppel.Metadata;
using Parquet;
using Parquet.Schema;

namespace Doppel.IO;

/// <summary>
/// Writes batches as Parquet row groups (one per batch) with typed, nullable columns: integers as int64, other numbers
/// as double, booleans as boolean, datetimes as timestamps in microseconds without time zone (dates as the date type
/// when the format has no time of day), everything else as UTF-8 strings.
/// </summary>
/// <remarks>
/// The Parquet writer is created on the first <see cref="Write"/> (or in <see cref="Complete"/> when there were no
/// batches, so an empty output is still a valid file with the schema); <see cref="Encode"/> never touches the stream.
/// </remarks>
public sealed class ParquetTableWriter : ITableWriter
{
    private readonly Stream _stream;
    private readonly TableMetadata _metadata;
    private readonly DataField[] _fields;
    private readonly ColumnType[] _types;
    private readonly ParquetSchema _schema;
    private ParquetWriter? _writer;
    private bool _completed;

    /// <summary>Prepares a Parquet file on <paramref name="stream"/> (writable; it is left open) for rows described by <paramref name="metadata"/>.</summary>
    public ParquetTableWriter(Stream stream, TableMetadata metadata)
    {
        _stream = stream;
        _metadata = metadata;
        _types = new ColumnType[metadata.Columns.Count];
        _fields = new DataField[metadata.Columns.Count];
        for (int c = 0; c < _fields.Length; c++)
        {
            var column = metadata.Columns[c];
            (_types[c], _fields[c]) = column.Type switch
            {
                SemanticType.Numerical when column.Integer => (ColumnType.Int64, (DataField)new DataField<long?>(column.Name)),
                SemanticType.Numerical => (ColumnType.Double, new DataField<double?>(column.Name)),
                // A boolean spelled otherwise (yes/no, T/F) stays text, so it reads back as written.
                SemanticType.Boolean when column.Spelling == BooleanSpelling.Default => (ColumnType.Boolean, new DataField<bool?>(column.Name)),
                SemanticType.Boolean => (ColumnType.Spelled, new DataField<string>(column.Name, nullable: true)),
                SemanticType.Datetime when column.Format is { } format && ValueParsing.IsDateOnly(format) =>
                    (ColumnType.DateTime, new DateTimeDataField(column.Name, DateTimeFormat.Date, isAdjustedToUTC: false, unit: null, isNullable: true)),
                SemanticType.Datetime =>
                    (ColumnType.DateTime, new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: false,
                        // Fractions of up to three digits are stored as milliseconds: the precision the CSV output writes.
                        ValueParsing.TicksPerUnit(column.Format) is >= TimeSpan.TicksPerMillisecond and < TimeSpan.TicksPerSecond ? DateTimeTimeUnit.Millis : DateTimeTimeUnit.Micros,
                        isNullable: true)),
                _ => (ColumnType.String, new DataField<string>(column.Name, nullable: true)),
            };
        }
        _schema = new ParquetSchema(_fields);
    }

    /// <summary>
    /// Key-value pairs written into the file footer (Parquet's <c>key_value_metadata</c>), for provenance and the like.
    /// Add them any time before <see cref="Complete"/>.
    /// </summary>
    public IDictionary<string, string> KeyValueMetadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <inheritdoc/>
    public object Encode(Table batch)
    {
        var columns = batch.Columns;
        if (columns.Count != _fields.Length) throw new InvalidOperationException("Batch does not match the metadata.");
        var encoded = new Array[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var meta = _metadata.Columns[c];
            if (column.Name != meta.Name)
                throw new InvalidOperationException($"Batch column {c + 1} is '{column.Name}' but the metadata says '{meta.Name}'.");
            encoded[c] = (_types[c], column) switch
            {
                (ColumnType.Int64, NumberColumn numbers) => Integers(numbers),
                (ColumnType.Double, NumberColumn numbers) => Doubles(numbers, meta.Decimals),
                (ColumnType.Boolean, BooleanColumn booleans) => Booleans(booleans),
                (ColumnType.Spelled, BooleanColumn booleans) => Spelled(booleans, meta.Spelling),
                (ColumnType.DateTime, DateTimeColumn dates) => DateTimes(dates),
                (ColumnType.String, CategoryColumn categories) => Categories(categories),
                (ColumnType.String, StringColumn strings) => Strings(strings),
                _ => throw new InvalidOperationException(
                    $"Column '{meta.Name}' is {meta.TypeName} in the metadata but the batch holds {column.Kind} values."),
            };
        }
        return new EncodedBatch(batch.RowCount, encoded);
    }

    /// <inheritdoc/>
    public void Write(object encoded)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var batch = (EncodedBatch)encoded;
        Run(async () =>
        {
            var writer = await WriterAsync().ConfigureAwait(false);
            using var rowGroup = writer.CreateRowGroup();
            for (int c = 0; c < _fields.Length; c++)
            {
                var field = _fields[c];
                var task = batch.Columns[c] switch
                {
                    long?[] values => rowGroup.WriteAsync<long>(field, values),
                    double?[] values => rowGroup.WriteAsync<double>(field, values),
                    bool?[] values => rowGroup.WriteAsync<bool>(field, values),
                    DateTime?[] values => rowGroup.WriteAsync<DateTime>(field, values),
                    ReadOnlyMemory<char>?[] values => rowGroup.WriteAsync<ReadOnlyMemory<char>>(field, values),
                    _ => throw new InvalidOperationException("Not a batch encoded by this writer."),
                };
                await task.ConfigureAwait(false);
            }
            rowGroup.CompleteValidate();
        });
    }

    /// <inheritdoc/>
    public void Complete()
    {
        if (_completed) return;
        Run(async () =>
        {
            var writer = await WriterAsync().ConfigureAwait(false);
            writer.CustomMetadata = new Dictionary<string, string>(KeyValueMetadata, StringComparer.Ordinal);
            await writer.DisposeAsync().ConfigureAwait(false); // writes the footer
        });
        _completed = true;
        _stream.Flush();
    }

    /// <summary>
    /// Releases the writer. Without <see cref="Complete"/> the footer is deliberately not written, so an aborted
    /// output is never mistaken for a whole (shorter) file.
    /// </summary>
    public void Dispose() => _completed = true;

    private async Task<ParquetWriter> WriterAsync() =>
        _writer ??= await ParquetWriter.CreateAsync(_schema, _stream).ConfigureAwait(false);

    /// <summary>Blocks on Parquet.Net's async API from the thread pool, so no synchronization context can deadlock it.</summary>
    private static void Run(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();

    private static long?[] Integers(NumberColumn column)
    {
        var values = column.Values;
        var result = new long?[values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            if (column.IsNull(i)) continue;
            double value = Math.Round(values[i]);
            // 2^63 is exactly representable; every double below it in magnitude fits a long.
            if (!(Math.Abs(value) < 9.2233720368547758E18))
                throw new DoppelException(ErrorKind.Data,
                    $"Column '{column.Name}' is an integer column but row {i + 1} of a batch holds {values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, which a Parquet int64 cannot store.");
            result[i] = (long)value;
        }
        return result;
    }

    private static double?[] Doubles(NumberColumn column, int? decimals)
    {
        var values = column.Values;
        var result = new double?[values.Length];
        int digits = Math.Min(decimals ?? -1, 15); // as the CSV writer: keep the digits the real data had
        for (int i = 0; i < result.Length; i++)
        {
            if (column.IsNull(i)) continue;
            result[i] = digits >= 0 && double.IsFinite(values[i]) ? Math.Round(values[i], digits) : values[i];
        }
        return result;
    }

    private static bool?[] Booleans(BooleanColumn column)
    {
        var values = column.Values;
        var result = new bool?[values.Length];
        for (int i = 0; i < result.Length; i++) if (!column.IsNull(i)) result[i] = values[i];
        return result;
    }

    private static ReadOnlyMemory<char>?[] Spelled(BooleanColumn column, BooleanSpelling spelling)
    {
        var values = column.Values;
        ReadOnlyMemory<char> yes = spelling.True.AsMemory(), no = spelling.False.AsMemory();
        var result = new ReadOnlyMemory<char>?[values.Length];
        for (int i = 0; i < result.Length; i++) if (!column.IsNull(i)) result[i] = values[i] ? yes : no;
        return result;
    }

    private static DateTime?[] DateTimes(DateTimeColumn column)
    {
        var ticks = column.Ticks;
        var result = new DateTime?[ticks.Length];
        for (int i = 0; i < result.Length; i++) if (!column.IsNull(i)) result[i] = new DateTime(ticks[i], DateTimeKind.Unspecified);
        return result;
    }

    private static ReadOnlyMemory<char>?[] Categories(CategoryColumn column)
    {
        var codes = column.Codes;
        var categories = column.Categories;
        var result = new ReadOnlyMemory<char>?[codes.Length];
        for (int i = 0; i < result.Length; i++) if (!column.IsNull(i)) result[i] = categories[codes[i]].AsMemory();
        return result;
    }

    private static ReadOnlyMemory<char>?[] Strings(StringColumn column)
    {
        var values = column.Values;
        var result = new ReadOnlyMemory<char>?[values.Length];
        for (int i = 0; i < result.Length; i++) if (!column.IsNull(i) && values[i] is { } value) result[i] = value.AsMemory();
        return result;
    }

    private enum ColumnType { Int64, Double, Boolean, Spelled, DateTime, String }

    /// <summary>One batch as Parquet.Net column arrays (a nullable array per column), ready for one row group.</summary>
    private sealed record EncodedBatch(int RowCount, Array[] Columns);
}
