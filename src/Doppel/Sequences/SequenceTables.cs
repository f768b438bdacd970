using Doppel.Data;
using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Sequences;

/// <summary>
/// Sequence tables inside a database model: fitting one (its entity is its context parent's row, or its own entity
/// column, or the whole table), sampling its steps for generated entities, and continuing real entities (<c>--extend</c>).
/// </summary>
internal static class SequenceTables
{
    /// <summary>Fits the plan of sequence table <paramref name="table"/>; <paramref name="context"/> holds per row its parent's context columns.</summary>
    public static SequencePlan Fit(Database database, TableMetadata table, ISet<string> link, Relationship? primary,
        IReadOnlyList<(Column Column, ColumnMetadata Meta)> context, SynthesizerOptions options, ICollection<string>? evidence = null)
    {
        var data = database[table.Name];
        var sequence = table.Sequence!;
        if (primary is { } r && sequence.Entity.Count > 0 && !sequence.Entity.SequenceEqual(r.ChildColumns))
            throw new DoppelException(ErrorKind.Metadata,
                $"Table '{table.Name}': its sequence entity ({string.Join(", ", sequence.Entity)}) must be the foreign key to its context table '{r.ParentTable}' ({string.Join(", ", r.ChildColumns)}).");
        var entityOf = primary is { } p ? KeyValues.Tuples(data, p.ChildColumns) : SequenceEntities.KeysOf(data, sequence.Entity);
        var plan = SequenceFitter.Fit(table.Name, data, table, link, primary is null ? [] : context, entityOf, options, evidence);
        return plan;
    }

    /// <summary>Steps for the entities of a context table: entity e is parent row e, with <paramref name="steps"/>[e] steps.</summary>
    public static Table SampleChildren(SequencePlan plan, Table parentValues, IReadOnlyList<string> contextColumns, int[] steps, ulong seed, int? threads)
    {
        var context = new Table([.. contextColumns.Select(c => parentValues[c].Renamed(DatabaseSynthesizer.ContextName(c)))], parentValues.RowCount);
        return SequenceSampler.Sample(plan, context, steps, null, seed, threads).Values;
    }

    /// <summary>The series of a table without a context table: as many as asked (or the real count, scaled), lengths from the real ones.</summary>
    public static Table SampleSeries(SequencePlan plan, DatabaseSampleOptions options, ulong seed)
    {
        int series = options.Entities ?? (int)Math.Round(plan.TrainingEntities * options.Scale);
        if (series < 0) throw new DoppelException(ErrorKind.Usage, $"--entities must be 0 or more, not {series}.");
        if (plan.EntityColumn is null && series > 1)
            throw new DoppelException(ErrorKind.Usage, $"The sequence table is a single series (no entity column), so it can have one entity, not {series}; declare an entity column to generate several.");
        var random = new RandomStream(seed, 0x5E_1000UL);
        var lengths = new int[series];
        var order = Enumerable.Range(0, series).OrderBy(_ => random.NextUInt64()).ToArray();
        for (int j = 0; j < series; j++)
            lengths[order[j]] = (int)Math.Round(CountPlan.Quantile(plan.LengthKnots, (j + 0.5) / series)) + options.Extend;
        var columns = new List<Column>();
        string[] entityNames = [];
        if (plan.EntityValues.Length > 0)
        {
            int k = plan.EntityValues.Length;
            columns.Add(new CategoryColumn(plan.EntityColumn!, [.. Enumerable.Range(0, series).Select(e => e % k)], plan.EntityValues));
            // Series beyond the real entities' count get the same context with a suffix, so every series has its own key.
            entityNames = [.. Enumerable.Range(0, series).Select(e => e < k ? plan.EntityValues[e] : $"{plan.EntityValues[e % k]}-{e / k + 1}")];
        }
        else if (plan.EntityKeys is { } keys)
        {
            var keyRandom = new RandomStream(seed, 0x5E_2000UL);
            entityNames = ((StringColumn)keys.Decode([], series, 0, ref keyRandom)).Values!;
        }
        var result = SequenceSampler.Sample(plan, new Table(columns, series), lengths, null, seed, options.Threads);
        return WithEntity(plan, result, entityNames, plan.EntityValues.Length > 0);
    }

    /// <summary>The generated steps with the entity column of a table without context table added.</summary>
    private static Table WithEntity(SequencePlan plan, SequenceSampler.Result result, string?[] entityNames, bool categorical)
    {
        if (plan.EntityColumn is null) return result.Values;
        var names = result.EntityOfRow.Select(e => entityNames[e]).ToArray();
        Column entity = categorical ? Categories(plan.EntityColumn, names) : new StringColumn(plan.EntityColumn, names);
        return new Table([.. result.Values.Columns, entity], result.Values.RowCount);
    }

    private static CategoryColumn Categories(string name, string?[] values)
    {
        var categories = values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var validity = new Validity(values.Length);
        var codes = new int[values.Length];
        for (int i = 0; i < values.Length; i++) { if (values[i] is null) validity.Set(i, false); else codes[i] = index[values[i]!]; }
        return new CategoryColumn(name, codes, categories, validity);
    }

