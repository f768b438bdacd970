using Doppel.Data;
using Doppel.Metadata;
using Doppel.Evaluation.Sequences;
using Doppel.Relational;

namespace Doppel.Evaluation.Relational;

/// <summary>Computes the <see cref="MultiTableQuality"/> of a synthetic database against the real one.</summary>
public static class MultiTableReport
{
    /// <summary>
    /// Scores <paramref name="synthetic"/> against <paramref name="real"/>, both described by the real database's
    /// metadata (definitions in docs/metrics.md), sequence tables with <see cref="SequenceReport"/> (given
    /// <paramref name="holdout"/>, with their accuracy ceiling and entity privacy distances). Deterministic.
    /// </summary>
    public static MultiTableQuality Compute(Database real, Database synthetic, Database? holdout = null, SequenceEvaluationOptions? sequences = null)
    {
        var metadata = real.Metadata;
        foreach (var table in metadata.Tables)
            if (!synthetic.Tables.ContainsKey(table.Name))
                throw new DoppelException(ErrorKind.Data, $"The synthetic database has no table '{table.Name}'. Tables: {string.Join(", ", synthetic.Tables.Keys)}.");
        var tables = new Dictionary<string, TableQuality>(StringComparer.Ordinal);
        foreach (var table in metadata.Tables)
        {
            var scored = ScoredOnly(table);
            if (real[table.Name].RowCount == 0 || synthetic[table.Name].RowCount == 0 || scored.Columns.Count == 0) continue;
            var r = Project(real[table.Name], scored);
            var s = Project(synthetic[table.Name], scored);
            tables[table.Name] = new TableQuality(QualityReport.Compute(r, s, scored), Accuracy.Compute(r, s, scored));
        }
        var relationships = metadata.Relationships.Select(r => Score(real, synthetic, r)).ToList();
        var pooledPairs = tables.Values.SelectMany(t => t.Quality.Pairs).ToList();
        var interPairs = relationships.SelectMany(r => r.Pairs).ToList();
        return new MultiTableQuality(
            NanMean.Of(relationships.Select(r => r.Cardinality)),
            NanMean.Of(interPairs.Where(p => p.Counted).Select(p => p.Score)),
            NanMean.Of(interPairs.Select(p => p.Score)),
            NanMean.Of(tables.Values.SelectMany(t => t.Quality.Shapes).Select(s => s.Score)),
            NanMean.Of(pooledPairs.Where(p => p.Counted).Select(p => p.Score)),
            NanMean.Of(pooledPairs.Select(p => p.Score)),
            tables, relationships) { Sequences = SequenceReport.Compute(real, synthetic, holdout, sequences) };
    }

    private static RelationshipScore Score(Database real, Database synthetic, Relationship r)
    {
        var (realCounts, _) = Children(real, r);
        var (synCounts, integrity) = Children(synthetic, r, KeyValues.Tuples(real[r.ChildTable], r.ChildColumns).Any(v => v is null));
        double cardinality = realCounts.Length == 0 || synCounts.Length == 0 ? double.NaN
            : 1 - KolmogorovSmirnov.Statistic(Sorted(realCounts), Sorted(synCounts));
        double min = realCounts.Length == 0 ? 0 : realCounts.Min(), max = realCounts.Length == 0 ? 0 : realCounts.Max();
        double boundary = synCounts.Length == 0 ? 1 : synCounts.Count(c => c >= min && c <= max) / (double)synCounts.Length;
        var pairs = Trends(real, synthetic, r);
        return new RelationshipScore(r.Describe(), cardinality,
            NanMean.Of(pairs.Where(p => p.Counted).Select(p => p.Score)), NanMean.Of(pairs.Select(p => p.Score)),
            integrity, boundary, Histogram(realCounts), Histogram(synCounts), pairs);
    }

