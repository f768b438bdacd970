using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Trees;

namespace Doppel.Relational;

/// <summary>
/// The multi-table model: per table a row model given its context, per relationship a cardinality model (the
/// parent's children-count column). Immutable and thread-safe; holds statistics, never rows. Saved as one
/// <c>.doppel</c> file (<see cref="DatabaseModelFile"/>).
/// </summary>
/// <remarks>
/// Sampling generates tables parents first: a root's rows (and their children counts) from its row model; a child's
/// rows per parent row, as many as the parent's count, from its row model with the context given. Keys are
/// generated unique in the real pattern; foreign keys that are not a table's context are matched to parent rows by
/// their slots; self-references form a forest. Byte-identical for a seed whatever the thread count.
/// </remarks>
public sealed class DatabaseModel
{
    private const int BatchSize = 8192;

    internal DatabaseModel(DatasetMetadata metadata, SchemaGraph graph, TablePlan[] plans)
    {
        Metadata = metadata;
        Graph = graph;
        Plans = plans;
    }

    /// <summary>Per table, the file name it was read from (a folder sink writes the same names); empty for other sources.</summary>
    public IReadOnlyDictionary<string, string> FileNames { get; init; } = new Dictionary<string, string>();

    /// <summary>This model writing its tables under <paramref name="fileNames"/> (per table, a file name whose extension picks the format).</summary>
    public DatabaseModel WithFileNames(IReadOnlyDictionary<string, string> fileNames) => new(Metadata, Graph, Plans) { FileNames = fileNames };

    /// <summary>The database's metadata: tables, keys and relationships.</summary>
    public DatasetMetadata Metadata { get; }

    internal SchemaGraph Graph { get; }

    internal TablePlan[] Plans { get; }

    /// <summary>Rows per table in the training data.</summary>
    public IReadOnlyDictionary<string, long> TrainingRows => Plans.ToDictionary(p => p.Name, p => p.TrainingRows, StringComparer.Ordinal);

    /// <summary>Root tables (no context parent): the ones <see cref="DatabaseSampleOptions.Rows"/> and <see cref="DatabaseSampleOptions.Scale"/> size.</summary>
    public IReadOnlyList<string> Roots => [.. Plans.Where(p => p.Primary is null && p.Reference is null).Select(p => p.Name)];

    /// <summary>Reference tables: public lookup data reproduced as it is (never scaled), their rows stored in the model.</summary>
    public IReadOnlyList<string> ReferenceTables => [.. Plans.Where(p => p.Reference is not null).Select(p => p.Name)];