    /// <summary>
    /// The real database with each sequence table replaced by <paramref name="steps"/> new steps per real entity,
    /// continuing its last real steps (an entity of the context table without steps starts its sequence).
    /// </summary>
    public static Database Extend(DatabaseModel model, Database real, int steps, DatabaseSampleOptions options)
    {
        if (steps < 1) throw new DoppelException(ErrorKind.Usage, $"--extend must be 1 or more steps, not {steps}.");
        if (!model.Plans.Any(p => p.Sequence is not null))
            throw new DoppelException(ErrorKind.Usage, "--extend continues sequence tables, and this model has none; declare one with --sequence TABLE:ORDER when fitting.");
        var metadata = model.Metadata;
        var tables = new Dictionary<string, Table>(real.Tables, StringComparer.Ordinal);
        for (int t = 0; t < model.Plans.Length; t++)
        {
            var plan = model.Plans[t];
            if (plan.Sequence is not { } sequence) continue;
            var table = metadata.Tables[t];
            var data = real[table.Name];
            ulong seed = new RandomStream(options.Seed, 0x5E_3000UL + (ulong)t).NextUInt64();
            var primary = plan.Primary is { } p ? metadata.Relationships[p] : null;
            string?[] entityKeys;
            string?[] entityOf;
            Table context;
            if (primary is not null)
            {
                var parent = real[primary.ParentTable];
                entityKeys = KeyValues.Tuples(parent, primary.ParentColumns);
                entityOf = KeyValues.Tuples(data, primary.ChildColumns);
                context = new Table([.. plan.ContextColumns.Select(c => parent[c].Renamed(DatabaseSynthesizer.ContextName(c)))], parent.RowCount);
            }
            else
            {
                entityOf = SequenceEntities.KeysOf(data, table.Sequence!.Entity);
                entityKeys = [.. entityOf.Distinct()];
                context = new Table([], entityKeys.Length);
            }
            var grouped = SequenceEntities.Of(table.Name, data, table.Sequence!, entityOf);
            var stepsOf = grouped.Keys.Select((k, e) => (k ?? "", grouped.Steps[e])).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
            int n = entityKeys.Length;
            var last = new int[n];
            var beforeLast = new int[n];
            var offset = new int[n];
            var firstRow = new int[n];
            for (int e = 0; e < n; e++)
            {
                var rows = stepsOf.GetValueOrDefault(entityKeys[e] ?? "", []);
                last[e] = rows.Length > 0 ? rows[^1] : -1;
                beforeLast[e] = rows.Length > 1 ? rows[^2] : -1;
                offset[e] = rows.Length;
                firstRow[e] = rows.Length > 0 ? rows[0] : -1;
            }
            if (sequence.EntityColumn is { } entityColumn && sequence.Context.Contains(entityColumn))
                context = new Table([StepColumns.Pick(data[entityColumn], firstRow, entityColumn)], n);
            var counts = Enumerable.Repeat(steps, n).ToArray();
            var result = SequenceSampler.Sample(sequence, context, counts, new SequenceHistory(data, last, beforeLast, offset), seed, options.Threads);
            tables[table.Name] = Continuation(table, primary, plan, result, entityKeys, data, seed);
        }
        return new Database(metadata, tables);
    }

    /// <summary>The new steps in the table's column order: its entity's key, generated columns, fresh keys.</summary>
    private static Table Continuation(TableMetadata table, Relationship? primary, TablePlan plan, SequenceSampler.Result result, string?[] entityKeys, Table real, ulong seed)
    {
        int rows = result.Values.RowCount;
        var random = new RandomStream(seed, 0x5E_4000UL);
        var columns = new List<Column>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        if (plan.Sequence!.EntityColumn is { } entity)
        {
            var texts = KeyValues.Texts(real[entity]);
            for (int row = texts.Length - 1; row >= 0; row--) firstRowOf[texts[row] ?? ""] = row;
        }
        foreach (var column in table.Columns)
        {
            int part = primary?.ChildColumns.ToList().IndexOf(column.Name) ?? -1;
            if (part >= 0)
                columns.Add(DatabaseModel.Typed(column, [.. result.EntityOfRow.Select(e => entityKeys[e]?.Split('\u001f')[part])]));
            else if (plan.Sequence!.EntityColumn == column.Name)
                columns.Add(StepColumns.Pick(real[column.Name], [.. result.EntityOfRow.Select(e => firstRowOf.GetValueOrDefault(entityKeys[e] ?? "", -1))], column.Name));
            else if (plan.Keys.FirstOrDefault(k => k.Name == column.Name) is { } key)
                columns.Add(DatabaseModel.Typed(column, ((StringColumn)key.Decode([], rows, 0, ref random)).Values));
            else if (result.Values.Columns.Any(c => c.Name == column.Name)) columns.Add(result.Values[column.Name]);
            else columns.Add(StepColumns.Empty(real[column.Name], rows, column.Name));
        }
        return new Table(columns, rows);
    }
}
