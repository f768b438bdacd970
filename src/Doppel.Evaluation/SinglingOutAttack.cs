using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Evaluation;

/// <summary>
/// Anonymeter's univariate singling-out attack (Giomi et al. 2022): from the synthetic rows, build one-column
/// predicates that single out exactly one synthetic row — "is null" when one value is null, "≤ min" and "≥ max" of
/// number columns, "= v" for every value that occurs once — shuffle them, keep the first <c>attacks</c>, and count
/// how many single out exactly one row of the training set and of the control (holdout) set, both cut to the same size.
/// </summary>
internal static class SinglingOutAttack
{
    private enum Test { IsNull, AtMost, AtLeast, Equal }

    private readonly record struct Predicate(int Column, Test Test, double Number, int Code);

    /// <summary>Runs the attack; <paramref name="trainCut"/> and <paramref name="holdoutCut"/> are equally long.</summary>
    public static AnonymeterRisk Run(PrivacyEncoding encoding, int[] trainCut, int[] holdoutCut, PrivacyRiskOptions options)
    {
        var synthetic = new Counts(encoding, PrivacyPart.Synthetic, [.. Enumerable.Range(0, encoding.RowCounts[(int)PrivacyPart.Synthetic])]);
        var candidates = new List<Predicate>();
        for (int c = 0; c < encoding.Width; c++)
        {
            if (synthetic.Nulls[c] == 1) candidates.Add(new Predicate(c, Test.IsNull, 0, -1));
            if (encoding.Storage[c] == ColumnKind.Number && synthetic.Sorted[c] is { Length: > 0 } sorted)
            {
                candidates.Add(new Predicate(c, Test.AtMost, sorted[0], -1));
                candidates.Add(new Predicate(c, Test.AtLeast, sorted[^1], -1));
            }
            var perCode = synthetic.PerCode[c];
            for (int code = 0; code < perCode.Length; code++)
                if (perCode[code] == 1) candidates.Add(new Predicate(c, Test.Equal, 0, code));
        }

        var random = new RandomStream(options.Seed, RowSampling.SinglingOutOrder);
        for (int i = candidates.Count - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }
        var queries = candidates.Where(q => synthetic.Matches(q) == 1).Take(options.Attacks).ToArray();

        var training = new Counts(encoding, PrivacyPart.Train, trainCut);
        var control = new Counts(encoding, PrivacyPart.Holdout, holdoutCut);
        return AnonymeterRisk.FromCounts(queries.Count(q => training.Matches(q) == 1), queries.Count(q => control.Matches(q) == 1), queries.Length);
    }

    /// <summary>Per column of a set of rows: nulls, sorted numbers and rows per code, to count a predicate's matches.</summary>
    private sealed class Counts
    {
        public Counts(PrivacyEncoding encoding, PrivacyPart part, int[] rows)
        {
            Nulls = new int[encoding.Width];
            Sorted = new double[]?[encoding.Width];
            PerCode = new int[encoding.Width][];
            for (int c = 0; c < encoding.Width; c++)
            {
                PerCode[c] = new int[encoding.CodeCounts[c]];
                var numbers = encoding.Storage[c] == ColumnKind.Number ? new List<double>(rows.Length) : null;
                foreach (int row in rows)
                {
                    int code = encoding.Code(part, row, c);
                    if (code < 0) { Nulls[c]++; continue; }
                    PerCode[c][code]++;
                    numbers?.Add(encoding.Number(part, row, c));
                }
                if (numbers is not null)
                {
                    numbers.Sort();
                    Sorted[c] = [.. numbers];
                }
            }
        }

        public int[] Nulls { get; }

        public double[]?[] Sorted { get; }

        public int[][] PerCode { get; }

        public int Matches(Predicate q) => q.Test switch
        {
            Test.IsNull => Nulls[q.Column],
            Test.Equal => PerCode[q.Column][q.Code],
            Test.AtMost => UpperBound(Sorted[q.Column]!, q.Number),
            _ => Sorted[q.Column]!.Length - LowerBound(Sorted[q.Column]!, q.Number),
        };

        /// <summary>Number of values ≤ x.</summary>
        private static int UpperBound(double[] sorted, double x)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi) { int mid = (lo + hi) >>> 1; if (sorted[mid] <= x) lo = mid + 1; else hi = mid; }
            return lo;
        }

        /// <summary>Number of values &lt; x.</summary>
        private static int LowerBound(double[] sorted, double x)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi) { int mid = (lo + hi) >>> 1; if (sorted[mid] < x) lo = mid + 1; else hi = mid; }
            return lo;
        }
    }
}