    /// <summary>Samples a whole synthetic database into memory.</summary>
    public Database Sample(DatabaseSampleOptions options)
    {
        foreach (var (name, rows) in options.Rows)
        {
            var plan = Plans.FirstOrDefault(p => p.Name == name)
                ?? throw new DoppelException(ErrorKind.Usage, $"--rows names table '{name}', which the model does not have. Tables: {string.Join(", ", Plans.Select(p => p.Name))}.");
            if (plan.Reference is not null)
                throw new DoppelException(ErrorKind.Usage, $"--rows {name}={rows}: '{name}' is a reference table, reproduced as it is; size a root table instead ({string.Join(", ", Roots)}).");
            if (plan.Primary is { } r)
                throw new DoppelException(ErrorKind.Usage, $"--rows {name}={rows}: '{name}' is a child of '{Metadata.Relationships[r].ParentTable}', so its size follows its parents; size a root table instead ({string.Join(", ", Roots)}).");
            if (rows < 0) throw new DoppelException(ErrorKind.Usage, $"--rows {name}={rows}: the number of rows must be 0 or more.");
        }
        foreach (var (name, where) in options.Where)
        {
            var plan = Plans.FirstOrDefault(p => p.Name == name)
                ?? throw new DoppelException(ErrorKind.Usage, $"--where names table '{name}', which the model does not have. Tables: {string.Join(", ", Plans.Select(p => p.Name))}.");
            if (plan.Reference is not null || plan.Primary is not null || plan.Loaded is null)
                throw new DoppelException(ErrorKind.Usage, $"--where \"{name}: {where}\": '{name}' is {(plan.Reference is not null ? "a reference table, reproduced as it is" : plan.Primary is { } r ? $"a child of '{Metadata.Relationships[r].ParentTable}', whose rows follow their parents" : "not generated from a row model")}; a condition applies to a root table ({string.Join(", ", Roots)}).");
            _ = plan.Loaded.Condition(where); // a malformed condition fails before any table is generated
        }
        if (!(options.Scale >= 0) || double.IsInfinity(options.Scale)) throw new DoppelException(ErrorKind.Usage, $"--scale must be a number of 0 or more, not {options.Scale}.");

        var rels = Metadata.Relationships;
        var generated = new Dictionary<string, Generated>(StringComparer.Ordinal);
        foreach (string name in Graph.Order)
        {
            int t = Metadata.Tables.ToList().FindIndex(x => x.Name == name);
            generated[name] = SampleTable(t, generated, options);
        }
        // Links that are not a table's context, once every table exists.
        for (int i = 0; i < rels.Count; i++)
        {
            if (Graph.Roles[i] == LinkRole.Primary) continue;
            var r = rels[i];
            if (PlanOf(r.ChildTable).Reference is not null) continue; // its real foreign keys point at its real parents
            var child = generated[r.ChildTable];
            var parent = generated[r.ParentTable];
            var parentPlan = PlanOf(r.ParentTable);
            var count = parentPlan.Counts.First(c => c.Relationship == i);
            var slots = parent.Counts[i];
            var random = new RandomStream(options.Seed, 0xF0_0000UL + (ulong)i);
            double nullShare = PlanOf(r.ChildTable).NullShares.GetValueOrDefault(string.Join("+", r.ChildColumns));
            child.ParentRows[i] = Graph.Roles[i] == LinkRole.Self
                ? ForeignKeyMatcher.Forest(slots, count.Max, nullShare, ref random)
                : ForeignKeyMatcher.Assign(child.Rows, slots, count.Min, count.Max, nullShare, KeyGroup(r, child), ref random,
                    Distance(PlanOf(r.ChildTable).Matches.FirstOrDefault(m => m.Relationship == i), child, parent));
        }
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var table in Metadata.Tables) tables[table.Name] = Assemble(table, generated);
        return new Database(Metadata, tables);
    }

    /// <summary>Samples the database into <paramref name="sink"/>, tables in topological order, then commits.</summary>
    public Database Sample(DatabaseSampleOptions options, IDatabaseSink sink)
    {
        var database = Sample(options);
        Write(database, sink);
        return database;
    }

    /// <summary>Writes <paramref name="database"/> into <paramref name="sink"/>, tables in topological order, then commits.</summary>
    private void Write(Database database, IDatabaseSink sink) => DatabaseWriter.Write(database with { Metadata = Metadata }, Graph.Order, sink);

    /// <summary>
    /// Distance between a child row's drawn parent columns and a generated parent row's: per column 0 or 1 for
    /// categories (null equal to null), |a − b| over the parent's range for numbers and dates; null when there is nothing to match on.
    /// </summary>
    private static Func<int, int, double>? Distance(MatchPlan? match, Generated child, Generated parent)
    {
        if (match is null || child.Values is null || parent.Values is null) return null;
        var parts = new List<Func<int, int, double>>();
        for (int k = 0; k < match.Columns.Length; k++)
        {
            var drawn = child.Values[DatabaseSynthesizer.MatchName(match.Relationship, match.Columns[k])];
            var actual = parent.Values[match.Columns[k]];
            if (Numbers(drawn) is { } x && Numbers(actual) is { } y)
            {
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
                foreach (double v in y) if (!double.IsNaN(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
                double range = hi > lo ? hi - lo : 1;
                parts.Add((c, p) => double.IsNaN(x[c]) || double.IsNaN(y[p]) ? (double.IsNaN(x[c]) && double.IsNaN(y[p]) ? 0 : 1) : Math.Min(1, Math.Abs(x[c] - y[p]) / range));
            }
            else
            {
                var a = KeyValues.Texts(drawn);
                var b = KeyValues.Texts(actual);
                parts.Add((c, p) => string.Equals(a[c], b[p], StringComparison.Ordinal) ? 0 : 1);
            }
        }
        return (c, p) =>
        {
            double sum = 0;
            foreach (var part in parts) sum += part(c, p);
            return sum;
        };
    }

    private static double[]? Numbers(Column column)
    {
        var values = column switch
        {
            NumberColumn n => (double[])n.Values.Clone(),
            DateTimeColumn d => [.. d.Ticks.Select(t => (double)t)],
            _ => null,
        };
        if (values is null) return null;
        for (int i = 0; i < values.Length; i++) if (column.IsNull(i)) values[i] = double.NaN;
        return values;
    }

    private TablePlan PlanOf(string table) => Plans.First(p => p.Name == table);

    /// <summary>A table as generated before its links are resolved: the row model's columns, keys, and per link its parent rows.</summary>
    private sealed class Generated(int rows)
    {
        public int Rows { get; } = rows;
        public Table? Values { get; set; }
        public Dictionary<int, int[]> Counts { get; } = [];
        public Dictionary<int, int[]> ParentRows { get; } = [];
        public int[]? SiblingIndex { get; set; }
        public bool Reference { get; init; }
        public Dictionary<string, string?[]> Keys { get; } = new(StringComparer.Ordinal);
    }

    private Generated SampleTable(int t, Dictionary<string, Generated> generated, DatabaseSampleOptions options)
    {
        var plan = Plans[t];
        var table = Metadata.Tables[t];
        var rels = Metadata.Relationships;
        ulong seed = new RandomStream(options.Seed, 0xDB_0000UL + (ulong)t).NextUInt64();
        var model = plan.Loaded;
        var trees = model?.Generator as TreeGenerator;
        Generated result;
        if (plan.Reference is { } stored)
        {
            result = new Generated((int)plan.TrainingRows) { Values = new Table([.. stored.Select(c => c.ToColumn())], (int)plan.TrainingRows), Reference = true };
            foreach (string key in table.Key) result.Keys[key] = KeyValues.Texts(result.Values[key]);
        }
        else if (plan.Primary is null && plan.Sequence is { } series)
        {
            var values = Sequences.SequenceTables.SampleSeries(series, options, seed);
            result = new Generated(values.RowCount) { Values = values };
        }
        else if (plan.Primary is not { } p)
        {
            long rows = options.Rows.TryGetValue(plan.Name, out long fixedRows) ? fixedRows
                : options.Entities is { } entities && IsSequenceContext(t) ? entities : (long)Math.Round(plan.TrainingRows * options.Scale);
            if (rows > int.MaxValue) throw new DoppelException(ErrorKind.Usage, $"Table '{plan.Name}' would get {rows} rows; at most {int.MaxValue} fit in memory.");
            result = new Generated((int)rows);
            if (model is not null)
                result.Values = options.Where.TryGetValue(plan.Name, out var where)
                    ? model.Sample(result.Rows, new SampleOptions { Seed = seed, Where = where, Threads = options.Threads ?? Environment.ProcessorCount })
                    : Batches(result.Rows, options, (b, first, count) => model.Generator.SampleBatch(b, first, count, seed), model.Metadata);
        }
        else
        {
            var parent = generated[rels[p].ParentTable];
            var perParent = plan.Sequence is null || options.Extend == 0 ? parent.Counts[p] : [.. parent.Counts[p].Select(c => c + options.Extend)];
            long total = perParent.Sum(c => (long)c);
            if (total > int.MaxValue) throw new DoppelException(ErrorKind.Usage, $"Table '{plan.Name}' would get {total} rows; at most {int.MaxValue} fit in memory.");
            result = new Generated((int)total);
            var parentRow = new int[total];
            var index = new int[total];
            var siblings = new double[total];
            int at = 0;
            for (int row = 0; row < perParent.Length; row++)
                for (int k = 0; k < perParent[row]; k++) { parentRow[at] = row; index[at] = k; siblings[at] = perParent[row]; at++; }
            result.ParentRows[p] = parentRow;
            result.SiblingIndex = index;
            if (model is not null)
            {
                var context = new List<Column>();
                foreach (string name in plan.ContextColumns)
                    context.Add(TableRows.Select(new Table([parent.Values![name]]), parentRow).Columns[0].Renamed(DatabaseSynthesizer.ContextName(name)));
                context.Add(new NumberColumn(DatabaseSynthesizer.IndexColumn, [.. index.Select(i => (double)i)]));
                context.Add(new NumberColumn(DatabaseSynthesizer.SiblingsColumn, siblings));
                var given = new Table(context, result.Rows);
                result.Values = Batches(result.Rows, options, (b, first, count) =>
                    trees!.SampleGiven(TableRows.Select(given, Enumerable.Range((int)first, count).ToArray()), b, first, seed), model.Metadata);
            }
            else if (plan.Sequence is { } sequence)
                result.Values = Sequences.SequenceTables.SampleChildren(sequence, parent.Values!, plan.ContextColumns, perParent, seed, options.Threads);
        }
        foreach (var count in plan.Counts)
        {
            var stream = new RandomStream(seed, 0xC0_0000UL + (ulong)count.Relationship);
            result.Counts[count.Relationship] = plan.Reference is null
                ? Counts(count, result.Values?[count.Column] as NumberColumn, result.Rows, stream, options.Where.ContainsKey(plan.Name))
                : ScaledCounts(count, result.Rows, Graph.Roles[count.Relationship] == LinkRole.Primary ? options.Scale : 1, stream);
        }
        var random = new RandomStream(seed, 0xFFFF_0000UL);
        bool composite = table.Key.Count > 1;
        foreach (var key in plan.Reference is null ? plan.Keys : []) // a reference table keeps its real keys
        {
            if (!composite) { result.Keys[key.Name] = ((StringColumn)key.Decode([], result.Rows, 0, ref random)).Values; continue; }
            // A key part beside foreign keys counts within its family (line 1, 2, ... of each order).
            var values = new string?[result.Rows];
            for (int i = 0; i < values.Length; i++)
                values[i] = ((StringColumn)key.Decode([], 1, result.SiblingIndex?[i] ?? i, ref random)).Values[0];
            result.Keys[key.Name] = values;
        }
        return result;
    }

    /// <summary>
    /// Children counts per row: the drawn counts ranked (ties at random), then mapped by rank onto the real counts'
    /// quantiles, so their distribution is the real one while the row model decides which rows get more. Rows drawn
    /// under a condition keep their drawn counts (rounded, within the real range): their distribution is the
    /// conditional one, not the real marginal.
    /// </summary>
    private static int[] Counts(CountPlan plan, NumberColumn? drawn, int rows, RandomStream random, bool conditioned)
    {
        var counts = new int[rows];
        if (plan.Knots.Length == 0 || rows == 0) return counts;
        if (conditioned && drawn is not null)
        {
            for (int i = 0; i < rows; i++) counts[i] = drawn.IsNull(i) ? plan.Min : (int)Math.Clamp(Math.Round(drawn.Values[i]), plan.Min, plan.Max);
            return counts;
        }
        var key = new double[rows];
        var tie = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            key[i] = drawn is null || drawn.IsNull(i) ? 0 : drawn.Values[i];
            tie[i] = random.NextDouble();
        }
        var order = Enumerable.Range(0, rows).ToArray();
        Array.Sort(order, (a, b) => key[a] != key[b] ? key[a].CompareTo(key[b]) : tie[a].CompareTo(tie[b]));
        for (int j = 0; j < rows; j++)
            counts[order[j]] = (int)Math.Clamp(Math.Round(CountPlan.Quantile(plan.Knots, (j + 0.5) / rows)), plan.Min, plan.Max);
        return counts;
    }

    /// <summary>
    /// Children counts of a reference table, which is never scaled: its children still are, so at scale s it draws
    /// counts for s times its rows and folds them onto its real rows (each row gets about s real-like counts).
    /// </summary>
    private static int[] ScaledCounts(CountPlan plan, int rows, double scale, RandomStream random)
    {
        var counts = new int[rows];
        if (rows == 0) return counts;
        long slots = (long)Math.Round(rows * scale);
        if (slots > int.MaxValue) throw new DoppelException(ErrorKind.Usage, $"--scale {scale} would give {slots} parent slots; at most {int.MaxValue} fit in memory.");
        var drawn = Counts(plan, null, (int)slots, random, conditioned: false);
        for (int j = 0; j < drawn.Length; j++) counts[j % rows] += drawn[j];
        return counts;
    }

    /// <summary>Rows in batches, in parallel; batch b depends only on its own streams, so any thread count gives the same table.</summary>
    private static Table Batches(int rows, DatabaseSampleOptions options, Func<long, long, int, Table> batch, TableMetadata metadata)
    {
        int count = (rows + BatchSize - 1) / BatchSize;
        var parts = new Table[count];
        Parallelism.For(0, count, b => parts[b] = batch(b, (long)b * BatchSize, Math.Min(BatchSize, rows - b * BatchSize)), options.Threads);
        return TableConcat.Concat(parts, metadata, rows);
    }

    /// <summary>For a composite key holding this link's columns: per child row, the group its other parts make (rows of a group need distinct parents).</summary>
    private int[]? KeyGroup(Relationship r, Generated child)
    {
        var table = Metadata.FindTable(r.ChildTable)!;
        if (table.Key.Count < 2 || !r.ChildColumns.All(table.Key.Contains)) return null;
        var other = Metadata.Relationships.Select((x, i) => (x, i)).FirstOrDefault(p => p.x.ChildTable == r.ChildTable && p.x != r && p.x.ChildColumns.All(table.Key.Contains) && child.ParentRows.ContainsKey(p.i));
        return other.x is null ? null : child.ParentRows[other.i];
    }

    /// <summary>The table in its metadata's column order: modelled columns, then keys and foreign keys as text.</summary>
    private Table Assemble(TableMetadata table, Dictionary<string, Generated> generated)
    {
        var g = generated[table.Name];
        var columns = new List<Column>();
        var fkValues = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        var rels = Metadata.Relationships;
        for (int i = 0; i < rels.Count; i++)
        {
            if (rels[i].ChildTable != table.Name || !g.ParentRows.TryGetValue(i, out var parentRows)) continue;
            for (int k = 0; k < rels[i].ChildColumns.Count; k++)
            {
                var parentKey = KeyOf(rels[i].ParentTable, rels[i].ParentColumns[k], generated);
                var values = new string?[g.Rows];
                for (int row = 0; row < values.Length; row++) values[row] = parentRows[row] < 0 ? null : parentKey[parentRows[row]];
                fkValues[rels[i].ChildColumns[k]] = values;
            }
        }
        foreach (var column in table.Columns)
        {
            if (g.Keys.TryGetValue(column.Name, out var key)) columns.Add(Typed(column, key));
            else if (fkValues.TryGetValue(column.Name, out var fk)) columns.Add(Typed(column, fk));
            else if (g.Values is { } values) columns.Add(values[column.Name]);
            else columns.Add(Empty(column, g.Rows));
        }
        return new Table(columns, g.Rows);
    }

    /// <summary>The generated values of a parent key column (a key part that is itself a foreign key follows its own parent).</summary>
    private string?[] KeyOf(string table, string column, Dictionary<string, Generated> generated)
    {
        var g = generated[table];
        if (g.Keys.TryGetValue(column, out var key)) return key;
        if (g.Reference) return g.Keys[column] = KeyValues.Texts(g.Values![column]);
        var rels = Metadata.Relationships;
        for (int i = 0; i < rels.Count; i++)
        {
            if (rels[i].ChildTable != table || !g.ParentRows.TryGetValue(i, out var parentRows)) continue;
            int k = rels[i].ChildColumns.ToList().IndexOf(column);
            if (k < 0) continue;
            var parentKey = KeyOf(rels[i].ParentTable, rels[i].ParentColumns[k], generated);
            var values = new string?[g.Rows];
            for (int row = 0; row < values.Length; row++) values[row] = parentRows[row] < 0 ? null : parentKey[parentRows[row]];
            return g.Keys[column] = values;
        }
        throw new InvalidOperationException($"No generated values for key column {table}.{column}.");
    }

    /// <summary>Whether table <paramref name="t"/> is the context table of a sequence table (its rows are the entities).</summary>
    private bool IsSequenceContext(int t) =>
        Plans.Any(p => p.Sequence is not null && p.Primary is { } r && Metadata.Relationships[r].ParentTable == Metadata.Tables[t].Name);

    /// <summary>
    /// The real database with every sequence table replaced by <paramref name="steps"/> new steps per real entity,
    /// each continuing that entity's last real steps (other tables as they are, so the new steps' keys resolve).
    /// </summary>
    public Database Extend(Database real, int steps, DatabaseSampleOptions options) => Sequences.SequenceTables.Extend(this, real, steps, options);

    /// <summary>Like <see cref="Extend(Database, int, DatabaseSampleOptions)"/>, written into <paramref name="sink"/>.</summary>
    public Database Extend(Database real, int steps, DatabaseSampleOptions options, IDatabaseSink sink)
    {
        var database = Extend(real, steps, options);
        Write(database, sink);
        return database;
    }

    internal static Column Typed(ColumnMetadata column, string?[] values)
    {
        if (column.Type != SemanticType.Numerical) return new StringColumn(column.Name, values);
        var numbers = new double[values.Length];
        var validity = new Validity(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is null) validity.Set(i, false);
            else numbers[i] = double.Parse(values[i]!, System.Globalization.CultureInfo.InvariantCulture);
        }
        return new NumberColumn(column.Name, numbers, validity);
    }

    private static Column Empty(ColumnMetadata column, int rows)
    {
        var none = new Validity(rows, allValid: false);
        return column.Type switch
        {
            SemanticType.Numerical => new NumberColumn(column.Name, new double[rows], none),
            SemanticType.Datetime => new DateTimeColumn(column.Name, new long[rows], none),
            SemanticType.Boolean => new BooleanColumn(column.Name, new bool[rows], none),
            SemanticType.Categorical => new CategoryColumn(column.Name, new int[rows], [], none),
            _ => new StringColumn(column.Name, new string?[rows], none),
        };
    }
}
