using Doppel.Data;
using Doppel.Sampling;
using Doppel.Synthesizers.Trees;

namespace Doppel.Sequences;

/// <summary>
/// The real steps a continuation starts from (<c>--extend</c>): per entity its last two real steps (rows of
/// <see cref="Steps"/>, −1 for none) and how many it has.
/// </summary>
/// <param name="Steps">The real sequence table (its order and own columns).</param>
/// <param name="Last">Per entity, its last step's row.</param>
/// <param name="BeforeLast">Per entity, the step before it.</param>
/// <param name="Offset">Per entity, its real sequence length (the index of the first generated step).</param>
internal sealed record SequenceHistory(Table Steps, int[] Last, int[] BeforeLast, int[] Offset);

/// <summary>
/// Generates sequences step by step: step k for every entity at once (in batches, in parallel), the first step from
/// the first-step model given the context, each later one from the next-step model given also the two steps before,
/// the order advanced on its grid or by a drawn gap, and the rules across steps kept. Linear in rows; each batch of
/// each step reads only its own streams, so the output is byte-identical for any thread count.
/// </summary>
internal static class SequenceSampler
{
    private const int BatchSize = 8192;

    /// <summary>Most redraws of a step that breaks a state machine before the most frequent allowed transition is taken.</summary>
    private const int Redraws = 8;

    /// <summary>The generated rows (order and own columns), entity after entity in step order, and each row's entity.</summary>
    public sealed record Result(Table Values, int[] EntityOfRow);

