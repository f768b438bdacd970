using System.Globalization;
using Doppel.Constraints;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Schema.Generators;
using Doppel.Schema.Spec;

namespace Doppel.Schema.Generation;

/// <summary>
/// Turns a spec into generation plans and refuses, before any row is written, what cannot hold: unknown names,
/// fan-outs that cannot add up to the child's rows, unique columns with fewer values than rows, keys whose values
/// cannot be enumerated, cycles of non-nullable foreign keys, sequences past a column's bounds.
/// </summary>
internal static class SchemaPlanner
{
    private static string Num(double x) => x.ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>The tables in the order they are written (parents before children), and the dataset's metadata.</summary>
    public static (List<TablePlan> Tables, DatasetMetadata Metadata) Plan(SchemaSpec spec, ulong seed)
    {
        var duplicate = spec.Tables.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw SpecError.At(duplicate.Last().Node, $"table '{duplicate.Key}' is declared twice.");
        var plans = spec.Tables.Select(t => ColumnsOf(t, seed)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var plan in plans.Values) LinkForeignKeys(plan, plans, seed);
        var order = TopologicalOrder(spec, plans);
        foreach (var plan in order)
        {
            plan.Metadata = MetadataOf(plan);
            Rows(plan);
            Uniqueness(plan);
            Checks(plan);
            Correlations(plan, seed);
            Formulas(plan);
            Bounds(plan);
        }
        var relationships = order.SelectMany(p => p.ForeignKeys.Select(fk =>
            new Relationship(fk.Parent.Name, fk.ParentColumns.Select(c => c.Name).ToList(), p.Name, fk.Spec.Columns) { Name = fk.Spec.Name })).ToList();
        return (order, new DatasetMetadata([.. order.Select(p => p.Metadata)], relationships) { Sql = SqlDeclarations.Of(order) });
    }

