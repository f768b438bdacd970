using Doppel.Data;
using Doppel.Sampling;
using Doppel.Schema.Generators;

namespace Doppel.Schema.Generation;

/// <summary>
/// Generates one block (8,192 rows) of one table: a pure function of (plan, block). Each column draws from its own
/// stream (seed, table, column) at index block, so adding, removing or reordering a column changes no other
/// column; foreign keys, unique columns and within-parent distinct columns are functions of the row index.
/// Rows failing a CHECK redraw the rule's free columns from a per-(column, row, attempt) stream.
/// </summary>
internal static class BlockGenerator
{
    public const int MaxAttempts = 1000;

    public static Table Generate(TablePlan plan, long block)
    {
        long firstRow = block * StreamIds.BlockRows;
        int n = (int)Math.Min(StreamIds.BlockRows, plan.Rows - firstRow);
        var columns = plan.Columns;
        var data = columns.Select(c => new ColumnData(c.Kind, n, c.Categories)).ToArray();
        for (int c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            switch (column.Source)
            {
                case ValueSource.Random:
                {
                    var random = new RandomStream(column.StreamSeed, (ulong)block);
                    column.Generator!.Fill(data[c], 0, n, firstRow, ref random);
                    break;
                }
                case ValueSource.Unique:
                    for (int i = 0; i < n; i++) column.Generator!.FillRank(data[c], i, Rank(column, firstRow + i));
                    break;
            }
        }
        foreach (var set in plan.UniqueSets) Combined(plan, set, data, n, firstRow);
        foreach (var group in plan.Groups) Correlated(plan, group, data, n, block);
        var parentRow = new long[n];
        var childIndex = new long[n];
        foreach (var fk in plan.ForeignKeys.OrderBy(f => f.Prefix is null)) ForeignKey(plan, fk, data, n, block, firstRow, parentRow, childIndex);
        for (int c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            if (column.Source is ValueSource.ForeignKey or ValueSource.Formula || column.Spec.Nulls <= 0) continue;
            var random = new RandomStream(column.NullSeed, (ulong)block);
            for (int i = 0; i < n; i++) if (random.NextDouble() < column.Spec.Nulls) data[c].SetNull(i);
        }
        foreach (int c in plan.FormulaOrder)
        {
            var random = new RandomStream(columns[c].NullSeed, (ulong)block);
            for (int i = 0; i < n; i++) Compute(plan, data, c, i, columns[c].Spec.Nulls > 0 && random.NextDouble() < columns[c].Spec.Nulls);
        }
        for (int c = 0; c < columns.Length; c++) Cut(columns[c], data[c], 0, n);
        var table = new Table([.. columns.Select((c, i) => data[i].ToColumn(c.Name))], n);
        if (plan.Checks.Count > 0) EnforceChecks(plan, table, data, n, firstRow);
        return table;
    }

    private static ulong Rank(ColumnPlan column, long row) => column.Generator!.RowIsRank ? (ulong)row : column.Permutation.Apply((ulong)row);

    /// <summary>Writes the value parent row <paramref name="parentRow"/> holds in <paramref name="key"/> into <paramref name="row"/>.</summary>
    private static void ParentValue(ColumnPlan key, ColumnData target, int row, long parentRow) => key.Generator!.FillRank(target, row, Rank(key, parentRow));

    /// <summary>Each row's combination: perm(row) written in the members' mixed radix, a digit per member.</summary>
    private static void Combined(TablePlan plan, UniqueSetPlan set, ColumnData[] data, int n, long firstRow)
    {
        for (int i = 0; i < n; i++)
        {
            ulong rank = set.Permutation.Apply((ulong)(firstRow + i));
            for (int m = 0; m < set.Members.Length; m++)
            {
                plan.Columns[set.Members[m]].Generator!.FillRank(data[set.Members[m]], i, rank % set.Spaces[m]);
                rank /= set.Spaces[m];
            }
        }
    }