    /// <param name="plan">The sequence plan.</param>
    /// <param name="context">Per entity, its context columns (named as <see cref="SequencePlan.Context"/>).</param>
    /// <param name="steps">Per entity, how many steps to generate.</param>
    /// <param name="history">Real steps to continue from, or null for new sequences.</param>
    /// <param name="seed">The table's seed.</param>
    /// <param name="threads">Worker threads (null: all cores).</param>
    public static Result Sample(SequencePlan plan, Table context, int[] steps, SequenceHistory? history, ulong seed, int? threads)
    {
        int entities = steps.Length;
        var first = (TreeGenerator)plan.FirstModel.Generator;
        var next = plan.NextModel?.Generator as TreeGenerator;
        int[] offset = history?.Offset ?? new int[entities];
        var total = new double[entities];
        for (int e = 0; e < entities; e++) total[e] = offset[e] + steps[e];
        string[] output = [plan.Order, .. plan.Columns];
        var empty = StepGenerator.Run(first, Given(plan, context, [], total, []), Derived(plan, first, null), new Dictionary<string, StepGenerator.Repair>(), 0, 0, seed);
        var like = output.ToDictionary(n => n, n => empty[n], StringComparer.Ordinal);
        string[] lagged = next is null ? [] : [.. plan.NextModel!.Metadata.Columns.Select(c => c.Name).Where(n => n.StartsWith("@prev.", StringComparison.Ordinal)).Select(n => n["@prev.".Length..])];

        var none = Enumerable.Repeat(-1, entities).ToArray();
        var frames = new List<(Table? Table, int[] RowOf)> { (history?.Steps, history?.BeforeLast ?? none), (history?.Steps, history?.Last ?? none) };
        var stepTables = new List<Table>();
        int longest = steps.Length == 0 ? 0 : steps.Max();
        long firstRow = 0; // rows drawn before step k, kept as a running total (a sum over the steps is quadratic in length)
        for (int k = 0; k < longest; k++)
        {
            ulong stepSeed = new RandomStream(seed, 0x5E00_0000UL + (ulong)k).NextUInt64();
            var active = Enumerable.Range(0, entities).Where(e => k < steps[e]).ToList();
            var starting = active.Where(e => offset[e] + k == 0 || next is null).ToArray();
            var continuing = active.Where(e => offset[e] + k > 0 && next is not null).ToArray();
            var jobs = new List<(bool Next, int[] Entities)>();
            foreach (var (group, isNext) in new[] { (starting, false), (continuing, true) })
                for (int at = 0; at < group.Length; at += BatchSize) jobs.Add((isNext, group[at..Math.Min(group.Length, at + BatchSize)]));
            var parts = new Table[jobs.Count];
            int k1 = k;
            long rowsBefore = firstRow;
            var starts = new long[jobs.Count];
            for (int j = 1; j < jobs.Count; j++) starts[j] = starts[j - 1] + jobs[j - 1].Entities.Length;
            Parallelism.For(0, jobs.Count, j =>
            {
                var (isNext, ents) = jobs[j];
                var index = ents.Select(e => (double)(offset[e] + k1)).ToArray();
                if (!isNext)
                {
                    var drawn = StepGenerator.Run(first, Given(plan, context, ents, total, index), Derived(plan, first, null), new Dictionary<string, StepGenerator.Repair>(), j, rowsBefore + starts[j], stepSeed);
                    parts[j] = new Table([.. output.Select(n => drawn[n])], ents.Length);
                    if (ents.Any(e => offset[e] + k1 > 0)) parts[j] = Advanced(plan, parts[j], frames, ents, k1, gap: null);
                    if (plan.StartOrders.Length > 0) parts[j] = Started(plan, parts[j], ents, offset, k1, seed);
                    if (plan.Calendar is { TicksPerOrder: not null } line)
                    {
                        // A first step's calendar is the time its order stands for, as in every real row.
                        var fromOrder = line.FromOrder(StepColumns.Numbers(parts[j][plan.Order]), like);
                        parts[j] = new Table([.. parts[j].Columns.Select(c => fromOrder.TryGetValue(c.Name, out var part) ? part : c)], ents.Length);
                    }
                    return;
                }
                var given = Given(plan, context, ents, total, index);
                var lags = Lags(plan, lagged, frames, ents, k1, like);
                var prevOrder = StepColumns.Numbers(lags[StepColumns.Lag(plan.Order, 1)]);
                var columns = new List<Column>(given.Columns);
                columns.AddRange(lags.Values);
                if (plan.Grid is { } grid)
                {
                    var order = prevOrder.Select(p => SequenceInterval.Advance(p, grid, plan.GridMonths)).ToArray();
                    foreach (string s in plan.Seasonal) columns.Add(StepColumns.CalendarColumn(s, order));
                }
                var table = new Table(columns, ents.Length);
                var derived = Derived(plan, next!, prevOrder);
                if (plan.Calendar is { } calendar)
                {
                    // The time the step before spells, plus the step: every part at once, before any tree reads one.
                    var before = calendar.Columns.ToDictionary(c => c, c => lags[StepColumns.Lag(c, 1)], StringComparer.Ordinal);
                    var parts = calendar.Next(before, like, ents.Length);
                    foreach (var (name, column) in parts) derived[name] = _ => column;
                }
                var drawnNext = StepGenerator.Run(next!, table, derived, Repairs(plan, next!, lags), j, rowsBefore + starts[j], stepSeed);
                var result = new Table([.. output.Select(n => n == plan.Order ? StepColumns.Empty(like[n], ents.Length, n) : drawnNext[n])], ents.Length);
                parts[j] = Advanced(plan, result, frames, ents, k1, plan.Grid is null ? StepColumns.Numbers(drawnNext[StepColumns.Gap]) : null);
            }, threads);
            var step = StepConcat.Concat(parts, output, like);
            var rowOf = (int[])none.Clone();
            int position = 0;
            foreach (var job in jobs) foreach (int e in job.Entities) rowOf[e] = position++;
            frames.Add((step, rowOf));
            stepTables.Add(step);
            firstRow += step.RowCount;
        }
        var all = StepConcat.Concat(stepTables, output, like);
        var rows = new List<int>();
        var entityOfRow = new List<int>();
        var stepStart = new int[stepTables.Count];
        for (int k = 1; k < stepStart.Length; k++) stepStart[k] = stepStart[k - 1] + stepTables[k - 1].RowCount;
        for (int e = 0; e < entities; e++)
            for (int k = 0; k < steps[e]; k++) { rows.Add(stepStart[k] + frames[k + 2].RowOf[e]); entityOfRow.Add(e); }
        return new Result(TableRows.Select(all, rows), [.. entityOfRow]);
    }

    /// <summary>A new series' first order value: one where real series start, with their shares (entity e's own stream, so any batching gives the same).</summary>
    private static Table Started(SequencePlan plan, Table step, int[] ents, int[] offset, int k, ulong seed)
    {
        if (k != 0) return step;
        var order = StepColumns.Numbers(step[plan.Order]);
        for (int i = 0; i < ents.Length; i++)
        {
            if (offset[ents[i]] != 0) continue;
            double u = new RandomStream(seed, 0x5E_3000_0000UL + (ulong)ents[i]).NextDouble(), total = 0;
            for (int p = 0; p < plan.StartOrders.Length; p++)
                if (u < (total += plan.StartShares[p])) { order[i] = plan.StartOrders[p]; break; }
        }
        Column column = plan.OrderIsDate ? new DateTimeColumn(plan.Order, [.. order.Select(o => (long)o)]) : new NumberColumn(plan.Order, order);
        return new Table([.. step.Columns.Select(c => c.Name == plan.Order ? column : c)], step.RowCount);
    }

