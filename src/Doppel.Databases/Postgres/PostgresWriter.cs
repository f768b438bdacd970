using System.Globalization;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Doppel.Databases.Postgres;

/// <summary>
/// Streams batches into one table with binary COPY, each column in its neutral staging type (see
/// <see cref="StagingType"/>); the sink casts to the declared types at commit.
/// </summary>
internal sealed class PostgresWriter(NpgsqlBinaryImporter importer, TableMetadata table, PostgresConnectionString connection) : ITableWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly PgWire[] _wires = [.. table.Columns.Select(c => Wire(c.Type))];
    private bool _completed;

    /// <summary>The type a column is copied in.</summary>
    public static string StagingType(ColumnMetadata column) => Wire(column.Type) switch
    {
        PgWire.Float8 => "double precision",
        PgWire.Boolean => "boolean",
        PgWire.Timestamp => "timestamp without time zone",
        _ => "text",
    };

    private static PgWire Wire(SemanticType type) => type switch
    {
        SemanticType.Numerical => PgWire.Float8,
        SemanticType.Boolean => PgWire.Boolean,
        SemanticType.Datetime => PgWire.Timestamp,
        _ => PgWire.Text,
    };

    /// <inheritdoc/>
    public object Encode(Table batch) => batch;

    /// <inheritdoc/>
    public void Write(object encoded)
    {
        var batch = (Table)encoded;
        var columns = table.Columns.Select(c => batch[c.Name]).ToArray();
        PostgresErrors.Guard(connection, $"writing table '{table.Name}'", () =>
        {
            for (int row = 0; row < batch.RowCount; row++)
            {
                importer.StartRow();
                for (int c = 0; c < columns.Length; c++) WriteValue(columns[c], c, row);
            }
        });
    }

    private void WriteValue(Column column, int c, int row)
    {
        if (column.IsNull(row)) { importer.WriteNull(); return; }
        switch (_wires[c])
        {
            case PgWire.Float8:
                importer.Write(column switch
                {
                    NumberColumn n => n.Values[row],
                    BooleanColumn b => b.Values[row] ? 1.0 : 0.0,
                    _ => double.TryParse(Text(column, c, row), NumberStyles.Float, Invariant, out double x) ? x : throw Bad(column, Text(column, c, row), "a number"),
                }, NpgsqlDbType.Double);
                break;
            case PgWire.Boolean:
                importer.Write(column switch
                {
                    BooleanColumn b => b.Values[row],
                    NumberColumn n => n.Values[row] != 0,
                    _ => ValueParsing.TryBoolean(Text(column, c, row), out bool x) ? x : throw Bad(column, Text(column, c, row), "a boolean"),
                }, NpgsqlDbType.Boolean);
                break;
            case PgWire.Timestamp:
                importer.Write(column is DateTimeColumn d ? new DateTime(d.Ticks[row], DateTimeKind.Unspecified) : throw Bad(column, Text(column, c, row), "a datetime"),
                    NpgsqlDbType.Timestamp);
                break;
            default:
                importer.Write(Text(column, c, row), NpgsqlDbType.Text);
                break;
        }
    }

    private string Text(Column column, int c, int row) => column switch
    {
        CategoryColumn k => k.Categories[k.Codes[row]],
        StringColumn s => s.Values[row]!,
        NumberColumn n => n.Values[row] is var x && x == Math.Round(x) && Math.Abs(x) < 1e15 ? ((long)x).ToString(Invariant) : x.ToString("R", Invariant),
        BooleanColumn b => b.Values[row] ? "true" : "false",
        DateTimeColumn d => new DateTime(d.Ticks[row]).ToString(table.Columns[c].Format ?? "yyyy-MM-dd HH:mm:ss.FFFFFFF", Invariant),
        _ => throw new InvalidOperationException($"Unknown column kind {column.Kind}."),
    };

    private DoppelException Bad(Column column, string value, string expected) =>
        new(ErrorKind.Data, $"Table '{table.Name}', column '{column.Name}': '{value}' is not {expected}, as the metadata declares.");

    /// <inheritdoc/>
    public void Complete()
    {
        PostgresErrors.Guard(connection, $"finishing table '{table.Name}'", () => { importer.Complete(); });
        _completed = true;
        importer.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Disposing an importer that was not completed cancels the COPY; the transaction then fails as a whole.
        if (_completed) return;
        try { importer.Dispose(); }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException) { }
    }
}
