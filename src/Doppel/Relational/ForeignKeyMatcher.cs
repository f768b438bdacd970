using Doppel.Sampling;

namespace Doppel.Relational;

/// <summary>
/// Points the rows of a child table at generated parent rows for a link that is not the child's context: each parent
/// row offers as many slots as its generated children count, slots are dealt at random, so the children per parent
/// follow the cardinality model and stay within the real bounds where the slots suffice.
/// </summary>
internal static class ForeignKeyMatcher
{
    /// <summary>Per child row, its parent row (−1 for null).</summary>
    /// <param name="children">Child rows.</param>
    /// <param name="slots">Per parent row, its generated children count.</param>
    /// <param name="min">Fewest children a real parent had.</param>
    /// <param name="max">Most children a real parent had.</param>
    /// <param name="nullShare">Share of real child rows whose foreign key is null.</param>
    /// <param name="group">Per child row, a group in which no two rows may share a parent (the rest of a composite key), or null.</param>
    /// <param name="random">The link's stream.</param>
    /// <param name="distance">How far child row c's drawn parent columns are from parent row p's (0 = same), or null to deal at random.</param>
    public static int[] Assign(int children, int[] slots, int min, int max, double nullShare, int[]? group, ref RandomStream random, Func<int, int, double>? distance = null)
    {
        int parents = slots.Length;
        var result = new int[children];
        if (parents == 0)
        {
            if (children > 0 && nullShare <= 0) throw new DoppelException(ErrorKind.Unsatisfiable, "A foreign key needs parent rows, but its parent table was sampled with none. Sample more rows of it.");
            Array.Fill(result, -1);
            return result;
        }
        // Slots are taken from the end: first every parent's share up to the real minimum, then the rest, so that
        // when the children are fewer than the slots (a parent table sized up on its own) no parent falls below it.
        var extra = new List<int>();
        var required = new List<int>();
        for (int p = 0; p < parents; p++)
            for (int k = 0; k < slots[p]; k++) (k < min ? required : extra).Add(p);
        Shuffle(extra, ref random);
        Shuffle(required, ref random);
        var assigned = new int[parents];
        var used = group is null ? null : new HashSet<long>();
        for (int c = 0; c < children; c++)
        {
            if (nullShare > 0 && random.NextDouble() < nullShare) { result[c] = -1; continue; }
            // A free slot is preferred over any fallback, so parents reach their drawn counts (and the real minimum);
            // among a few candidate slots, the parent closest on the drawn columns.
            int chosen = Take(required.Count > 0 ? required : extra, c, ref random);
            if (chosen < 0 && required.Count > 0) chosen = Take(extra, c, ref random);
            for (int attempt = 0; chosen < 0 && attempt < 64; attempt++)
            {
                int p = random.NextInt(parents);
                if (assigned[p] < Math.Max(1, max) && Free(p, c)) chosen = p;
            }
            for (int p = 0; chosen < 0 && p < parents; p++) if (Free(p, c)) chosen = p;
            if (chosen < 0)
                throw new DoppelException(ErrorKind.Unsatisfiable, $"A composite key needs more distinct parent rows ({children}) than were sampled ({parents}). Sample more rows of the parent table.");
            result[c] = chosen;
            assigned[chosen]++;
            if (used is not null) used.Add(((long)group![c] << 32) | (uint)chosen);
        }
        Repair(result, assigned, min, max, used, group);
        return result;

        bool Free(int p, int c) => used is null || !used.Contains(((long)group![c] << 32) | (uint)p);

        int Take(List<int> pool, int c, ref RandomStream random)
        {
            int best = -1;
            double bestDistance = double.PositiveInfinity;
            int candidates = distance is null ? 1 : Candidates;
            for (int k = 0; k < candidates && k < pool.Count; k++)
            {
                int at = pool.Count - 1 - k;
                if (!Free(pool[at], c)) continue;
                double d = distance?.Invoke(c, pool[at]) ?? 0;
                if (d < bestDistance) (best, bestDistance) = (at, d);
                if (d == 0) break;
            }
            for (int at = pool.Count - 1 - candidates; best < 0 && at >= 0; at--) if (Free(pool[at], c)) best = at;
            if (best < 0) return -1;
            int parent = pool[best];
            pool[best] = pool[^1];
            pool.RemoveAt(pool.Count - 1);
            // The slots looked at and passed over go back to random places, so the next row sees others.
            if (distance is not null && pool.Count > 1)
            {
                int swap = random.NextInt(pool.Count);
                (pool[^1], pool[swap]) = (pool[swap], pool[^1]);
            }
            return parent;
        }
    }

