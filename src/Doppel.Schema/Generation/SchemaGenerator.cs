using Doppel.IO;
using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Schema.Generators;
using Doppel.Schema.Spec;

namespace Doppel.Schema.Generation;

/// <summary>Options of one schema generation run.</summary>
public sealed record SchemaGenerateOptions
{
    /// <summary>The seed; the same spec and seed give the same bytes whatever <see cref="Threads"/> is.</summary>
    public ulong Seed { get; init; }

    /// <summary>Worker threads (default: all cores).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>What a run wrote: per table, in load order, the rows.</summary>
/// <param name="Metadata">The dataset's metadata (types, keys, foreign keys, constraints) as given to the sink.</param>
/// <param name="Rows">Rows per table, in the order written.</param>
public sealed record SchemaGenerateResult(DatasetMetadata Metadata, IReadOnlyList<(string Table, long Rows)> Rows);

/// <summary>
/// Generates a whole database from a <see cref="SchemaSpec"/> into an <see cref="IDatabaseSink"/>: exact row counts,
/// every declared key, foreign key, unique, NOT NULL and CHECK holding by construction, in blocks of 8,192 rows
/// generated and encoded in parallel a window at a time and written in order.
/// </summary>
/// <remarks>
/// The spec is planned and validated, and the first block of every table generated in memory, before the sink sees
/// any row: a contradiction fails with nothing written. Memory is bounded by 2 × threads blocks per table, plus one
/// count per parent row of each foreign key that declares a fan-out. Values depend only on (seed, table, column,
/// row block), so adding or reordering a column changes no other column's values.
/// </remarks>
public static class SchemaGenerator
{
    /// <summary>Plans and validates <paramref name="spec"/> without generating (what <c>generate --schema</c> checks first).</summary>
    public static DatasetMetadata Validate(SchemaSpec spec, ulong seed = 0)
    {
        var (tables, metadata) = SchemaPlanner.Plan(spec, seed);
        foreach (var table in tables.Where(t => t.Rows > 0)) _ = BlockGenerator.Generate(table, 0);
        return metadata;
    }

    /// <summary>Generates every table of <paramref name="spec"/> into <paramref name="sink"/> and commits it.</summary>
    public static SchemaGenerateResult Generate(SchemaSpec spec, IDatabaseSink sink, SchemaGenerateOptions options, Action<string, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sink);
        var (tables, metadata) = SchemaPlanner.Plan(spec, options.Seed);
        foreach (var table in tables.Where(t => t.Rows > 0)) _ = BlockGenerator.Generate(table, 0); // fail before writing
        var written = new List<(string, long)>();
        foreach (var table in tables)
        {
            using var writer = sink.OpenTable(table.Metadata);
            Write(table, writer, options.Threads);
            writer.Complete();
            written.Add((table.Name, table.Rows));
            progress?.Invoke(table.Name, table.Rows);
        }
        sink.Commit(metadata);
        return new SchemaGenerateResult(metadata, written);
    }

    /// <summary>Generates one table into memory (tests, small specs).</summary>
    internal static Doppel.Data.Table GenerateTable(SchemaSpec spec, string table, ulong seed)
    {
        var (tables, _) = SchemaPlanner.Plan(spec, seed);
        var plan = tables.First(t => t.Name == table);
        var writer = new MemoryTableWriter();
        Write(plan, writer, 1);
        return Doppel.Data.TableConcat.Concat(writer.Batches, plan.Metadata, (int)plan.Rows);
    }

    /// <summary>Generates and encodes a window of blocks in parallel while the window before is written (<see cref="BackgroundWrites"/>).</summary>
    private static void Write(TablePlan table, ITableWriter writer, int threads)
    {
        long blocks = (table.Rows + StreamIds.BlockRows - 1) / StreamIds.BlockRows;
        int window = Math.Max(1, 2 * threads);
        using var writes = new BackgroundWrites(writer);
        for (long first = 0; first < blocks; first += window)
        {
            int count = (int)Math.Min(window, blocks - first);
            var encoded = new object[count];
            long start = first;
            Parallelism.For(0, count, j => encoded[j] = writer.Encode(BlockGenerator.Generate(table, start + j)), threads);
            writes.Enqueue(encoded);
        }
        writes.Finish();
    }
}
