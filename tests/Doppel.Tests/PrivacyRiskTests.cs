using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Tests;

public class PrivacyRiskTests
{
    private static readonly DateTime Day0 = new(2020, 1, 1);

    /// <summary>
    /// Training rows (x numerical, range 10; z numerical, range 0; c categorical; b boolean; d datetime, range 10 days;
    /// id left out):
    ///   r0: x 0,    z 5,    c a,    b true,  d +0
    ///   r1: x 10,   z 5,    c b,    b false, d +10
    ///   r2: x null, z null, c null, b true,  d +5
    /// Synthetic rows, with another category dictionary:
    ///   s0: x 2.5,  z 5,    c a,    b true,  d +0
    ///   s1: x null, z null, c null, b false, d +8
    ///   s2: x 25,   z 6,    c c,    b null,  d +20
    ///   s3: x 7.5,  z 5,    c b,    b false, d +10
    ///   s4: copy of r2
    /// </summary>
    private static (Table Train, Table Holdout, Table Synthetic, TableMetadata Metadata) Tiny()
    {
        var meta = new TableMetadata("tiny",
        [
            new ColumnMetadata("id", SemanticType.Id),
            new ColumnMetadata("x", SemanticType.Numerical),
            new ColumnMetadata("z", SemanticType.Numerical),
            new ColumnMetadata("c", SemanticType.Categorical),
            new ColumnMetadata("b", SemanticType.Boolean),
            new ColumnMetadata("d", SemanticType.Datetime),
        ], "id");
        var train = Make(["1", "2", "3"], [0, 10, null], [5, 5, null], ["a", "b", null], [true, false, true], [0, 10, 5]);
        var holdout = Make(["4"], [5], [5], ["a"], [true], [0]);
        var synthetic = Make(["9", "8", "7", "6", "5"], [2.5, null, 25, 7.5, null], [5, null, 6, 5, null],
            ["a", null, "c", "b", null], [true, false, null, false, true], [0, 8, 20, 10, 5]);
        return (train, holdout, synthetic, meta);

        static Table Make(string[] ids, double?[] x, double?[] z, string?[] c, bool?[] b, int?[] d)
        {
            // Categories listed in reverse order of appearance, so every table has its own dictionary.
            var labels = c.Where(v => v is not null).Distinct().Reverse().Cast<string>().ToArray();
            return new Table(
            [
                new StringColumn("id", ids),
                new NumberColumn("x", [.. x.Select(v => v ?? 0)], ValidityOf(x)),
                new NumberColumn("z", [.. z.Select(v => v ?? 0)], ValidityOf(z)),
                new CategoryColumn("c", [.. c.Select(v => v is null ? 0 : Array.IndexOf(labels, v))], labels, ValidityOf(c)),
                new BooleanColumn("b", [.. b.Select(v => v ?? false)], ValidityOf(b)),
                new DateTimeColumn("d", [.. d.Select(v => Day0.AddDays(v ?? 0).Ticks)], ValidityOf(d)),
            ]);
        }
    }

    private static Validity ValidityOf<T>(T[] values)
    {
        var validity = new Validity(values.Length);
        for (int i = 0; i < values.Length; i++) if (values[i] is null) validity.Set(i, false);
        return validity;
    }

    [Fact]
    public void Distance_TinyTable_MatchesHandComputation()
    {
        var (train, holdout, synthetic, meta) = Tiny();
        var columns = meta.Columns.Where(c => c.Type != SemanticType.Id).ToArray();
        var encoding = PrivacyEncoding.Create(train, holdout, synthetic, columns);
        // Terms per column (x, z, c, b, d), then the mean over the 5 columns.
        double[,] expected =
        {
            // r0                          r1                          r2
            { (0.25 + 0 + 0 + 0 + 0) / 5,  (0.75 + 0 + 1 + 1 + 1) / 5, (1 + 1 + 1 + 0 + 0.5) / 5 }, // s0
            { (1 + 1 + 1 + 1 + 0.8) / 5,   (1 + 1 + 1 + 0 + 0.2) / 5,   (0 + 0 + 0 + 1 + 0.3) / 5 }, // s1: null vs null is 0
            { (1 + 1 + 1 + 1 + 1) / 5,     (1 + 1 + 1 + 1 + 1) / 5,     (1 + 1 + 1 + 1 + 1) / 5 },   // s2: x capped, z zero range
            { (0.75 + 0 + 1 + 1 + 1) / 5,  (0.25 + 0 + 0 + 0 + 0) / 5,  (1 + 1 + 1 + 1 + 0.5) / 5 }, // s3
            { (1 + 1 + 1 + 0 + 0.5) / 5,   (1 + 1 + 1 + 1 + 0.5) / 5,   0 },                         // s4 = r2
        };
        for (int s = 0; s < 5; s++)
            for (int r = 0; r < 3; r++)
                Assert.Equal(expected[s, r], encoding.Distance(PrivacyPart.Synthetic, s, PrivacyPart.Train, r), 6);
        // Holdout row (5, 5, a, true, +0) against r0: x 0.5, rest 0.
        Assert.Equal(0.5 / 5, encoding.Distance(PrivacyPart.Holdout, 0, PrivacyPart.Train, 0), 6);
    }

