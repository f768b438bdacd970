using Doppel.Data;
using Doppel.Metadata;
using Doppel.Privacy.Dp;
using Doppel.Provenance;
using Doppel.Sampling;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Columns;
using Doppel.Synthesizers.Trees;

namespace Doppel.Synthesizers.Mst;

/// <summary>
/// Fits the MST synthesizer (McKenna, Miklau and Sheldon 2021): the domain (public or private), noisy one-way
/// marginals of every column, a spanning tree of column pairs chosen privately, noisy two-way marginals along it,
/// and a tree-shaped graphical model estimated from all of them. Every access to the data is charged to the
/// accountant first; what follows is post-processing.
/// </summary>
internal static class MstFitter
{
    /// <summary>The DP model's stand-in for the training data's fingerprint, which would let anyone test a guess of the data.</summary>
    public const string WithheldFingerprint = "withheld: a hash of the data is not differentially private";

    public static SynthesisModel Fit(Table data, TableMetadata metadata, SynthesizerOptions options, DifferentialPrivacyOptions dp, string name, IList<string>? warnings)
    {
        SequentialTreeFitter.CheckInput(data, metadata);
        long n = data.RowCount;
        if (!(dp.Epsilon > 0) || double.IsInfinity(dp.Epsilon))
            throw new DoppelException(ErrorKind.Usage, $"epsilon must be a positive number, not {dp.Epsilon}.");
        if (!(dp.Delta > 0) || dp.Delta >= 1.0 / n)
            throw new DoppelException(ErrorKind.Usage, $"delta must be positive and below 1/n = {1.0 / n:G3} for {n:N0} rows, not {dp.Delta:G3} (the default, {DifferentialPrivacyOptions.DefaultDelta:G1}, is).");
        var noise = dp.Noise ?? NoiseSource.Secure();
        int count = data.Columns.Count;
        var synthesized = Enumerable.Range(0, count).Where(c => metadata.Columns[c].Type is SemanticType.Categorical or SemanticType.Boolean or SemanticType.Numerical or SemanticType.Datetime).ToArray();
        foreach (int c in Enumerable.Range(0, count)) SequentialTreeFitter.CheckKind(data.Columns[c], metadata.Columns[c]);
        var text = metadata.Columns.FirstOrDefault(m => m.Type == SemanticType.Text);
        if (text is not null)
            throw new DoppelException(ErrorKind.Metadata, $"Column '{text.Name}' is free text, which the differentially private synthesizer cannot learn from; declare it categorical in the metadata or drop it.");

        // Budget: δ pays for thresholded category lists (when any is private); the rest converts to ρ.
        var privateColumns = synthesized.Where(c => !(dp.PublicDomain && metadata.Columns[c].HasDomain)).ToArray();
        // Category lists need a threshold (and its δ) unless the column holds true booleans, whose domain is its type.
        int privateCategorical = privateColumns.Count(c => DpColumnDomain.IsCategorical(metadata.Columns[c]) && data.Columns[c] is not BooleanColumn);
        double thresholdDelta = privateCategorical > 0 ? dp.Delta / 2 : 0;
        double rho = Zcdp.Rho(dp.Epsilon, dp.Delta - thresholdDelta);
        var accountant = new PrivacyAccountant(rho);
        var split = dp.Split.Effective(privateColumns.Length > 0);

        // 1. The domain of every synthesized column.
        var domains = new DpColumnDomain[synthesized.Length];
        double rhoDomain = privateColumns.Length == 0 ? 0 : split.Domain * rho / privateColumns.Length;
        if (privateColumns.Length > 0)
            accountant.Charge($"estimating the domain of {privateColumns.Length} column(s)", split.Domain * rho);
        for (int j = 0; j < synthesized.Length; j++)
        {
            int c = synthesized[j];
            var meta = metadata.Columns[c];
            var column = data.Columns[c];
            bool isPublic = dp.PublicDomain && meta.HasDomain;
            if (DpColumnDomain.IsCategorical(meta))
            {
                string[] categories = isPublic ? [.. meta.Categories!]
                    : PrivateDomain.Categories(column, rhoDomain, thresholdDelta / Math.Max(1, privateCategorical), noise);
                domains[j] = DpColumnDomain.OfCategories(c, column, categories, rareCell: !isPublic && column is not BooleanColumn, nullCell: !isPublic || meta.Nullable == true);
            }
            else
            {
                var bounds = isPublic ? (meta.Min!.Value, meta.Max!.Value) : PrivateDomain.Bounds(column, rhoDomain, noise)
                    ?? throw TooSmall(dp, $"estimating the bounds of column '{meta.Name}'", "declare its bounds public (\"min\"/\"max\" with --public-metadata)");
                bool integer = meta.Type == SemanticType.Numerical && meta.Integer;
                domains[j] = DpColumnDomain.OfNumbers(c, column, bounds.Item1, bounds.Item2, integer, nullCell: !isPublic || meta.Nullable == true);
                if (isPublic && domains[j].Clipped > 0)
                    warnings?.Add($"column '{meta.Name}': {domains[j].Clipped:N0} values lie outside its public bounds [{bounds.Item1:G}, {bounds.Item2:G}] and were clipped to them.");
            }
        }
        if (!dp.PublicDomain)
            warnings?.Add("the domain is not declared public: categories and bounds were estimated privately from the budget; the column types themselves come from the metadata, which is outside the guarantee if it was detected from this data.");

        // 2. Noisy one-way marginals on the fine cells.
        int d = synthesized.Length;
        double rhoOneWay = d == 0 ? 0 : split.OneWay * rho / d;
        double sigma1 = Math.Sqrt(DiscreteGaussian.EffectiveVariance(1 / (2 * Math.Max(rhoOneWay, 1e-300))));
        accountant.Charge($"one-way marginals of {d} column(s) (discrete Gaussian, sigma {sigma1:0.#})", split.OneWay * rho);
        var noisy = new double[d][];
        for (int j = 0; j < d; j++)
        {
            var counts = domains[j].Counts();
            noisy[j] = [.. counts.Select(x => (double)(x + DiscreteGaussian.Sample(sigma1 * sigma1, noise)))];
        }
        double total = EstimateTotal(noisy, sigma1);
        int widest = d == 0 ? 0 : noisy.Max(y => y.Length);
        // Refused when the one-way noise would drown the rows: σ·√cells > n/2. Like the δ < 1/n check, this reads the true
        // row count, but only to refuse: the curator who runs the fit sees the message, and nothing is released.
        if (d > 0 && sigma1 * Math.Sqrt(widest) > n / 2.0)
        {
            // The smallest budget that passes: σ² ≤ n² / (4·cells), i.e. ρ per column ≥ 2·cells / n².
            double needed = d * 2.0 * widest / ((double)n * n) / split.OneWay;
            double minimum = Zcdp.Epsilon(needed, dp.Delta - thresholdDelta);
            throw new DoppelException(ErrorKind.PrivacyBudget,
                $"epsilon = {dp.Epsilon:G3} is too small to measure anything: the one-way noise (deviation {sigma1:G3} per count) would drown {n:N0} rows. " +
                $"The smallest epsilon that would work here is about {minimum.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}; or use more rows or fewer columns.");
        }

        // 3. Coarse groups for the pairs (post-processing of the one-way counts).
        var groups = new CellGroups[d];
        var codes = new int[d][];
        var oneWay = new double[d][];
        var oneWayVariance = new double[d][];
        for (int j = 0; j < d; j++)
        {
            groups[j] = CellGroups.Of(domains[j], noisy[j], sigma1);
            var groupOf = groups[j].GroupOf;
            codes[j] = [.. domains[j].Codes.Select(x => groupOf[x])];
            oneWay[j] = [.. groups[j].Cells.Select(cells => cells.Sum(x => noisy[j][x]))];
            oneWayVariance[j] = [.. groups[j].Cells.Select(cells => cells.Length * sigma1 * sigma1)];
        }
        var coded = new CodedColumns(codes, [.. groups.Select(g => g.Count)], oneWay, oneWayVariance, total,
            [.. synthesized.Select(c => metadata.Columns[c].Name)], synthesized);

        // 4. The structure, chosen privately, and its marginals; then the model that best fits them all.
        int target = -1;
        if (dp.Target is { } targetName)
        {
            target = Array.FindIndex(synthesized, c => metadata.Columns[c].Name == targetName);
            if (target < 0)
                throw new DoppelException(ErrorKind.Usage, metadata.Find(targetName) is null
                    ? $"The target '{targetName}' is not a column of the data."
                    : $"The target '{targetName}' is not a categorical, boolean, numerical or datetime column.");
        }
        var measured = target < 0
            ? PairTree.Measure(coded, split.Selection * rho, split.TwoWay * rho, noise, accountant)
            : TargetTree.Measure(coded, target, split.Selection * rho, split.TwoWay * rho, noise, accountant);

        var columns = new BayesNode[count];
        for (int j = 0; j < d; j++)
        {
            int c = synthesized[j];
            columns[c] = Node(domains[j], groups[j], noisy[j], measured.Tables[j], data.Columns[c], metadata.Columns[c], options);
        }
        for (int c = 0; c < count; c++)
            columns[c] ??= new StandaloneBayesNode { Name = metadata.Columns[c].Name, Model = Standalone(metadata.Columns[c], options, c) };

        var budget = new PrivacyBudget(dp.Epsilon, dp.Delta, rho)
        {
            PublicDomain = privateColumns.Length == 0,
            SecureNoise = noise.IsSecure,
            Spent = accountant.Spent,
        };
        var source = new SourceFingerprint(WithheldFingerprint, Fingerprint.Of(metadata), (long)Math.Round(total));
        var generator = new BayesGenerator { Columns = columns, Order = measured.Order };
        return new SynthesisModel(name, metadata, generator, source, options, budget);
    }

