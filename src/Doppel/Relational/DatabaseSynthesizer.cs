using Doppel.Data;
using Doppel.Transforms;
using Doppel.Metadata;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Columns;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Trees;

namespace Doppel.Relational;

/// <summary>Options of <see cref="DatabaseSynthesizer"/>.</summary>
public sealed record DatabaseSynthesizerOptions
{
    /// <summary>Options of every table's row model.</summary>
    public SynthesizerOptions Table { get; init; } = new();

    /// <summary>Most parent columns a child row model reads as context; default 8.</summary>
    public int MaxContextColumns { get; init; } = 3;

    /// <summary>
    /// The row model of root tables (no context to take as given): any single-table synthesizer of
    /// <see cref="SynthesizerCatalog.Names"/>; default the Bayesian network, the most accurate on the bench's small tables.
    /// Child tables always use the sequential tree, which takes the context as given.
    /// </summary>
    public string RootSynthesizer { get; init; } = BayesianNetworkSynthesizer.SynthesizerName;

    /// <summary>Receives what fitting learned about sequence tables (ties, grid, rules across steps), for the user; null: not kept.</summary>
    public ICollection<string>? Evidence { get; init; }

    /// <summary>Most columns of a secondary parent a child row model draws, to match a generated parent row on; default 3.</summary>
    public int MaxMatchColumns { get; init; } = 3;
}

/// <summary>
/// Fits a <see cref="DatabaseModel"/>: per table a sequential-tree row model over its own columns, its context (the
/// parent row's columns, the row's index among its siblings and the sibling count) visited first, and one
/// children-count column per relationship it is the parent of, so the counts are drawn jointly with its columns.
/// </summary>
/// <remarks>Linear in tables and rows: each row model sees a fixed-size context, never per-parent parameters.</remarks>
public static class DatabaseSynthesizer
{
    internal const string IndexColumn = "@index";
    internal const string SiblingsColumn = "@siblings";
    internal static string ContextName(string column) => "@parent." + column;
    internal static string MatchName(int relationship, string column) => $"@match.{relationship}.{column}";
    internal static string CountName(Relationship r) => $"@children.{r.ChildTable}.{string.Join("+", r.ChildColumns)}";

    /// <summary>Validates <paramref name="database"/> and fits its model.</summary>
    public static DatabaseModel Fit(Database database, DatabaseSynthesizerOptions? options = null)
    {
        options ??= new();
        DatabaseValidator.Validate(database);
        var metadata = database.Metadata;
        var rels = metadata.Relationships;
        var graph = SchemaGraph.Build(metadata, i => IsNullable(database, rels[i]));
        CheckSmallTables(database);
        var plans = new TablePlan[metadata.Tables.Count];
        Parallelism.For(0, metadata.Tables.Count, t => plans[t] = FitTable(database, graph, t, options));
        return new DatabaseModel(metadata, graph, plans);
    }

    /// <summary>
    /// Refuses tables too small to model (a row model would let single rows be read back) unless declared reference
    /// tables, and reference tables whose parents are modelled (their real foreign keys would point at nothing).
    /// </summary>
    private static void CheckSmallTables(Database database)
    {
        var metadata = database.Metadata;
        var small = metadata.Tables.Where(t => !t.Reference && database[t.Name].RowCount is > 0 and < ProtectedTails.MinValues).ToList();
        if (small.Count > 0)
            throw new DoppelException(ErrorKind.Data,
                $"{(small.Count == 1 ? "Table" : "Tables")} {string.Join(", ", small.Select(t => $"'{t.Name}' ({database[t.Name].RowCount} row{(database[t.Name].RowCount == 1 ? "" : "s")})"))} " +
                $"{(small.Count == 1 ? "has" : "have")} fewer than {ProtectedTails.MinValues} rows, too few to model without letting single rows be read back. " +
                $"If {(small.Count == 1 ? "it is" : "they are")} public lookup data (regions, shippers, categories), declare {(small.Count == 1 ? "it a reference table" : "them reference tables")}, reproduced as they are: " +
                $"--reference {string.Join(",", small.Select(t => t.Name))} or \"reference\": true on the table in the metadata.");
        foreach (var r in metadata.Relationships)
        {
            if (metadata.FindTable(r.ChildTable)!.Reference && !metadata.FindTable(r.ParentTable)!.Reference)
                throw new DoppelException(ErrorKind.Data,
                    $"Reference table '{r.ChildTable}' points at '{r.ParentTable}' ({r.Describe()}), which is modelled, so its real foreign keys would point at rows that are not generated. Declare '{r.ParentTable}' a reference table too, or do not declare '{r.ChildTable}' one.");
        }
    }