    private static TablePlan ColumnsOf(TableSpec table, ulong seed)
    {
        var duplicate = table.Columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw SpecError.At(duplicate.Last().Node, $"table '{table.Name}' declares column '{duplicate.Key}' twice.");
        var fkColumns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fk in table.ForeignKeys)
            foreach (string column in fk.Columns)
            {
                if (table.Find(column) is null) throw SpecError.At(fk.Node, $"table '{table.Name}' foreign key names column '{column}', which the table does not have{SpecYaml.Suggest(column, table.Columns.Select(c => c.Name))}.");
                if (!fkColumns.Add(column)) throw SpecError.At(fk.Node, $"column '{table.Name}.{column}' is in two foreign keys; each column can follow one.");
            }
        var columns = table.Columns.Select(column =>
        {
            string what = $"column '{table.Name}.{column.Name}'";
            bool isFk = fkColumns.Contains(column.Name);
            if (isFk && column.Generator is not null) throw SpecError.At(column.Generator.Parameters, $"{what} is filled by its foreign key; remove its {column.Generator.Kind} generator.");
            if (!isFk && column.Generator is null) throw SpecError.At(column.Node, $"{what} has no generator; give one of {string.Join(", ", SpecYaml.GeneratorKinds)} (or make it a foreign key).");
            ulong stream = StreamIds.For(seed, table.Name, column.Name), nulls = StreamIds.For(seed, table.Name, column.Name, "nulls");
            if (isFk) return new ColumnPlan { Spec = column, Kind = ColumnKind.Number, StreamSeed = stream, NullSeed = nulls, Source = ValueSource.ForeignKey };
            if (column.Generator!.Kind == "formula")
            {
                if (column.Type is not (SpecType.Integer or SpecType.Decimal)) throw SpecError.At(column.Generator.Parameters, $"{what} is a formula, so its type must be integer or decimal.");
                return new ColumnPlan
                {
                    Spec = column, Kind = ColumnKind.Number, StreamSeed = stream, NullSeed = nulls, Source = ValueSource.Formula,
                    Formula = Formula.Parse(SpecYaml.ScalarText(column.Generator.Parameters, what + " formula"), [.. table.Columns.Select(c => c.Name)], what + " formula", column.Generator.Parameters),
                };
            }
            var generator = GeneratorFactory.Create(table.Name, column);
            var categories = generator.Categories;
            if (categories is not null && column.Length is { } n && categories.Any(c => c.Length > n)) categories = [.. categories.Select(c => c.Length > n ? c[..n] : c).Distinct()];
            if (categories is not null && categories.Length != generator.Categories!.Length)
                throw SpecError.At(column.Node, $"{what}: cutting the {column.Generator.Kind} values to length {column.Length} would merge some; give a longer length.");
            return new ColumnPlan { Spec = column, Kind = generator.Kind, Categories = categories ?? generator.Categories, Generator = generator, StreamSeed = stream, NullSeed = nulls };
        }).ToArray();
        return new TablePlan { Spec = table, Columns = columns, Metadata = null! };
    }

    private static void LinkForeignKeys(TablePlan plan, Dictionary<string, TablePlan> plans, ulong seed)
    {
        foreach (var fk in plan.Spec.ForeignKeys)
        {
            if (!plans.TryGetValue(fk.References, out var parent))
                throw SpecError.At(fk.Node, $"table '{plan.Name}' foreign key references table '{fk.References}', which the spec does not declare{SpecYaml.Suggest(fk.References, plans.Keys)}.");
            var parentNames = fk.ParentColumns.Count > 0 ? fk.ParentColumns : parent.Spec.Key;
            if (parentNames.Count == 0) throw SpecError.At(fk.Node, $"table '{plan.Name}' foreign key references '{parent.Name}', which has no key; give the table a key or the foreign key parent_columns.");
            if (parentNames.Count != fk.Columns.Count) throw SpecError.At(fk.Node, $"foreign key {plan.Name}({string.Join(", ", fk.Columns)}) has {fk.Columns.Count} columns but refers to {parentNames.Count} of {parent.Name}({string.Join(", ", parentNames)}).");
            var parentColumns = parentNames.Select(n => parent.IndexOf(n) is var i and >= 0 ? parent.Columns[i]
                : throw SpecError.At(fk.Node, $"foreign key of '{plan.Name}' refers to column '{parent.Name}.{n}', which does not exist.")).ToArray();
            foreach (var pc in parentColumns)
                if (pc.Generator is null || !pc.Generator.CanRank)
                    throw SpecError.At(fk.Node, $"foreign key {plan.Name}({string.Join(", ", fk.Columns)}) -> {parent.Name}: the referenced column '{pc.Name}' must enumerate its values (sequence, identity, uuid, a fixed-length pattern, categories or uniform integers){(pc.Source == ValueSource.ForeignKey ? "; it is itself a foreign key, which a spec cannot chain" : "")}.");
            var childIndexes = fk.Columns.Select(plan.IndexOf).ToArray();
            var fkPlan = new ForeignKeyPlan
            {
                Spec = fk, Parent = parent, ParentColumns = parentColumns, ChildColumns = childIndexes,
                Seed = StreamIds.For(seed, plan.Name, "fk:" + string.Join(",", fk.Columns)),
                Nulls = plan.Columns[childIndexes[0]].Spec.Nulls,
            };
            plan.ForeignKeys.Add(fkPlan);
            for (int k = 0; k < childIndexes.Length; k++)
            {
                var old = plan.Columns[childIndexes[k]];
                if (old.Spec.Type != parentColumns[k].Spec.Type)
                    throw SpecError.At(old.Spec.Node, $"column '{plan.Name}.{old.Name}' is {old.Spec.Type.ToString().ToLowerInvariant()} but refers to '{parent.Name}.{parentColumns[k].Name}', which is {parentColumns[k].Spec.Type.ToString().ToLowerInvariant()}.");
                plan.Columns[childIndexes[k]] = new ColumnPlan
                {
                    Spec = old.Spec, Kind = parentColumns[k].Kind, Categories = parentColumns[k].Categories, StreamSeed = old.StreamSeed, NullSeed = old.NullSeed,
                    Source = ValueSource.ForeignKey, ForeignKey = fkPlan, ForeignKeyIndex = k,
                };
            }
        }
    }

    /// <summary>Parents before children; a cycle is broken at a nullable foreign key, and refused when it has none.</summary>
    private static List<TablePlan> TopologicalOrder(SchemaSpec spec, Dictionary<string, TablePlan> plans)
    {
        var edges = plans.Values.SelectMany(p => p.ForeignKeys.Where(fk => fk.Parent != p).Select(fk => (Child: p, Fk: fk))).ToList();
        var order = new List<TablePlan>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = spec.Tables.Select(t => plans[t.Name]).ToList();
        var active = edges.ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(t => active.All(e => e.Child != t || placed.Contains(e.Fk.Parent.Name)));
            if (ready is null)
            {
                // A cycle: break it at a nullable foreign key (its parent rows exist by construction, constraints come after the data).
                var cycle = remaining.SelectMany(t => active.Where(e => e.Child == t && !placed.Contains(e.Fk.Parent.Name))).ToList();
                var breakable = cycle.FirstOrDefault(e => e.Fk.Nulls > 0);
                if (breakable.Fk is null)
                    throw SpecError.Unsatisfiable($"the foreign keys {string.Join(", ", cycle.Select(e => e.Fk.Describe(e.Child.Name)))} form a cycle and none is nullable, so no table can be loaded first; give one of them 'nulls' above 0.");
                active.Remove(breakable);
                continue;
            }
            order.Add(ready);
            placed.Add(ready.Name);
            remaining.Remove(ready);
        }
        foreach (var plan in plans.Values)
            foreach (var fk in plan.ForeignKeys.Where(f => f.Parent == plan && f.Nulls == 0 && plan.Spec.Rows > 0))
                throw SpecError.Unsatisfiable($"the foreign key {fk.Describe(plan.Name)} refers to its own table and is not nullable, so its first row has nothing to point at; give it 'nulls' above 0.");
        return order;
    }

    private static TableMetadata MetadataOf(TablePlan plan)
    {
        var columns = plan.Columns.Select(c =>
        {
            var s = c.Spec;
            var type = s.Type switch
            {
                SpecType.Integer or SpecType.Decimal => SemanticType.Numerical,
                SpecType.Boolean => SemanticType.Boolean,
                SpecType.Date or SpecType.Datetime => SemanticType.Datetime,
                _ => c.Kind == ColumnKind.Category ? SemanticType.Categorical : SemanticType.Text,
            };
            return new ColumnMetadata(s.Name, type)
            {
                Integer = s.Type == SpecType.Integer,
                Decimals = s.Type == SpecType.Decimal ? s.Decimals : null,
                Format = s.Type switch { SpecType.Date => s.Format ?? "yyyy-MM-dd", SpecType.Datetime => s.Format ?? "yyyy-MM-dd HH:mm:ss", _ => null },
                Nullable = s.Nulls > 0,
                Min = s.Min,
                Max = s.Max,
            };
        }).ToList();
        foreach (string key in plan.Spec.Key)
            if (plan.IndexOf(key) < 0) throw SpecError.At(plan.Spec.Node, $"table '{plan.Name}' key names column '{key}', which the table does not have{SpecYaml.Suggest(key, plan.Columns.Select(c => c.Name))}.");
        return new TableMetadata(plan.Name, columns) { Key = plan.Spec.Key, Constraints = plan.Spec.Constraints };
    }

    private static void Rows(TablePlan plan)
    {
        plan.Rows = plan.Spec.Rows ?? 0;
        foreach (var fk in plan.ForeignKeys.Where(f => f.Spec.FanOut is not null))
            FanOut(plan, fk);
        if (plan.Spec.Rows is null && plan.ForeignKeys.All(f => f.Prefix is null))
            throw SpecError.At(plan.Spec.Node, $"table '{plan.Name}' has no 'rows'; give a row count (or a foreign key with a fan-out, whose sum is the count).");
        foreach (var fk in plan.ForeignKeys.Where(f => f.Prefix is null && f.Parent.Rows == 0 && plan.Rows > 0 && f.Nulls == 0))
            throw SpecError.Unsatisfiable($"{fk.Describe(plan.Name)}: '{fk.Parent.Name}' has no rows, so the {Num(plan.Rows)} rows of '{plan.Name}' have no parent to point at.");
    }

    /// <summary>Children per parent, drawn from the fan-out's shape within [min, max] and adjusted to add up exactly.</summary>
    private static void FanOut(TablePlan plan, ForeignKeyPlan fk)
    {
        var fan = fk.Spec.FanOut!;
        string what = $"fan-out of {fk.Describe(plan.Name)}";
        long parents = fk.Parent == plan ? plan.Spec.Rows ?? throw SpecError.At(fan.Node, $"{what}: a table referring to itself needs 'rows'.") : fk.Parent.Rows;
        long max = fan.Max ?? long.MaxValue;
        if (max < fan.Min) throw SpecError.At(fan.Node, $"{what}: max {max} is below min {fan.Min}.");
        Distribution? shape = fan.Distribution is null ? null : GeneratorFactory.Distribution(fan.Distribution, what, integer: true);
        if (shape is null && fan.Max is null)
        {
            if (plan.Spec.Rows is null) throw SpecError.At(fan.Node, $"{what}: without 'rows' on '{plan.Name}' the fan-out needs a max or a shape.");
            shape = new PoissonDistribution(Math.Max(1e-9, plan.Spec.Rows.Value * (1 - fk.Nulls) / Math.Max(1, parents)));
        }
        shape ??= new UniformDistribution(fan.Min, max, integer: true);
        if (parents > 100_000_000) throw SpecError.Unsatisfiable($"{what}: {Num(parents)} parents is more than a fan-out can track (100 million); leave the fan-out out to draw parents uniformly.");
        var counts = new long[parents];
        var random = new RandomStream(fk.Seed, 0);
        long sum = 0;
        for (long p = 0; p < parents; p++) sum += counts[p] = Math.Clamp((long)Math.Round(shape.Sample(ref random)), fan.Min, max);
        long target;
        if (plan.Spec.Rows is { } rows)
        {
            target = rows - (long)Math.Round(rows * fk.Nulls);
            if (fan.Min * (double)parents > target)
                throw SpecError.Unsatisfiable($"{what}: at least {fan.Min} children for each of the {Num(parents)} rows of '{fk.Parent.Name}' is {Num(fan.Min * (double)parents)} rows, but '{plan.Name}' has {Num(target)} {(fk.Nulls > 0 ? "non-null foreign keys" : "rows")}.");
            if (max * (double)parents < target)
                throw SpecError.Unsatisfiable($"{what}: at most {max} children for each of the {Num(parents)} rows of '{fk.Parent.Name}' is {Num(max * (double)parents)} rows, but '{plan.Name}' has {Num(target)} {(fk.Nulls > 0 ? "non-null foreign keys" : "rows")}.");
            Adjust(counts, sum, target, fan.Min, max, ref random);
            plan.Rows = rows;
        }
        else
        {
            target = sum;
            plan.Rows = fk.Nulls > 0 ? (long)Math.Round(sum / (1 - fk.Nulls)) : sum;
        }
        var prefix = new long[parents + 1];
        long most = 0;
        for (long p = 0; p < parents; p++)
        {
            prefix[p + 1] = prefix[p] + counts[p];
            most = Math.Max(most, counts[p]);
        }
        fk.Prefix = prefix;
        fk.NonNull = target;
        fk.MaxChildren = most;
        fk.Slots = new KeyedPermutation(fk.Seed ^ 0x51075, (ulong)plan.Rows);
    }

    /// <summary>Adds or removes children of random parents (within [min, max]) until the counts add up to the target.</summary>
    private static void Adjust(long[] counts, long sum, long target, long min, long max, ref RandomStream random)
    {
        long parents = counts.Length, tries = 0;
        while (sum != target && tries++ < 20 * parents + 1000)
        {
            long p = StreamIds.NextLong(ref random, parents);
            if (sum < target && counts[p] < max) { counts[p]++; sum++; }
            else if (sum > target && counts[p] > min) { counts[p]--; sum--; }
        }
        for (long p = 0; sum != target && p < parents; p++)
        {
            long change = sum < target ? Math.Min(max - counts[p], target - sum) : -Math.Min(counts[p] - min, sum - target);
            counts[p] += change;
            sum += change;
        }
    }

    private static void Uniqueness(TablePlan plan)
    {
        var sets = new List<IReadOnlyList<string>>();
        if (plan.Spec.Key.Count > 0) sets.Add(plan.Spec.Key);
        sets.AddRange(plan.Spec.Unique);
        sets.AddRange(plan.Columns.Where(c => c.Spec.Unique).Select(c => (IReadOnlyList<string>)[c.Name]));
        foreach (string key in plan.Spec.Key)
        {
            var column = plan.Columns[plan.IndexOf(key)];
            if (column.Spec.Nulls > 0) throw SpecError.At(column.Spec.Node, $"column '{plan.Name}.{key}' is in the primary key, so it cannot have nulls ({column.Spec.Nulls}).");
        }
        foreach (var set in sets)
            foreach (string name in set)
                if (plan.IndexOf(name) < 0) throw SpecError.At(plan.Spec.Node, $"table '{plan.Name}' unique names column '{name}', which the table does not have{SpecYaml.Suggest(name, plan.Columns.Select(c => c.Name))}.");
        foreach (var set in sets.Where(s => s.Count == 1)) MakeUnique(plan, plan.Columns[plan.IndexOf(set[0])]);
        foreach (var set in sets.Where(s => s.Count > 1))
        {
            var columns = set.Select(n => plan.Columns[plan.IndexOf(n)]).ToList();
            if (columns.Any(c => c.Source is ValueSource.Unique or ValueSource.WithinGroup && c.Group is null)) continue; // one unique column makes the set unique
            var group = plan.ForeignKeys.FirstOrDefault(fk => fk.Prefix is not null && fk.Spec.Columns.All(set.Contains));
            var candidates = columns.Where(c => group is not null && !group.Spec.Columns.Contains(c.Name)).ToList();
            var member = candidates.FirstOrDefault(c => c.Source == ValueSource.ForeignKey && c.ForeignKey!.Prefix is null && c.ForeignKey.Spec.Columns.Count == 1)
                ?? candidates.FirstOrDefault(c => c.Source == ValueSource.Random && c.Generator!.CanRank);
            if (group is null && Combine(plan, set, columns)) continue;
            if (group is null || member is null)
                throw SpecError.Unsatisfiable($"table '{plan.Name}': unique ({string.Join(", ", set)}) cannot be made to hold by construction. It needs one column that is unique by itself, or a foreign key among them with a fan-out and another column that enumerates its values (a second foreign key, a sequence, a fixed-length pattern, categories, uniform integers).");
            ulong space = member.Source == ValueSource.ForeignKey ? (ulong)member.ForeignKey!.Parent.Rows : (ulong)Math.Min(member.Generator!.Distinct, 1.8e19);
            if ((ulong)group.MaxChildren > space)
                throw SpecError.Unsatisfiable($"table '{plan.Name}': unique ({string.Join(", ", set)}) needs the children of one {group.Parent.Name} row to differ in '{member.Name}', but one has {Num(group.MaxChildren)} children and '{member.Name}' has only {Num(space)} possible values; lower the fan-out max of {group.Describe(plan.Name)}.");
            member.Source = ValueSource.WithinGroup;
            member.Group = group;
            member.GroupSpace = space;
        }
    }

    /// <summary>
    /// Makes a set of free, enumerable columns unique together (<see cref="UniqueSetPlan"/>): members in the set's
    /// order until the product of their values covers the rows; the rest stay free. False when the columns cannot.
    /// </summary>
    private static bool Combine(TablePlan plan, IReadOnlyList<string> set, List<ColumnPlan> columns)
    {
        var members = new List<int>();
        var spaces = new List<ulong>();
        double product = 1;
        foreach (var column in columns)
        {
            if (product >= plan.Rows) break;
            if (column.Source != ValueSource.Random || column.Generator is not { CanRank: true } generator) return false;
            if (column.Spec.Length is { } length && column.Kind == ColumnKind.String && (generator.MaxLength ?? int.MaxValue) > length) return false;
            ulong space = (ulong)Math.Min(generator.RankSpace(plan.Rows), 1L << 40);
            if (space < 2) continue;
            members.Add(plan.IndexOf(column.Name));
            spaces.Add(space);
            product *= space;
        }
        if (members.Count == 0) return plan.Rows <= 1; // a single row is unique whatever it holds
        if (product < plan.Rows)
            throw SpecError.Unsatisfiable($"table '{plan.Name}': unique ({string.Join(", ", set)}) has only {Num(product)} combinations of values for {Num(plan.Rows)} rows.");
        if (product >= 1.8e19)
        {
            // The permutation needs a space below 2^64: the last member's digit is narrowed to what the rows need.
            double rest = product / spaces[^1];
            spaces[^1] = (ulong)Math.Max(1, Math.Min(spaces[^1], Math.Ceiling(plan.Rows / rest)));
            product = rest * spaces[^1];
        }
        foreach (int m in members) plan.Columns[m].Source = ValueSource.Combined;
        plan.UniqueSets.Add(new UniqueSetPlan
        {
            Members = [.. members], Spaces = [.. spaces],
            Permutation = new KeyedPermutation(StreamIds.Mix(plan.Columns[members[0]].StreamSeed ^ 0x5E75E75EUL), (ulong)product),
        });
        return true;
    }

    private static void MakeUnique(TablePlan plan, ColumnPlan column)
    {
        string what = $"column '{plan.Name}.{column.Name}'";
        if (column.Source == ValueSource.ForeignKey)
        {
            var fk = column.ForeignKey!;
            if (fk.Spec.Columns.Count == 1 && fk.Prefix is not null && fk.MaxChildren <= 1) return; // one-to-one: each parent once
            throw SpecError.Unsatisfiable($"{what} is unique (or the key) and a foreign key, so each parent row may have at most one child: give {fk.Describe(plan.Name)} 'fanout: {{max: 1}}'.");
        }
        if (column.Source == ValueSource.Formula) throw SpecError.Unsatisfiable($"{what} is unique, but it is a formula of other columns, whose values can repeat.");
        var generator = column.Generator!;
        if (!generator.CanRank)
            throw SpecError.Unsatisfiable($"{what} is unique, but its {column.Spec.Generator!.Kind} generator cannot enumerate its values; use a sequence, identity, uuid, a fixed-length pattern, categories or uniform integers.");
        long rows = plan.Rows;
        double space = generator.RankSpace(rows);
        if (space < rows)
            throw SpecError.Unsatisfiable($"{what} is unique, but its {column.Spec.Generator!.Kind} generator has only {Num(space)} possible values for {Num(rows)} rows.");
        if (column.Spec.Length is { } length && column.Kind == ColumnKind.String && (generator.MaxLength ?? int.MaxValue) > length && generator is not (SequenceGenerator or UuidGenerator))
            throw SpecError.Unsatisfiable($"{what} is unique, but its {column.Spec.Generator!.Kind} values can be {(generator.MaxLength is { } m ? $"{m} characters" : "of any length")} and the column holds {length}; cutting would repeat values. Give a longer length or a shorter pattern.");
        column.Source = ValueSource.Unique;
        if (!generator.RowIsRank) column.Permutation = new KeyedPermutation(column.StreamSeed, (ulong)Math.Min(space, 1.8e19));
    }

    private static void Checks(TablePlan plan)
    {
        foreach (string text in plan.Spec.Constraints)
        {
            List<Constraint> parsed;
            try { parsed = ConstraintParser.Parse(text, plan.Metadata, $"table '{plan.Name}' constraint"); }
            catch (DoppelException e) { throw SpecError.At(plan.Spec.Node, e.Message); }
            foreach (var constraint in parsed)
            {
                if (constraint is UniqueConstraint unique) { MakeUnique(plan, plan.Columns[plan.IndexOf(unique.Column)]); continue; }
                if (constraint.Kind is "fixed combinations" or "exclusive group")
                    throw SpecError.At(plan.Spec.Node, $"table '{plan.Name}' constraint '{constraint.Text}': {constraint.Kind} rules are learned from data; a spec declares such columns with categories or a formula instead.");
                var redraw = new HashSet<int>();
                foreach (string name in constraint.Columns) AddRedraw(plan, plan.IndexOf(name), redraw);
                if (redraw.Count == 0)
                    throw SpecError.Unsatisfiable($"table '{plan.Name}' constraint '{constraint.Text}' reads only key, foreign-key or unique columns ({string.Join(", ", constraint.Columns)}), whose values are fixed by construction, so it cannot be enforced; change their generators instead.");
                plan.Checks.Add(new CheckPlan(constraint, [.. redraw.Order()]));
            }
        }
    }

    // A formula's free inputs are what a failing row can redraw.
    private static void AddRedraw(TablePlan plan, int index, HashSet<int> redraw)
    {
        var column = plan.Columns[index];
        if (column.Redrawable) redraw.Add(index);
        else if (column.Formula is { } formula) foreach (string input in formula.Inputs) AddRedraw(plan, plan.IndexOf(input), redraw);
    }

    private static void Correlations(TablePlan plan, ulong seed)
    {
        if (plan.Spec.Correlations.Count == 0) return;
        var parent = Enumerable.Range(0, plan.Columns.Length).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var correlation in plan.Spec.Correlations)
        {
            var indexes = correlation.Columns.Select(n => plan.IndexOf(n) is var i and >= 0 ? i
                : throw SpecError.At(correlation.Node, $"table '{plan.Name}' correlation names column '{n}', which the table does not have.")).ToArray();
            foreach (int i in indexes)
                if (plan.Columns[i] is not { Source: ValueSource.Random, Generator: IQuantileGenerator })
                    throw SpecError.At(correlation.Node, $"table '{plan.Name}' correlation: column '{plan.Columns[i].Name}' must be a numeric column drawn from a distribution (uniform, normal, lognormal, exponential, poisson, zipf, histogram), not a key, foreign key, formula or {plan.Columns[i].Spec.Generator?.Kind}.");
            if (indexes[0] == indexes[1]) throw SpecError.At(correlation.Node, $"table '{plan.Name}' correlation names '{plan.Columns[indexes[0]].Name}' twice.");
            parent[Find(indexes[0])] = Find(indexes[1]);
        }
        foreach (var members in plan.Spec.Correlations.SelectMany(c => c.Columns).Distinct().Select(plan.IndexOf).GroupBy(Find))
        {
            // Ordered by name, not position, so reordering columns leaves the draws alone.
            int[] columns = [.. members.OrderBy(c => plan.Columns[c].Name, StringComparer.Ordinal)];
            int k = columns.Length;
            var matrix = new double[k, k];
            for (int i = 0; i < k; i++) matrix[i, i] = 1;
            foreach (var correlation in plan.Spec.Correlations)
            {
                int a = Array.IndexOf(columns, plan.IndexOf(correlation.Columns[0])), b = Array.IndexOf(columns, plan.IndexOf(correlation.Columns[1]));
                if (a < 0) continue;
                // Spearman's rho of a Gaussian pair is (6/pi) asin(r/2): invert it for the normal scores.
                matrix[a, b] = matrix[b, a] = 2 * Math.Sin(Math.PI * correlation.Rank / 6);
            }
            var factor = Cholesky(matrix) ?? throw SpecError.Unsatisfiable($"table '{plan.Name}': the rank correlations among {string.Join(", ", columns.Select(c => plan.Columns[c].Name))} contradict each other (no joint distribution has them all); loosen one.");
            foreach (int c in columns) plan.Columns[c].Source = ValueSource.Correlated;
            plan.Groups.Add(new CorrelationGroup { Columns = columns, Factor = factor, Seed = StreamIds.For(seed, plan.Name, "copula:" + string.Join(",", columns.Select(c => plan.Columns[c].Name))) });
        }
    }

    private static double[,]? Cholesky(double[,] a)
    {
        int n = a.GetLength(0);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (sum <= 1e-10) return null;
                    l[i, i] = Math.Sqrt(sum);
                }
                else l[i, j] = sum / l[j, j];
            }
        return l;
    }

    private static void Formulas(TablePlan plan)
    {
        var pending = plan.Columns.Select((c, i) => (c, i)).Where(p => p.c.Formula is not null).Select(p => p.i).ToList();
        foreach (int i in pending)
            foreach (string input in plan.Columns[i].Formula!.Inputs)
            {
                var source = plan.Columns[plan.IndexOf(input)];
                if (source.Kind != ColumnKind.Number) throw SpecError.At(plan.Columns[i].Spec.Generator!.Parameters, $"column '{plan.Name}.{plan.Columns[i].Name}' formula reads '{input}', which is not numeric.");
            }
        var done = new HashSet<string>(plan.Columns.Where(c => c.Formula is null).Select(c => c.Name), StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            int next = pending.FindIndex(i => plan.Columns[i].Formula!.Inputs.All(done.Contains));
            if (next < 0) throw SpecError.Unsatisfiable($"table '{plan.Name}': the formulas of {string.Join(", ", pending.Select(i => plan.Columns[i].Name))} depend on each other in a cycle.");
            plan.FormulaOrder.Add(pending[next]);
            done.Add(plan.Columns[pending[next]].Name);
            pending.RemoveAt(next);
        }
    }

    private static void Bounds(TablePlan plan)
    {
        foreach (var column in plan.Columns)
        {
            if (column.Generator is SequenceGenerator sequence && column.Spec.Type == SpecType.Integer && plan.Rows > 0)
            {
                double first = sequence.ValueAt(0), last = sequence.ValueAt(plan.Rows - 1);
                if (column.Spec.Max is { } max && last > max)
                    throw SpecError.Unsatisfiable($"column '{plan.Name}.{column.Name}': a sequence of {Num(plan.Rows)} rows reaches {Num(last)}, above the column's max {Num(max)}{(column.Spec.Sql is { } sql ? $" ({sql})" : "")}; lower the table's rows.");
                if (column.Spec.Min is { } min && first < min)
                    throw SpecError.Unsatisfiable($"column '{plan.Name}.{column.Name}': the sequence starts at {Num(first)}, below the column's min {Num(min)}.");
            }
            if (column.Generator?.Range is var (low, high) && column.Spec.Type is SpecType.Integer or SpecType.Decimal && (column.Spec.Min > high || column.Spec.Max < low))
                throw SpecError.Unsatisfiable($"column '{plan.Name}.{column.Name}': its {column.Spec.Generator!.Kind} generator makes values from {Num(low)} to {Num(high)}, all outside the column's bounds [{Num(column.Spec.Min ?? double.NegativeInfinity)}, {Num(column.Spec.Max ?? double.PositiveInfinity)}].");
        }
    }
}
