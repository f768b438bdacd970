using System.Buffers;
using System.Globalization;
using Doppel.Data;
using Parquet;
using Parquet.Schema;

namespace Doppel.IO;

/// <summary>
/// Reads a flat Parquet file into raw text cells (invariant culture), so detection works as for CSV: integers plain,
/// floating point numbers as shortest round-trip text, booleans as <c>true</c>/<c>false</c>, timestamps as
/// <c>yyyy-MM-dd HH:mm:ss</c> (with a fraction only when there is one), dates as <c>yyyy-MM-dd</c>.
/// Nulls and empty strings are missing cells, as an empty CSV field is.
/// </summary>
public static class ParquetTableReader
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF"; // ".FFFFFFF" vanishes, dot included, on whole seconds
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm:ss.FFFFFFF";

    /// <summary>Reads every row group and column of a whole Parquet file.</summary>
    /// <exception cref="DoppelException">
    /// <see cref="ErrorKind.IO"/> when the file cannot be opened; <see cref="ErrorKind.Data"/> when it is not a
    /// readable Parquet file or is not flat (nested or repeated columns, duplicate column names, unsupported types).
    /// </exception>
    public static RawTable Read(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot find the input file {path}.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or NotSupportedException or ArgumentException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read {path}: {e.Message}", e);
        }

        using (stream)
        {
            try
            {
                // Parquet.Net is async only. Running on the thread pool means a caller's synchronization context
                // (UI, old ASP.NET) can never deadlock the blocking wait.
                return Task.Run(() => ReadAsync(stream, path)).GetAwaiter().GetResult();
            }
            catch (DoppelException)
            {
                throw;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Parquet.Net reports a foreign or truncated file as IOException, a corrupt footer as a Thrift
                // exception, bad pages as anything from InvalidDataException to IndexOutOfRangeException.
                throw new DoppelException(ErrorKind.Data, $"{path} is not a readable Parquet file: {e.Message}", e);
            }
        }
    }

    private static async Task<RawTable> ReadAsync(Stream stream, string path)
    {
        var reader = await ParquetReader.CreateAsync(stream, parquetOptions: null, leaveStreamOpen: true).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            DataField[] fields = FlatFields(reader.Schema, path);
            string[] names = Names(fields, path);

            long total = 0;
            for (int g = 0; g < reader.RowGroupCount; g++) total += reader.OpenRowGroupReader(g).RowCount;
            if (total > Array.MaxLength)
                throw new DoppelException(ErrorKind.Data, $"{path} has {total:N0} rows; Doppel can read at most {Array.MaxLength:N0} rows from one file.");

            var columns = new string?[fields.Length][];
            for (int c = 0; c < columns.Length; c++) columns[c] = new string?[total];

            int offset = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                int rows = checked((int)group.RowCount);
                for (int c = 0; c < fields.Length; c++)
                    await ReadColumnAsync(stream, group, fields[c], columns[c].AsMemory(offset, rows), path).ConfigureAwait(false);
                offset += rows;
            }
            return new RawTable(names, columns, path);
        }
    }

    /// <summary>The top-level columns, which must all be plain (not nested, not repeated).</summary>
    private static DataField[] FlatFields(ParquetSchema schema, string path)
    {
        var fields = new DataField[schema.Fields.Count];
        for (int c = 0; c < fields.Length; c++)
        {
            var field = schema.Fields[c];
            if (field is not DataField data || data.MaxRepetitionLevel > 0 || data.IsArray)
            {
                string shape = field.SchemaType switch
                {
                    SchemaType.List => "a list",
                    SchemaType.Map => "a map",
                    SchemaType.Struct => "a struct",
                    _ => "a repeated",
                };
                throw new DoppelException(ErrorKind.Data,
                    $"{path}: column '{field.Name}' is {shape} column. Doppel reads flat tables only (one value per cell); flatten or drop the column and try again.");
            }
            fields[c] = data;
        }
        return fields;
    }

    private static string[] Names(DataField[] fields, string path)
    {
        var names = new string[fields.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++)
        {
            string name = fields[c].Name.Length == 0 ? $"column_{c + 1}" : fields[c].Name;
            if (!seen.Add(name))
                throw new DoppelException(ErrorKind.Data, $"{path} has two columns named '{name}'. Column names must be unique.");
            names[c] = name;
        }
        return names;
    }

    /// <summary>Reads one column of one row group into <paramref name="target"/> as text.</summary>
    private static async Task ReadColumnAsync(Stream stream, ParquetRowGroupReader group, DataField field, Memory<string?> target, string path)
    {
        if (field is TimeDataField time)
        {
            // TIME columns come back as raw counts since midnight: int milliseconds or long micro/nanoseconds.
            long ticksPerUnit = time.Precision switch
            {
                TimeUnitPrecision.Millis => TimeSpan.TicksPerMillisecond,
                TimeUnitPrecision.Micros => TimeSpan.TicksPerMicrosecond,
                _ => 0, // nanoseconds: divide by 100 instead
            };
            if (field.ClrType == typeof(int))
            {
                await ReadValuesAsync<int>(group, field, target, v => FormatTime(v * ticksPerUnit)).ConfigureAwait(false);
                return;
            }
            if (field.ClrType == typeof(long))
            {
                await ReadValuesAsync<long>(group, field, target,
                    v => FormatTime(ticksPerUnit == 0 ? v / 100 : v * ticksPerUnit)).ConfigureAwait(false);
                return;
            }
        }

        Type type = field.ClrType;
        if (type == typeof(ReadOnlyMemory<char>))
        {
            await group.ReadAsync(field, target).ConfigureAwait(false);
            var span = target.Span;
            for (int i = 0; i < span.Length; i++) if (span[i] is { Length: 0 }) span[i] = null;
        }
        else if (type == typeof(ReadOnlyMemory<byte>))
        {
            // Binary without a string annotation: base64 keeps every byte and stays printable.
            var bytes = new byte[]?[target.Length];
            await group.ReadAsync(field, bytes.AsMemory()).ConfigureAwait(false);
            var span = target.Span;
            for (int i = 0; i < span.Length; i++) span[i] = bytes[i] is { Length: > 0 } b ? Convert.ToBase64String(b) : null;
        }
        else if (type == typeof(bool))
        {
            // Parquet.Net 6.1 reads RLE-encoded booleans as all false (its issue #532): those chunks are decoded here.
            if (group.GetMetadata(field)?.MetaData is { } meta
                && ParquetRleBooleans.TryRead(stream, meta, field.MaxDefinitionLevel, target.Span, field.Name, path))
                return;
            await ReadValuesAsync<bool>(group, field, target, v => v ? "true" : "false").ConfigureAwait(false);
        }
        else if (type == typeof(sbyte)) await ReadValuesAsync<sbyte>(group, field, target, v => v.ToString(Invariant)).ConfigureAwait(false);
        else if (type == typeof(byte)) await ReadValuesAsync<byte>(group, field, target, v => v.ToString(Invariant)).ConfigureAwait(false);
        else if (type == typeof(short)) await ReadValuesAsync<short>(group, field, target, v => v.ToString(Invariant)).ConfigureAwait(false);
        else if (type == typeof(ushort)) await ReadValuesAsync<ushort>(group, field, target, v => v.ToString(Invariant)).ConfigureAwait(false);
        else if (type == typeof(int)) await ReadValuesAsync<int>(group, field, target, v => v.ToString(Invariant)).ConfigureAwait(false);
        else if (type == typeof(uint)) await ReadValuesAsync<uint>(group, field, target, v => v.ToString(Invariant)).ConfigureAwait(false);
        else if (type == typeof(long)) await ReadValuesAsync<long>(group, field, target, v => v.ToString(Invariant)).ConfigureAwait(false);
        else if (type == typeof(ulong)) await ReadValuesAsync<ulong>(group, field, target, v => v.ToString(Invariant)).ConfigureAwait(false);
        else if (type == typeof(float)) await ReadValuesAsync<float>(group, field, target, v => v.ToString("R", Invariant)).ConfigureAwait(false);
        else if (type == typeof(double)) await ReadValuesAsync<double>(group, field, target, v => v.ToString("R", Invariant)).ConfigureAwait(false);
        else if (type == typeof(decimal)) await ReadValuesAsync<decimal>(group, field, target, v => v.ToString(Invariant)).ConfigureAwait(false);
        else if (type == typeof(DateTime))
        {
            // Digits are kept as stored: Parquet.Net labels values Utc or Local by annotation but never shifts them.
            string format = field is DateTimeDataField { DateTimeFormat: DateTimeFormat.Date } ? DateFormat : TimestampFormat;
            await ReadValuesAsync<DateTime>(group, field, target, v => v.ToString(format, Invariant)).ConfigureAwait(false);
        }
        else if (type == typeof(DateOnly)) await ReadValuesAsync<DateOnly>(group, field, target, v => v.ToString(DateFormat, Invariant)).ConfigureAwait(false);
        else if (type == typeof(TimeOnly)) await ReadValuesAsync<TimeOnly>(group, field, target, v => v.ToString(TimeFormat, Invariant)).ConfigureAwait(false);
        else if (type == typeof(TimeSpan)) await ReadValuesAsync<TimeSpan>(group, field, target, v => FormatTime(v.Ticks)).ConfigureAwait(false);
        else if (type == typeof(Guid)) await ReadValuesAsync<Guid>(group, field, target, v => v.ToString("D", Invariant)).ConfigureAwait(false);
        else
        {
            throw new DoppelException(ErrorKind.Data,
                $"{path}: column '{field.Name}' holds Parquet values of type {type.Name}, which Doppel cannot read. Convert the column to a number, string, boolean, date or timestamp.");
        }
    }

    private static string FormatTime(long ticks) =>
        ticks >= 0 && ticks < TimeSpan.TicksPerDay ? new TimeOnly(ticks).ToString(TimeFormat, Invariant) : TimeSpan.FromTicks(ticks).ToString("c", Invariant);

    /// <summary>Reads a value-type column through a pooled buffer and formats each non-null value.</summary>
    private static async Task ReadValuesAsync<T>(ParquetRowGroupReader group, DataField field, Memory<string?> target, Func<T, string> format)
        where T : struct
    {
        int rows = target.Length;
        T?[] buffer = ArrayPool<T?>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            await group.ReadAsync<T>(field, buffer.AsMemory(0, rows)).ConfigureAwait(false);
            var span = target.Span;
            for (int i = 0; i < rows; i++) span[i] = buffer[i] is { } value ? format(value) : null;
        }
        finally
        {
            ArrayPool<T?>.Shared.Return(buffer);
        }
    }
}
