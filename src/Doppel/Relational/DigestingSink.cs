using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>
/// Passes a database to another sink and records, per table, its rows and the SHA-256 of its data: the bytes the
/// table would have as a CSV file (header, comma-separated, UTF-8, LF, rows in the order written, as
/// <see cref="CsvTableWriter"/> formats them). That is the manifest's hash for targets that are not files (SQLite,
/// PostgreSQL); it depends only on the data and its order, so the same seed gives the same hash on any target and
/// for any thread count.
/// </summary>
/// <param name="inner">The sink that stores the rows.</param>
/// <param name="target">What each table's entry names as its target (e.g. <c>schema.table</c>), from the table's name.</param>
public sealed class DigestingSink(IDatabaseSink inner, Func<string, string> target) : IDatabaseSink
{
    /// <summary>How the manifest describes these hashes.</summary>
    public const string HashDefinition = "sha256 of each table as CSV: header, comma, UTF-8, LF, the rows in the order written, values as Doppel sent them";

    private readonly List<WrittenTable> _written = [];

    /// <summary>The tables written so far, in order, with their rows and data hashes.</summary>
    public IReadOnlyList<WrittenTable> Written => _written;

    /// <inheritdoc/>
    public ITableWriter OpenTable(TableMetadata table)
    {
        var hashing = new HashingStream(Stream.Null);
        return new Writer(inner.OpenTable(table), new CsvTableWriter(hashing, table), rows => _written.Add(new WrittenTable(table.Name, target(table.Name), rows, hashing.Sha256)));
    }

    /// <inheritdoc/>
    public void Commit(DatasetMetadata metadata) => inner.Commit(metadata);

    /// <inheritdoc/>
    public void Dispose() => inner.Dispose();

    private sealed class Writer(ITableWriter inner, CsvTableWriter csv, Action<long> completed) : ITableWriter
    {
        private long _rows;
        private bool _done;

        public object Encode(Table batch) => (inner.Encode(batch), csv.Encode(batch), batch.RowCount);

        public void Write(object encoded)
        {
            var (data, text, rows) = ((object, object, int))encoded;
            inner.Write(data);
            csv.Write(text);
            _rows += rows;
        }

        public void Complete()
        {
            if (_done) return;
            _done = true;
            inner.Complete();
            csv.Complete();
            completed(_rows);
        }

        public void Dispose()
        {
            inner.Dispose();
            csv.Dispose();
        }
    }
}