    [Fact]
    public void Compute_TinyTable_MediansAndNndrMatchHandComputation()
    {
        var (train, holdout, synthetic, meta) = Tiny();
        var result = PrivacyRisk.Compute(train, holdout, synthetic, meta);
        // Nearest training distances: s0 0.05, s1 0.26, s2 1, s3 0.05, s4 0 → median 0.05.
        Assert.Equal(0.05, result.MedianDcr, 6);
        Assert.Equal(0.1, result.HoldoutMedianDcr, 6);
        // Nearest / second nearest: s0 0.05/0.7, s1 0.26/0.44, s2 1/1, s3 0.05/0.75, s4 0/0.7.
        double[] nndr = [0, 0.05 / 0.75, 0.05 / 0.7, 0.26 / 0.44, 1];
        Assert.Equal(nndr[2], result.NndrMedian, 6);
        Assert.Equal(0.2 * nndr[1], result.NndrP5, 6); // position 0.05 · 4 = 0.2 between the two smallest
        Assert.Equal(0.2, result.IdenticalMatchShare, 12); // s4: nulls equal nulls
        Assert.Equal(0, result.HoldoutIdenticalMatchShare, 12);
        Assert.Equal(1, result.ComparedRows);
        Assert.Equal(5, result.QueryRows);
    }

    [Fact]
    public void InferenceGuess_TinyTable_FollowsToleranceRules()
    {
        var (train, holdout, synthetic, meta) = Tiny();
        var encoding = PrivacyEncoding.Create(train, holdout, synthetic, [.. meta.Columns.Where(c => c.Type != SemanticType.Id)]);
        const int x = 0, c = 2, d = 4;
        bool Right(int guess, int target, int secret, double tolerance) =>
            InferenceAttack.IsRight(encoding, PrivacyPart.Synthetic, guess, PrivacyPart.Train, target, secret, tolerance);
        // Numbers: within tolerance · |secret| (7.5 against 10 is 2.5 away).
        Assert.False(Right(3, 1, x, 0.2));
        Assert.True(Right(3, 1, x, 0.25));
        Assert.False(Right(0, 0, x, 0.05)); // 2.5 against 0: only an exact 0 is right
        // Datetimes: within tolerance · training range (day +8 against day +10, range 10 days).
        Assert.False(Right(1, 1, d, 0.05));
        Assert.True(Right(1, 1, d, 0.2));
        // Nulls equal nulls only; categories compare by text across dictionaries.
        Assert.True(Right(1, 2, x, 0.05));
        Assert.False(Right(4, 0, x, 0.05));
        Assert.True(Right(0, 0, c, 0));
        Assert.False(Right(0, 1, c, 0));
    }