    /// <summary>Context, sequence length and step index of the given entities.</summary>
    private static Table Given(SequencePlan plan, Table context, int[] ents, double[] total, double[] index)
    {
        var columns = new List<Column>();
        foreach (string name in plan.Context) columns.Add(StepColumns.Pick(context[name], ents, name));
        columns.Add(new NumberColumn(StepColumns.Length, [.. ents.Select(e => total[e])]));
        columns.Add(new NumberColumn(StepColumns.Index, index));
        columns.Add(new NumberColumn(StepColumns.Remaining, [.. ents.Select((e, i) => total[e] - index[i] - 1)]));
        return new Table(columns, ents.Length);
    }

    /// <summary>Every lagged column at lags 1 and 2, from the steps before (generated or real).</summary>
    private static Dictionary<string, Column> Lags(SequencePlan plan, string[] lagged, List<(Table? Table, int[] RowOf)> frames, int[] ents, int k, Dictionary<string, Column> like)
    {
        var lags = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (int lag in StepColumns.Lags)
        {
            var (table, rowOf) = frames[k + 2 - lag];
            var rows = ents.Select(e => rowOf[e]).ToArray();
            foreach (string name in lagged)
                lags[StepColumns.Lag(name, lag)] = table is null ? StepColumns.Empty(like[name], ents.Length, StepColumns.Lag(name, lag)) : StepColumns.Pick(table[name], rows, StepColumns.Lag(name, lag));
        }
        return lags;
    }

    /// <summary>Calendar features computed from the order as drawn (first step) or as advanced by the drawn gap.</summary>
    private static Dictionary<string, StepGenerator.Derive> Derived(SequencePlan plan, TreeGenerator trees, double[]? prevOrder)
    {
        var derived = new Dictionary<string, StepGenerator.Derive>(StringComparer.Ordinal);
        if (plan.Seasonal.Length == 0 || prevOrder is not null && plan.Grid is not null) return derived;
        int source = Array.FindIndex(trees.Columns, c => c.Name == (prevOrder is null ? plan.Order : StepColumns.Gap));
        foreach (string name in plan.Seasonal)
            derived[name] = values => StepColumns.CalendarColumn(name, prevOrder is null ? values[source]! : Advance(plan, prevOrder, values[source]!));
        return derived;
    }

    /// <summary>The order after a drawn gap: ties only where the real data has them, else strictly increasing.</summary>
    private static double[] Advance(SequencePlan plan, double[] prevOrder, double[] gaps)
    {
        var order = new double[prevOrder.Length];
        for (int i = 0; i < order.Length; i++)
        {
            double gap = gaps[i];
            if (double.IsNaN(gap) || gap < 0 || gap == 0 && !plan.Ties) gap = double.IsNaN(gap) || !plan.Ties ? plan.MinGap : 0;
            order[i] = prevOrder[i] + gap;
        }
        return order;
    }

    /// <summary>The step's order column: the previous step's order advanced on the grid, by the drawn gap, or by the smallest real gap.</summary>
    private static Table Advanced(SequencePlan plan, Table step, List<(Table? Table, int[] RowOf)> frames, int[] ents, int k, double[]? gap)
    {
        var (table, rowOf) = frames[k + 1];
        if (table is null) return step;
        var prev = StepColumns.Numbers(StepColumns.Pick(table![plan.Order], [.. ents.Select(e => rowOf[e])], plan.Order));
        var drawn = StepColumns.Numbers(step[plan.Order]);
        var order = plan.Grid is { } grid && gap is null && plan.NextModel is not null
            ? prev.Select(p => SequenceInterval.Advance(p, grid, plan.GridMonths)).ToArray()
            : Advance(plan, prev, gap ?? new double[prev.Length].Select(_ => double.NaN).ToArray());
        for (int i = 0; i < order.Length; i++) if (double.IsNaN(prev[i])) order[i] = drawn[i]; // a first step keeps its drawn order
        Column column = plan.OrderIsDate ? new DateTimeColumn(plan.Order, [.. order.Select(o => (long)o)]) : new NumberColumn(plan.Order, order);
        return new Table([.. step.Columns.Select(c => c.Name == plan.Order ? column : c)], step.RowCount);
    }