    /// <summary>The number of rows, from the one-way totals weighted by their precision (each total's variance is cells·σ²).</summary>
    private static double EstimateTotal(double[][] noisy, double sigma)
    {
        if (noisy.Length == 0) return 1;
        double weighted = 0, weights = 0;
        foreach (var y in noisy)
        {
            double w = 1 / (y.Length * sigma * sigma);
            weighted += w * y.Sum();
            weights += w;
        }
        return Math.Max(1, weighted / weights);
    }

    private static DoppelException TooSmall(DifferentialPrivacyOptions dp, string what, string why) =>
        new(ErrorKind.PrivacyBudget, $"epsilon = {dp.Epsilon:G3} is too small for {what}: {why}. Use a larger epsilon, more rows, fewer columns, or public metadata.");

    private static BayesNode Node(DpColumnDomain domain, CellGroups groups, double[] noisy, ConditionalTable table, Column column, ColumnMetadata meta, SynthesizerOptions options)
    {
        var dpGroups = groups.Cells.Select(cells =>
        {
            // A null cell merged into a value group writes values, never nulls.
            int[] kept = cells.Length > 1 && domain.HasNullCell ? [.. cells.Where(x => x != domain.NullCell)] : cells;
            var weights = kept.Select(x => Math.Max(0, noisy[x])).ToArray();
            if (weights.Sum() <= 0) Array.Fill(weights, 1.0);
            return new DpGroup(kept, weights);
        }).ToArray();
        if (domain.Categories is { } categories)
            return new DpCategoricalNode
            {
                Name = meta.Name,
                Categories = categories,
                HasRareCell = domain.HasRareCell,
                HasNullCell = domain.HasNullCell,
                Boolean = column is BooleanColumn,
                WriteRareToken = options.RareAsToken,
                Groups = dpGroups,
                Table = table,
            };
        return new DpNumericNode
        {
            Name = meta.Name,
            Integer = meta.Integer,
            Decimals = meta.Decimals,
            DateTimeUnit = column is DateTimeColumn ? NumericColumnModel.UnitOf(meta.Format) : 0,
            Lower = domain.Lower!,
            Upper = domain.Upper!,
            HasNullCell = domain.HasNullCell,
            Groups = dpGroups,
            Table = table,
        };
    }

    /// <summary>Ids and PII from nothing but their type: integer keys from 1 or GUIDs, PII from the locale's generators.</summary>
    private static ColumnModel Standalone(ColumnMetadata meta, SynthesizerOptions options, int index)
    {
        if (meta.Type == SemanticType.Id)
            return meta.Integer ? new IdColumnModel { Name = meta.Name, IntegerStart = 1 } : new IdColumnModel { Name = meta.Name, Guid = true };
        var random = new RandomStream(options.FitSeed, (ulong)index);
        return PatternColumnModel.Fit(new StringColumn(meta.Name, []), meta, options, ref random).Model;
    }
}