    [Fact]
    public void Compute_UnknownInferenceSecret_ThrowsUsage()
    {
        var (train, meta) = RealisticData.Make(50);
        var e = Assert.Throws<DoppelException>(() => PrivacyRisk.Compute(train, train, train, meta, new PrivacyRiskOptions { InferenceSecret = "mail" }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("'mail'", e.Message);
    }

    [Fact]
    public void Compute_CopyOfTrainingSameSize_ImsAndDcrShareAreOne()
    {
        var (train, meta) = RealisticData.Make(800, seed: 21);
        var (holdout, _) = RealisticData.Make(800, seed: 22);
        var result = PrivacyRisk.Compute(train, holdout, train, meta);
        Assert.Equal(1, result.IdenticalMatchShare, 12);
        Assert.Equal(0, result.HoldoutIdenticalMatchShare, 12); // so no holdout row ties with the copied row
        Assert.Equal(1, result.DcrShare, 12);
        Assert.Equal(0, result.MedianDcr, 12);
        Assert.True(result.HoldoutMedianDcr > 0);
        Assert.Equal(0, result.NndrMedian, 12);
    }

    [Fact]
    public void Compute_CopyWhenTrainingIsCut_DcrShareIsHalfPlusHalfOfNOverN()
    {
        // Every value is unique: a copied row is at distance 0 from itself and 1 from every other row. The n = 4 rows
        // left in the cut training set score 1; the other 6 are at 1 from both sets, a tie worth ½.
        // Share = (4 + 6 · ½) / 10 = ½ + ½ · 4/10 = 0.7.
        var meta = new TableMetadata("t", [new ColumnMetadata("c", SemanticType.Categorical)]);
        var train = Labels(Enumerable.Range(0, 10).Select(i => $"t{i}"));
        var holdout = Labels(Enumerable.Range(0, 4).Select(i => $"h{i}"));
        var result = PrivacyRisk.Compute(train, holdout, train, meta);
        Assert.Equal(4, result.ComparedRows);
        Assert.Equal(0.5 + 0.5 * 4 / 10.0, result.DcrShare, 12);
        Assert.Equal(1, result.IdenticalMatchShare, 12);
        Assert.True(double.IsNaN(result.Linkability.Risk)); // one column: nothing to link or infer from
        Assert.True(double.IsNaN(result.Inference.Risk));

        static Table Labels(IEnumerable<string> values)
        {
            var labels = values.ToArray();
            return new Table([new CategoryColumn("c", [.. Enumerable.Range(0, labels.Length)], labels)]);
        }
    }

    [Fact]
    public void Compute_ThreeDisjointSplits_DcrShareIsNearHalf()
    {
        const int n = 1_500;
        var (train, meta) = RealisticData.Make(n, seed: 31);
        var (holdout, _) = RealisticData.Make(n, seed: 32);
        var (third, _) = RealisticData.Make(n, seed: 33);
        var result = PrivacyRisk.Compute(train, holdout, third, meta);
        Assert.Equal(n, result.QueryRows);
        Assert.InRange(result.DcrShare, 0.5 - 4 * Math.Sqrt(0.25 / n), 0.5 + 4 * Math.Sqrt(0.25 / n));
    }

    [Fact]
    public void Compute_ThreeDisjointSplitsOfDiscreteData_ImsMatchesHoldoutBaseline()
    {
        const int n = 1_500;
        var (train, meta) = Discrete(n, 1);
        var (holdout, _) = Discrete(n, 2);
        var (third, _) = Discrete(n, 3);
        var result = PrivacyRisk.Compute(train, holdout, third, meta);
        double p = result.HoldoutIdenticalMatchShare;
        Assert.InRange(p, 0.2, 0.9); // the data is discrete enough for matches to happen, not so much that all match
        // Given the training set, both shares are means of n independent Bernoulli(p) draws.
        Assert.InRange(result.IdenticalMatchShare - p, -4 * Math.Sqrt(2 * p * (1 - p) / n), 4 * Math.Sqrt(2 * p * (1 - p) / n));
        Assert.InRange(result.DcrShare, 0.5 - 4 * Math.Sqrt(0.25 / n), 0.5 + 4 * Math.Sqrt(0.25 / n));
    }

    [Fact]
    public void Compute_CopiedRows_HaveClearlyHigherAttackRisksThanIndependentRows()
    {
        var (train, meta) = RealisticData.Make(1_000, seed: 41);
        var (holdout, _) = RealisticData.Make(1_000, seed: 42);
        var (independent, _) = RealisticData.Make(1_000, seed: 43);
        var copied = PrivacyRisk.Compute(train, holdout, train, meta);
        var drawn = PrivacyRisk.Compute(train, holdout, independent, meta);
        foreach (var (copy, fresh) in new[] { (copied.SinglingOut, drawn.SinglingOut), (copied.Linkability, drawn.Linkability), (copied.Inference, drawn.Inference) })
        {
            Assert.Equal(500, copy.Attacks);
            Assert.True(copy.Low > fresh.High, $"copy {copy} vs independent {fresh}");
            Assert.True(copy.Risk > 0.5, $"copy {copy}");
            Assert.True(fresh.Risk < 0.1, $"independent {fresh}");
        }
    }

    [Fact]
    public void Compute_SequentialAndParallelPaths_GiveIdenticalResults()
    {
        var (train, meta) = RealisticData.Make(1_200, seed: 51);
        var (holdout, _) = RealisticData.Make(700, seed: 52);
        var (synthetic, _) = RealisticData.Make(900, seed: 53);
        var sequential = PrivacyRisk.Compute(train, holdout, synthetic, meta, new PrivacyRiskOptions { MaxDegreeOfParallelism = 1, MaxQueryRows = 600, Attacks = 200 });
        var parallel = PrivacyRisk.Compute(train, holdout, synthetic, meta, new PrivacyRiskOptions { SequentialBelowPairs = 0, MaxQueryRows = 600, Attacks = 200 });
        Assert.Equal(sequential, parallel);
        Assert.Equal(600, parallel.QueryRows);
        Assert.Equal(600, parallel.HoldoutQueryRows);
        Assert.Equal(700, parallel.ComparedRows);
    }

    [Fact]
    public void Compute_DifferentColumns_ThrowsNamingColumnsAndTable()
    {
        var (train, meta) = RealisticData.Make(50);
        var synthetic = new Table([.. train.Columns.Where(c => c.Name != "w")]);
        var e = Assert.Throws<DoppelException>(() => PrivacyRisk.Compute(train, train, synthetic, meta));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("synthetic", e.Message);
        Assert.Contains("'w'", e.Message);
    }

    [Fact]
    public void Compute_DifferentStorage_ThrowsNamingColumn()
    {
        var (train, meta) = RealisticData.Make(50);
        var holdout = new Table([.. train.Columns.Select(c => c.Name == "c" ? new StringColumn("c", [.. Enumerable.Repeat<string?>("mid", 50)]) : c)]);
        var e = Assert.Throws<DoppelException>(() => PrivacyRisk.Compute(train, holdout, train, meta));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("'c'", e.Message);
        Assert.Contains("holdout", e.Message);
    }

    [Fact]
    public void Compute_EmptyTable_ThrowsNamingTable()
    {
        var (train, meta) = RealisticData.Make(50);
        var (empty, _) = RealisticData.Make(0);
        var e = Assert.Throws<DoppelException>(() => PrivacyRisk.Compute(train, empty, train, meta));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("holdout", e.Message);
    }

    [Fact]
    public void WilsonScore_KnownCounts_MatchesFormula()
    {
        // 40 of 100: the textbook form (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n) gives [0.3094, 0.4980].
        var (centre, half) = WilsonScore.Of(40, 100);
        double z = 1.959963984540054, p = 0.4, m = 100;
        double denominator = 1 + z * z / m;
        Assert.Equal((p + z * z / (2 * m)) / denominator, centre, 12);
        Assert.Equal(z * Math.Sqrt(p * (1 - p) / m + z * z / (4 * m * m)) / denominator, half, 12);
        Assert.Equal(0.3094, centre - half, 4);
        Assert.Equal(0.4980, centre + half, 4);
    }

    [Fact]
    public void AnonymeterRisk_FromCounts_PropagatesWilsonErrors()
    {
        var risk = AnonymeterRisk.FromCounts(300, 100, 500);
        var (a, ea) = WilsonScore.Of(300, 500);
        var (c, ec) = WilsonScore.Of(100, 500);
        double value = (a - c) / (1 - c);
        double error = Math.Sqrt(Math.Pow(ea / (1 - c), 2) + Math.Pow(ec * (a - 1) / ((1 - c) * (1 - c)), 2));
        Assert.Equal(value, risk.Risk, 12);
        Assert.Equal(value - error, risk.Low, 12);
        Assert.Equal(value + error, risk.High, 12);
        Assert.Equal(a, risk.AttackRate, 12);
        Assert.Equal(c, risk.ControlRate, 12);
        Assert.Equal(500, risk.Attacks);

        var lower = AnonymeterRisk.FromCounts(10, 50, 500); // attack below control: clipped to 0
        Assert.Equal(0, lower.Risk);
        Assert.Equal(0, lower.Low);
        Assert.InRange(lower.High, 0, 1);
    }

    /// <summary>A discrete table (a skewed and a uniform categorical, a small skewed integer, a boolean with nulls) where rows repeat.</summary>
    private static (Table Table, TableMetadata Metadata) Discrete(int n, ulong seed)
    {
        var random = new RandomStream(seed, 77);
        var a = new int[n]; var b = new int[n]; var k = new double[n]; var flag = new bool[n];
        var flagValid = new Validity(n);
        for (int i = 0; i < n; i++)
        {
            a[i] = (int)Math.Min(5, -Math.Log(random.NextOpenDouble()) * 1.5);
            b[i] = random.NextInt(8);
            k[i] = Math.Min(19, (int)(-Math.Log(random.NextOpenDouble()) * 4));
            flag[i] = random.NextDouble() < 0.3;
            if (random.NextDouble() < 0.1) flagValid.Set(i, false);
        }
        var table = new Table(
        [
            new CategoryColumn("a", a, ["a0", "a1", "a2", "a3", "a4", "a5"]),
            new CategoryColumn("b", b, ["b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7"]),
            new NumberColumn("k", k),
            new BooleanColumn("flag", flag, flagValid),
        ]);
        var meta = new TableMetadata("discrete",
        [
            new ColumnMetadata("a", SemanticType.Categorical), new ColumnMetadata("b", SemanticType.Categorical),
            new ColumnMetadata("k", SemanticType.Numerical) { Integer = true }, new ColumnMetadata("flag", SemanticType.Boolean),
        ]);
        return (table, meta);
    }
}