    private static bool IsNullable(Database database, Relationship r)
    {
        var table = database.Metadata.FindTable(r.ChildTable)!;
        var data = database[r.ChildTable];
        return r.ChildColumns.Any(c => table.Find(c)!.Nullable == true || Enumerable.Range(0, data.RowCount).Any(data[c].IsNull));
    }

    /// <summary>Columns generated by the database, not by the row model: keys and foreign keys.</summary>
    internal static HashSet<string> LinkColumns(DatasetMetadata metadata, TableMetadata table)
    {
        var set = new HashSet<string>(table.Key, StringComparer.Ordinal);
        foreach (var r in metadata.Relationships.Where(r => r.ChildTable == table.Name)) set.UnionWith(r.ChildColumns);
        return set;
    }

    /// <summary>Columns a parent may offer as context: the ones its row model draws from their joint (not ids, text or PII).</summary>
    internal static bool IsContextType(ColumnMetadata column) =>
        column.Type is SemanticType.Numerical or SemanticType.Categorical or SemanticType.Boolean or SemanticType.Datetime;

    private static TablePlan FitTable(Database database, SchemaGraph graph, int t, DatabaseSynthesizerOptions options)
    {
        var metadata = database.Metadata;
        var rels = metadata.Relationships;
        var table = metadata.Tables[t];
        var data = database[table.Name];
        var link = LinkColumns(metadata, table);
        ReferenceColumn[]? reference = table.Reference ? [.. table.Columns.Select(c => ReferenceColumn.Of(data[c.Name]))] : null;
        int? primary = Enumerable.Range(0, rels.Count).Where(i => graph.Roles[i] == LinkRole.Primary && rels[i].ChildTable == table.Name).Cast<int?>().FirstOrDefault();

        var columns = new List<Column>();
        var columnMeta = new List<ColumnMetadata>();
        string[] context = [];
        if (primary is { } p)
        {
            var parentMeta = metadata.FindTable(rels[p].ParentTable)!;
            var parentData = database[parentMeta.Name];
            var (parentRow, index, siblings) = Family(database, rels[p]);
            context = ColumnAssociation.Strongest(Offered(metadata, parentMeta, parentData, options.Table), parentData, parentRow, Own(table, data, link), options.MaxContextColumns);
            foreach (string name in context)
            {
                columns.Add(TableRows.Select(new Table([parentData[name]]), parentRow).Columns[0].Renamed(ContextName(name)));
                columnMeta.Add(parentMeta.Find(name)! with { Name = ContextName(name) });
            }
            columns.Add(new NumberColumn(IndexColumn, index));
            columnMeta.Add(new ColumnMetadata(IndexColumn, SemanticType.Numerical) { Integer = true, Decimals = 0 });
            columns.Add(new NumberColumn(SiblingsColumn, siblings));
            columnMeta.Add(new ColumnMetadata(SiblingsColumn, SemanticType.Numerical) { Integer = true, Decimals = 0 });
        }
        foreach (var column in table.Columns.Where(c => !link.Contains(c.Name)))
        {
            columns.Add(data[column.Name]);
            columnMeta.Add(column);
        }
        // Secondary parents: a few of their columns are drawn with the child's, and each child row is matched to a
        // generated parent row that is close on them, so the joint of child and parent columns is kept.
        var matches = new List<MatchPlan>();
        for (int i = 0; i < rels.Count; i++)
        {
            if (rels[i].ChildTable != table.Name || graph.Roles[i] != LinkRole.Secondary) continue;
            var parentMeta = metadata.FindTable(rels[i].ParentTable)!;
            var parentData = database[parentMeta.Name];
            if (parentData.RowCount == 0) continue;
            var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var parentKeys = KeyValues.Tuples(parentData, rels[i].ParentColumns);
            for (int r = 0; r < parentKeys.Length; r++) rowOf[parentKeys[r]!] = r;
            var fk = KeyValues.Tuples(data, rels[i].ChildColumns);
            // A null foreign key has no parent: the null row of the parent table stands for it (all columns null).
            var rows = fk.Select(v => v is null ? parentData.RowCount : rowOf[v]).ToArray();
            string[] chosen = ColumnAssociation.Strongest(Offered(metadata, parentMeta, parentData, options.Table), parentData, rows, Own(table, data, link), options.MaxMatchColumns);
            if (chosen.Length == 0) continue;
            foreach (string name in chosen)
            {
                columns.Add(WithNullRow(parentData[name], rows).Renamed(MatchName(i, name)));
                columnMeta.Add(parentMeta.Find(name)! with { Name = MatchName(i, name) });
            }
            matches.Add(new MatchPlan(i, chosen));
        }
        var counts = new List<CountPlan>();
        for (int i = 0; i < rels.Count; i++)
        {
            if (rels[i].ParentTable != table.Name) continue;
            var perParent = ChildCounts(database, rels[i]);
            string name = CountName(rels[i]);
            columns.Add(new NumberColumn(name, perParent));
            columnMeta.Add(new ColumnMetadata(name, SemanticType.Numerical) { Integer = true, Decimals = 0 });
            counts.Add(new CountPlan(i, name, perParent.Length == 0 ? 0 : (int)perParent.Min(), perParent.Length == 0 ? 0 : (int)perParent.Max(), CountPlan.KnotsOf(perParent)));
        }
        Sequences.SequencePlan? sequence = null;
        if (table.Sequence is not null && reference is null && data.RowCount > 0)
        {
            if (counts.Count > 0 || matches.Count > 0)
                throw new DoppelException(ErrorKind.Metadata, $"Sequence table '{table.Name}' has foreign keys beside its entity's or tables pointing at it; a sequence table may only be a child of its context table.");
            sequence = Sequences.SequenceTables.Fit(database, table, link, primary is { } q ? rels[q] : null,
                [.. columns.Take(context.Length).Zip(columnMeta.Take(context.Length))], options.Table, options.Evidence);
        }
        byte[]? model = null;
        if (reference is null && sequence is null && data.RowCount > 0 && columns.Count > 0)
        {
            var rows = new Table(columns, data.RowCount);
            var rowMeta = new TableMetadata(table.Name, columnMeta);
            var rowModel = primary is null
                ? SynthesizerCatalog.Create(options.RootSynthesizer, options.Table).Fit(rows, rowMeta)
                : SequentialTreeFitter.Fit(rows, rowMeta, options.Table, new TreeSettings(), SequentialTreeSynthesizer.SynthesizerName, [.. context.Select(ContextName), IndexColumn, SiblingsColumn]);
            model = Models.ModelFile.ToBytes(rowModel);
        }
        var keyModels = table.Key.Where(k => !rels.Any(r => r.ChildTable == table.Name && r.ChildColumns.Contains(k)))
            .Select(k => (IdColumnModel)IdColumnModel.Fit(new StringColumn(k, KeyValues.Texts(data[k]))).Model).ToArray();
        var nullShares = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < rels.Count; i++)
        {
            if (rels[i].ChildTable != table.Name || graph.Roles[i] == LinkRole.Primary) continue;
            var fk = KeyValues.Tuples(data, rels[i].ChildColumns);
            nullShares[string.Join("+", rels[i].ChildColumns)] = fk.Length == 0 ? 0 : fk.Count(v => v is null) / (double)fk.Length;
        }
        return new TablePlan
        {
            Name = table.Name, TrainingRows = data.RowCount, Model = model, Primary = primary, ContextColumns = context,
            Counts = [.. counts], Keys = keyModels, NullShares = nullShares, Matches = [.. matches], Reference = reference, Sequence = sequence,
        };
    }

    /// <summary>The parent's columns a child may read: modelled (no keys), of a context type, reproduced faithfully by the parent.</summary>
    private static List<string> Offered(DatasetMetadata metadata, TableMetadata parent, Table parentData, SynthesizerOptions options)
    {
        var parentLink = LinkColumns(metadata, parent);
        return [.. parent.Columns.Where(c => IsContextType(c) && !parentLink.Contains(c.Name) && (parent.Reference || SurvivesInParent(parentData[c.Name], options))).Select(c => c.Name)];
    }

    /// <summary>The table's own modelled columns (what its context should tell it about).</summary>
    private static List<Column> Own(TableMetadata table, Table data, HashSet<string> link) =>
        [.. table.Columns.Where(c => IsContextType(c) && !link.Contains(c.Name)).Select(c => data[c.Name])];

    /// <summary>Per child row of <paramref name="r"/>: its parent row, its index among its siblings (in data order) and the sibling count.</summary>
    private static (int[] ParentRow, double[] Index, double[] Siblings) Family(Database database, Relationship r)
    {
        var parentRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var parentKeys = KeyValues.Tuples(database[r.ParentTable], r.ParentColumns);
        for (int i = 0; i < parentKeys.Length; i++) parentRows[parentKeys[i]!] = i;
        var fk = KeyValues.Tuples(database[r.ChildTable], r.ChildColumns);
        var parentRow = new int[fk.Length];
        var index = new double[fk.Length];
        var seen = new int[parentKeys.Length];
        for (int i = 0; i < fk.Length; i++)
        {
            int row = parentRow[i] = parentRows[fk[i]!]; // the primary link is never null: a nullable one is matched instead
            index[i] = seen[row]++;
        }
        var siblings = new double[fk.Length];
        for (int i = 0; i < fk.Length; i++) siblings[i] = seen[parentRow[i]];
        return (parentRow, index, siblings);
    }

    /// <summary>Per parent row, how many child rows point at it (0 included).</summary>
    internal static double[] ChildCounts(Database database, Relationship r)
    {
        var parentRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var parentKeys = KeyValues.Tuples(database[r.ParentTable], r.ParentColumns);
        for (int i = 0; i < parentKeys.Length; i++) parentRows[parentKeys[i]!] = i;
        var counts = new double[parentKeys.Length];
        foreach (var value in KeyValues.Tuples(database[r.ChildTable], r.ChildColumns))
            if (value is not null && parentRows.TryGetValue(value, out int row)) counts[row]++;
        return counts;
    }

    /// <summary>
    /// Whether the parent's row model reproduces the column well enough to be context: a categorical column whose
    /// rare categories (merged into the protected bucket, written as frequent ones) hold more than a tenth of the rows
    /// would hand the child a distorted parent, and the child would copy the distortion.
    /// </summary>
    private static bool SurvivesInParent(Column column, SynthesizerOptions options)
    {
        if (column is not CategoryColumn categories || options.KeepRare) return true;
        var counts = new int[categories.Categories.Length];
        int valid = 0;
        for (int i = 0; i < categories.Length; i++) if (!categories.IsNull(i)) { counts[categories.Codes[i]]++; valid++; }
        int rare = counts.Where(c => c < options.RareThreshold).Sum();
        return valid == 0 || rare <= 0.1 * valid;
    }

    /// <summary>The column's values at <paramref name="rows"/>, where row index Length means null.</summary>
    private static Column WithNullRow(Column column, int[] rows)
    {
        var picked = TableRows.Select(new Table([column]), [.. rows.Select(r => Math.Min(r, column.Length - 1))]).Columns[0];
        for (int i = 0; i < rows.Length; i++) if (rows[i] == column.Length) picked.Validity.Set(i, false);
        return picked;
    }
}