    /// <summary>Per parent row its children count, and the share of the child rows' foreign keys that find a parent.</summary>
    private static (double[] Counts, double Integrity) Children(Database database, Relationship r, bool nullsAllowed = true)
    {
        var parentKeys = KeyValues.Tuples(database[r.ParentTable], r.ParentColumns);
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < parentKeys.Length; i++) if (parentKeys[i] is { } k) rowOf.TryAdd(k, i);
        var counts = new double[parentKeys.Length];
        long checkedKeys = 0, found = 0;
        foreach (var fk in KeyValues.Tuples(database[r.ChildTable], r.ChildColumns))
        {
            if (fk is null) { if (!nullsAllowed) checkedKeys++; continue; }
            checkedKeys++;
            if (rowOf.TryGetValue(fk, out int row)) { found++; counts[row]++; }
        }
        return (counts, checkedKeys == 0 ? 1 : found / (double)checkedKeys);
    }

    /// <summary>Column Pair Trends over parent × child columns of the join child ⋈ parent.</summary>
    private static List<ColumnPairScore> Trends(Database real, Database synthetic, Relationship r)
    {
        var metadata = real.Metadata;
        var child = ScoredOnly(metadata.FindTable(r.ChildTable)!);
        var parent = ScoredOnly(metadata.FindTable(r.ParentTable)!);
        if (child.Columns.Count == 0 || parent.Columns.Count == 0) return [];
        string prefix = r.ParentTable + ".";
        var joined = new TableMetadata(r.ChildTable + "+" + r.ParentTable, [.. child.Columns, .. parent.Columns.Select(c => c with { Name = prefix + c.Name })]);
        var realJoin = Join(real, r, child, parent, prefix);
        var synJoin = Join(synthetic, r, child, parent, prefix);
        if (realJoin.RowCount == 0 || synJoin.RowCount == 0) return [];
        var quality = QualityReport.Compute(realJoin, synJoin, joined);
        return [.. quality.Pairs.Where(p => p.ColumnA.StartsWith(prefix, StringComparison.Ordinal) != p.ColumnB.StartsWith(prefix, StringComparison.Ordinal))];
    }

    private static Table Join(Database database, Relationship r, TableMetadata child, TableMetadata parent, string prefix)
    {
        var parentKeys = KeyValues.Tuples(database[r.ParentTable], r.ParentColumns);
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < parentKeys.Length; i++) if (parentKeys[i] is { } k) rowOf.TryAdd(k, i);
        var fks = KeyValues.Tuples(database[r.ChildTable], r.ChildColumns);
        var childRows = new List<int>();
        var parentRows = new List<int>();
        for (int i = 0; i < fks.Length; i++)
            if (fks[i] is { } fk && rowOf.TryGetValue(fk, out int p)) { childRows.Add(i); parentRows.Add(p); }
        var c = TableRows.Select(Project(database[r.ChildTable], child), childRows);
        var pt = TableRows.Select(Project(database[r.ParentTable], parent), parentRows);
        return new Table([.. c.Columns, .. pt.Columns.Select(col => col.Renamed(prefix + col.Name))], childRows.Count);
    }

    private static TableMetadata ScoredOnly(TableMetadata table) => table with { Columns = [.. table.Columns.Where(Binning.Scored)], PrimaryKey = null };

    /// <summary>The columns of <paramref name="columns"/>, each as the metadata declares it (<see cref="AsDeclared"/>).</summary>
    internal static Table Project(Table table, TableMetadata columns) => new([.. columns.Columns.Select(c => AsDeclared(table[c.Name], c))], table.RowCount);

    /// <summary>
    /// A categorical column whose model generated fresh strings (no category seen 5 times, issue #10 §3) is scored as
    /// the categories it wrote, as `evaluate` reads a synthetic file by the real metadata.
    /// </summary>
    internal static Column AsDeclared(Column column, ColumnMetadata declared)
    {
        if (declared.Type != SemanticType.Categorical || column is not StringColumn strings) return column;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new List<string>();
        var codes = new int[strings.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            if (strings.Values[i] is not { } value || index.TryGetValue(value, out codes[i])) continue;
            index[value] = codes[i] = categories.Count;
            categories.Add(value);
        }
        return new CategoryColumn(column.Name, codes, [.. categories], strings.Validity);
    }

    private static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    private static long[] Histogram(double[] counts)
    {
        if (counts.Length == 0) return [];
        var histogram = new long[(int)counts.Max() + 1];
        foreach (double c in counts) histogram[(int)c]++;
        return histogram;
    }
}