    /// <summary>Slots looked at per child row when matching on drawn parent columns.</summary>
    private const int Candidates = 32;

    /// <summary>
    /// Moves children so every parent ends within the real [min, max] where the rows allow: when composite keys
    /// forced a fallback, a parent may have been left short or given too many.
    /// </summary>
    private static void Repair(int[] parentOf, int[] assigned, int min, int max, HashSet<long>? used, int[]? group)
    {
        int upper = Math.Max(1, max);
        for (int p = 0; p < assigned.Length; p++)
        {
            for (int c = 0; assigned[p] < min && c < parentOf.Length; c++)
            {
                int q = parentOf[c];
                if (q < 0 || q == p || assigned[q] <= min || !Free(p, c)) continue;
                Move(c, q, p);
            }
            for (int c = 0; assigned[p] > upper && c < parentOf.Length; c++)
            {
                if (parentOf[c] != p) continue;
                for (int q = 0; q < assigned.Length; q++)
                    if (q != p && assigned[q] < upper && Free(q, c)) { Move(c, p, q); break; }
            }
        }

        bool Free(int p, int c) => used is null || !used.Contains(((long)group![c] << 32) | (uint)p);

        void Move(int c, int from, int to)
        {
            parentOf[c] = to;
            assigned[from]--;
            assigned[to]++;
            if (used is null) return;
            used.Remove(((long)group![c] << 32) | (uint)from);
            used.Add(((long)group[c] << 32) | (uint)to);
        }
    }

    private static void Shuffle(List<int> list, ref RandomStream random)
    {
        for (int i = list.Count - 1; i > 0; i--) { int j = random.NextInt(i + 1); (list[i], list[j]) = (list[j], list[i]); }
    }

    /// <summary>
    /// Per row of a table pointing at itself, its parent row (−1 for the top of a hierarchy): a forest, so never a
    /// cycle. Rows are ordered by their generated children count (most first); each takes a free slot of a row
    /// before it, so every parent precedes its children.
    /// </summary>
    public static int[] Forest(int[] slots, int max, double nullShare, ref RandomStream random)
    {
        int n = slots.Length;
        var result = new int[n];
        var tie = new double[n];
        for (int i = 0; i < n; i++) tie[i] = random.NextDouble();
        var order = Enumerable.Range(0, n).OrderByDescending(i => slots[i]).ThenBy(i => tie[i]).ToArray();
        int roots = n == 0 ? 0 : Math.Clamp((int)Math.Round(nullShare * n), 1, n);
        var pool = new List<int>();
        var assigned = new int[n];
        for (int j = 0; j < n; j++)
        {
            int row = order[j];
            if (j < roots) result[row] = -1;
            else
            {
                int parent;
                if (pool.Count > 0)
                {
                    int at = random.NextInt(pool.Count);
                    parent = pool[at];
                    pool[at] = pool[^1];
                    pool.RemoveAt(pool.Count - 1);
                }
                else
                {
                    // No free slot before this row: the earlier row with the fewest children takes it.
                    parent = order[0];
                    for (int k = 0; k < j; k++) if (assigned[order[k]] < assigned[parent]) parent = order[k];
                }
                result[row] = parent;
                assigned[parent]++;
            }
            for (int k = 0; k < Math.Min(slots[row], Math.Max(1, max)); k++) pool.Add(row);
        }
        return result;
    }
}