    /// <summary>Running totals never fall below the step before; a clock takes the value that always follows the step before; a state machine's unseen transitions are drawn again, then replaced by the most frequent allowed one.</summary>
    private static Dictionary<string, StepGenerator.Repair> Repairs(SequencePlan plan, TreeGenerator trees, Dictionary<string, Column> lags)
    {
        var repairs = new Dictionary<string, StepGenerator.Repair>(StringComparer.Ordinal);
        for (int s = 0; s < plan.Smooth.Length; s++)
        {
            string name = plan.Smooth[s];
            int decimals = s < plan.SmoothDecimals.Length ? plan.SmoothDecimals[s] : -1;
            // A smooth column's step is its change: the value is the step before's plus the drawn change, pulled a little
            // towards its own level draw (which stands alone where either is missing), rounded and bounded as the column's tree would.
            if (!lags.TryGetValue(StepColumns.Lag(name, 1), out var lag) || trees.Columns.FirstOrDefault(c => c.Name == name) is not NumericTreeColumn tree) continue;
            var prev = StepColumns.Numbers(lag);
            repairs[name] = (drawn, codes, _, earlier) =>
            {
                if (drawn is not NumberColumn numbers || earlier(StepColumns.Delta(name)) is not { } change) return drawn;
                for (int i = 0; i < prev.Length; i++)
                {
                    if (numbers.IsNull(i) || double.IsNaN(prev[i]) || double.IsNaN(change[i])) continue;
                    double walk = prev[i] + change[i];
                    double value = NumericTreeColumn.Finish(walk + SequencePlan.Pull * (numbers.Values[i] - walk), tree.Min, tree.Max, 0, tree.Integer, tree.Decimals);
                    numbers.Values[i] = codes[i] = tree.Integer ? value : Math.Round(value, decimals >= 0 ? decimals : 10);
                }
                return drawn;
            };
        }
        foreach (string name in plan.Monotone)
        {
            if (!lags.TryGetValue(StepColumns.Lag(name, 1), out var lag)) continue;
            var prev = StepColumns.Numbers(lag);
            repairs[name] = (drawn, codes, _, _) =>
            {
                if (drawn is not NumberColumn numbers) return drawn;
                for (int i = 0; i < prev.Length; i++)
                    if (!numbers.IsNull(i) && !double.IsNaN(prev[i]) && numbers.Values[i] < prev[i]) numbers.Values[i] = codes[i] = prev[i];
                return drawn;
            };
        }
        foreach (var clock in plan.Clocks)
        {
            if (!lags.TryGetValue(StepColumns.Lag(clock.Column, 1), out var lag)) continue;
            var prev = StepColumns.Numbers(lag);
            repairs[clock.Column] = (drawn, codes, _, _) =>
            {
                if (drawn is not NumberColumn numbers) return drawn;
                for (int i = 0; i < prev.Length; i++)
                    if (!numbers.IsNull(i) && !double.IsNaN(prev[i]) && clock.After(prev[i]) is var after && !double.IsNaN(after)) numbers.Values[i] = codes[i] = after;
                return drawn;
            };
        }
        foreach (var rule in plan.Transitions)
        {
            if (!lags.TryGetValue(StepColumns.Lag(rule.Column, 1), out var lag) || lag is not CategoryColumn before) continue;
            repairs[rule.Column] = (drawn, codes, redraw, _) =>
            {
                if (drawn is not CategoryColumn now) return drawn;
                bool Allowed(CategoryColumn column, int i) =>
                    before.IsNull(i) || column.IsNull(i) || !rule.Next.TryGetValue(before.Categories[before.Codes[i]], out var next) || next.Contains(column.Categories[column.Codes[i]]);
                var broken = Enumerable.Range(0, now.Length).Where(i => !Allowed(now, i)).ToList();
                for (int attempt = 1; attempt <= Redraws && broken.Count > 0; attempt++)
                {
                    var (again, againCodes) = redraw(attempt);
                    if (again is not CategoryColumn other || !other.Categories.SequenceEqual(now.Categories)) break;
                    broken.RemoveAll(i =>
                    {
                        if (!Allowed(other, i)) return false;
                        now.Codes[i] = other.Codes[i];
                        codes[i] = againCodes[i];
                        return true;
                    });
                }
                foreach (int i in broken)
                {
                    // The most frequent allowed value the model can write (a declared one may be too rare to be among them).
                    int code = rule.Next[before.Categories[before.Codes[i]]].Select(v => Array.IndexOf(now.Categories, v)).FirstOrDefault(c => c >= 0, -1);
                    if (code < 0) continue;
                    now.Codes[i] = code;
                    codes[i] = code;
                }
                return now;
            };
        }
        return repairs;
    }
}