    private static void Correlated(TablePlan plan, CorrelationGroup group, ColumnData[] data, int n, long block)
    {
        int k = group.Columns.Length;
        var random = new RandomStream(group.Seed, (ulong)block);
        Span<double> e = stackalloc double[k];
        var generators = group.Columns.Select(c => (IQuantileGenerator)plan.Columns[c].Generator!).ToArray();
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < k; a++) e[a] = random.NextNormal();
            for (int a = 0; a < k; a++)
            {
                double z = 0;
                for (int b = 0; b <= a; b++) z += group.Factor[a, b] * e[b];
                double u = Math.Clamp(Normal.Cdf(z), 1e-12, 1 - 1e-12);
                data[group.Columns[a]].Numbers![i] = generators[a].Quantile(u);
            }
        }
    }

    private static void ForeignKey(TablePlan plan, ForeignKeyPlan fk, ColumnData[] data, int n, long block, long firstRow, long[] parentRow, long[] childIndex)
    {
        var random = new RandomStream(fk.Seed, (ulong)block);
        long parents = fk.Parent.Rows;
        var within = fk.ChildColumns.Length == 1 && plan.Columns[fk.ChildColumns[0]] is { Source: ValueSource.WithinGroup } w ? w : null;
        for (int i = 0; i < n; i++)
        {
            long p;
            if (within is not null && parentRow[i] >= 0)
            {
                var group = new KeyedPermutation(StreamIds.Mix(within.StreamSeed ^ (ulong)parentRow[i]), within.GroupSpace);
                p = (long)group.Apply((ulong)childIndex[i]);
            }
            else if (fk.Prefix is { } prefix)
            {
                long slot = (long)fk.Slots.Apply((ulong)(firstRow + i));
                if (slot >= fk.NonNull) { Null(fk, data, i); parentRow[i] = -1; continue; }
                int found = Array.BinarySearch(prefix, slot);
                p = found >= 0 ? found : ~found - 1;
                while (p + 1 < prefix.Length && prefix[p + 1] <= slot) p++; // skip parents without children
                parentRow[i] = p;
                childIndex[i] = slot - prefix[p];
            }
            else
            {
                bool isNull = fk.Nulls > 0 && random.NextDouble() < fk.Nulls;
                p = StreamIds.NextLong(ref random, Math.Max(1, parents));
                if (isNull || parents == 0) { Null(fk, data, i); continue; }
            }
            for (int k = 0; k < fk.ChildColumns.Length; k++) ParentValue(fk.ParentColumns[k], data[fk.ChildColumns[k]], i, p);
        }
        if (fk.Prefix is null) return;
        // Other columns distinct among one parent's children (a composite key with this foreign key).
        foreach (var column in plan.Columns.Where(c => c.Group == fk && c.Source == ValueSource.WithinGroup && c.ForeignKey is null))
        {
            var target = data[plan.IndexOf(column.Name)];
            for (int i = 0; i < n; i++)
            {
                if (parentRow[i] < 0) continue;
                var group = new KeyedPermutation(StreamIds.Mix(column.StreamSeed ^ (ulong)parentRow[i]), column.GroupSpace);
                column.Generator!.FillRank(target, i, group.Apply((ulong)childIndex[i]));
            }
        }
    }

    private static void Null(ForeignKeyPlan fk, ColumnData[] data, int row)
    {
        foreach (int c in fk.ChildColumns) data[c].SetNull(row);
    }

    private static void Compute(TablePlan plan, ColumnData[] data, int c, int row, bool isNull)
    {
        var column = plan.Columns[c];
        double value = isNull ? double.NaN : column.Formula!.Evaluate(name =>
        {
            var source = data[plan.IndexOf(name)];
            return source.Validity.IsValid(row) ? source.Numbers![row] : double.NaN;
        });
        if (!double.IsFinite(value)) { data[c].SetNull(row); return; }
        data[c].Validity.Set(row, true);
        data[c].Numbers![row] = column.Spec.Type == Spec.SpecType.Integer ? Math.Round(value) : column.Spec.Decimals is { } d ? Math.Round(value, d) : value;
    }

    private static void Cut(ColumnPlan column, ColumnData data, int start, int count)
    {
        if (column.Spec.Length is not { } length || data.Strings is not { } strings) return;
        for (int i = start; i < start + count; i++)
            if (strings[i] is { } s && s.Length > length) strings[i] = CutAtWord(s, length);
    }

    /// <summary>At most <paramref name="length"/> characters, at the last word boundary when there is one ("Walker", not "Walker Hag").</summary>
    internal static string CutAtWord(string value, int length)
    {
        int space = value.LastIndexOf(' ', Math.Min(length, value.Length - 1));
        return (space > 0 ? value[..space] : value[..length]).TrimEnd();
    }

    private static void EnforceChecks(TablePlan plan, Table table, ColumnData[] data, int n, long firstRow)
    {
        for (int i = 0; i < n; i++)
        {
            for (int attempt = 0; ; attempt++)
            {
                var failed = plan.Checks.FirstOrDefault(check => !check.Constraint.Holds(table, i));
                if (failed is null) break;
                if (attempt == MaxAttempts)
                    throw Schema.Spec.SpecError.Unsatisfiable($"table '{plan.Name}' constraint '{failed.Constraint.Text}' still failed for row {firstRow + i:N0} after {MaxAttempts} redraws of {Describe(plan, failed)}: no value these generators make meets it. Change the generators' ranges or the constraint.");
                foreach (int c in failed.Redraw)
                {
                    var column = plan.Columns[c];
                    if (!data[c].Validity.IsValid(i)) continue;
                    var random = new RandomStream(column.StreamSeed ^ 0xC4EC4EC4UL, (ulong)(firstRow + i) * MaxAttempts + (ulong)attempt);
                    column.Generator!.Fill(data[c], i, 1, firstRow + i, ref random);
                    Cut(column, data[c], i, 1);
                }
                foreach (int c in plan.FormulaOrder) if (data[c].Validity.IsValid(i)) Compute(plan, data, c, i, isNull: false);
            }
        }
    }

    private static string Describe(TablePlan plan, CheckPlan check) => string.Join(", ", check.Redraw.Select(c =>
    {
        var column = plan.Columns[c];
        string range = column.Generator?.Range is var (low, high) && column.Kind == ColumnKind.Number ? $", values {low:G6} to {high:G6}" : "";
        return $"{column.Name} ({column.Spec.Generator!.Kind}{range})";
    }));
}
