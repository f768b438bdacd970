using Doppel.Metadata;
using Doppel.Privacy.Dp;
using Doppel.Provenance;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Bayes;
using Doppel.Synthesizers.Columns;
using Doppel.Synthesizers.Mst;
using Doppel.Synthesizers.Trees;

namespace Doppel.Models;

/// <summary>
/// Checks every field of a model read from a file before anything samples from it: a file with a valid checksum
/// may still have been written by hand (a category index out of range, a negative share, NaN knots, arrays of the
/// wrong length, a synthesizer called "evil"). Each failure names what is wrong, as a model error (exit 5).
/// </summary>
/// <remarks>The checksum only detects accidents; a signature (<c>--signing-key</c>) detects edits.</remarks>
internal sealed class ModelCheck(string source)
{
    private static readonly Dictionary<string, Type> GeneratorOf = new()
    {
        [GaussianCopulaSynthesizer.SynthesizerName] = typeof(CopulaGenerator),
        [IndependentSynthesizer.SynthesizerName] = typeof(CopulaGenerator),
        [SequentialTreeSynthesizer.SynthesizerName] = typeof(TreeGenerator),
        [BayesianNetworkSynthesizer.SynthesizerName] = typeof(BayesGenerator),
        [MstSynthesizer.SynthesizerName] = typeof(BayesGenerator),
    };

    /// <summary>Checks the parts a model is made of against each other and against its metadata.</summary>
    public void Model(string synthesizer, TableMetadata metadata, ModelGenerator generator, SourceFingerprint fingerprint, SynthesizerOptions options, PrivacyBudget? privacy)
    {
        if (!GeneratorOf.TryGetValue(synthesizer ?? "", out var type))
            Fail($"synthesizer '{synthesizer}' is unknown (expected one of {string.Join(", ", GeneratorOf.Keys)})");
        if (generator.GetType() != type)
            Fail($"a {synthesizer} model cannot hold {generator.GetType().Name switch { nameof(CopulaGenerator) => "column models", nameof(TreeGenerator) => "trees", _ => "a network" }}");
        if ((synthesizer == MstSynthesizer.SynthesizerName) != (privacy is not null))
            Fail(privacy is null ? "an mst model must record its privacy budget" : $"a {synthesizer} model cannot carry a privacy budget");
        if (fingerprint is null || fingerprint.Rows < 0) Fail("the source's row count is negative");
        if (options is null || options.RareThreshold < 1) Fail("the rare-category threshold must be at least 1");
        if (privacy is not null) Budget(privacy);
        switch (generator)
        {
            case CopulaGenerator copula:
                if (synthesizer == IndependentSynthesizer.SynthesizerName && copula.Cholesky is not null) Fail("an independent model cannot have a correlation factor");
                Columns(copula.Columns.Length, metadata, c => copula.Columns[c].Name);
                for (int c = 0; c < copula.Columns.Length; c++) Column(copula.Columns[c], metadata.Columns[c]);
                if (copula.Cholesky is { } factor) Cholesky(factor, copula.Dimensions);
                break;
            case TreeGenerator trees:
                Columns(trees.Columns.Length, metadata, c => trees.Columns[c].Name);
                for (int c = 0; c < trees.Columns.Length; c++) Tree(trees.Columns[c], trees.Columns.Length, metadata.Columns[c]);
                break;
            case BayesGenerator network:
                Columns(network.Columns.Length, metadata, c => network.Columns[c].Name);
                for (int c = 0; c < network.Columns.Length; c++) Node(network.Columns[c], network.Columns.Length, metadata.Columns[c]);
                break;
        }
    }

    private void Budget(PrivacyBudget budget)
    {
        if (!(budget.Epsilon > 0 && double.IsFinite(budget.Epsilon))) Fail($"privacy epsilon {budget.Epsilon} is not a positive number");
        if (!(budget.Delta >= 0 && budget.Delta < 1)) Fail($"privacy delta {budget.Delta} is not in [0, 1)");
        if (!(budget.Rho > 0 && double.IsFinite(budget.Rho))) Fail($"privacy rho {budget.Rho} is not a positive number");
        if (budget.Spent is null || budget.Spent.Any(s => s is null || !(s.Rho >= 0 && double.IsFinite(s.Rho)))) Fail("a privacy spend is negative or not a number");
    }

    private void Columns(int count, TableMetadata metadata, Func<int, string> name)
    {
        if (count != metadata.Columns.Count) Fail($"it has {count} column models for {metadata.Columns.Count} columns in its metadata");
        for (int c = 0; c < count; c++)
            if (name(c) != metadata.Columns[c].Name) Fail($"column model {c + 1} is called '{name(c)}' but the metadata's column is '{metadata.Columns[c].Name}'");
    }

    private void Cholesky(double[] factor, int d)
    {
        for (int i = 0; i < d; i++)
        {
            double norm = 0;
            for (int k = 0; k < d; k++)
            {
                double v = factor[i * d + k];
                if (!double.IsFinite(v)) Fail($"the correlation factor holds {v}");
                if (k > i && v != 0) Fail("the correlation factor is not lower triangular");
                norm += v * v;
            }
            if (factor[i * d + i] < 0 || norm > 1 + 1e-6) Fail($"row {i + 1} of the correlation factor is not a row of a correlation matrix's factor");
        }
    }

    private void Column(ColumnModel model, ColumnMetadata meta)
    {
        string at = $"column '{model.Name}'";
        Share(model.NullShare, $"{at}: null share");
        switch (model)
        {
            case NumericColumnModel numeric:
                Kind(at, meta, SemanticType.Numerical, SemanticType.Datetime);
                Ascending(numeric.Knots, $"{at}: knots");
                if (numeric.Knots.Length > Transforms.QuantileMarginal.MaxKnots) Fail($"{at} has {numeric.Knots.Length} knots, more than {Transforms.QuantileMarginal.MaxKnots}");
                Rounding(at, meta, numeric.Decimals, numeric.DateTimeUnit);
                break;
            case CategoricalColumnModel categorical:
                Kind(at, meta, SemanticType.Categorical, SemanticType.Boolean);
                Names(categorical.Categories, at);
                if (categorical.Levels is null || categorical.Levels.Length == 0) Fail($"{at} has no levels");
                Length(categorical.Shares, categorical.Levels.Length, $"{at}: shares");
                Shares(categorical.Shares, $"{at}: shares");
                var seen = new HashSet<int>();
                foreach (int level in categorical.Levels)
                {
                    if (level < CategoricalColumnModel.NullLevel || level >= categorical.Categories.Length)
                        Fail($"{at}: level {level} is out of range (categories 0 to {categorical.Categories.Length - 1}, rare −1, null −2)");
                    if (!seen.Add(level)) Fail($"{at}: level {level} appears twice");
                }
                if (categorical.Categories.Length > 0 && categorical.Categories.Select((_, j) => j).Any(j => !seen.Contains(j)))
                    Fail($"{at}: a category has no level");
                break;
            case PatternColumnModel pattern:
                Kind(at, meta, SemanticType.Text, SemanticType.Pii);
                if (pattern.Kind is null || (pattern.Kind != "text" && !pattern.Kind.StartsWith("pii:", StringComparison.Ordinal))) Fail($"{at}: kind '{pattern.Kind}' is neither text nor pii:KIND");
                Names(pattern.Shapes, at);
                Length(pattern.ShapeShares, pattern.Shapes.Length, $"{at}: shape shares");
                if (pattern.Shapes.Length > 0) Shares(pattern.ShapeShares, $"{at}: shape shares");
                foreach (var (shares, what) in new[] { (pattern.LengthShares, "length shares"), (pattern.WordCountShares, "word count shares"), (pattern.WordLengthShares, "word length shares") })
                {
                    if (shares is null || shares.Length > 1_000) Fail($"{at}: {what} are missing or too many");
                    if (shares.Any(s => !(s >= 0 && double.IsFinite(s)))) Fail($"{at}: {what} hold a negative share or one that is not a number");
                }
                if (pattern.Pii is { } pii && (!(pii.Ipv6Share >= 0 && pii.Ipv6Share <= 1) || pii.FirstYear > pii.LastYear)) Fail($"{at}: its PII profile is inconsistent");
                break;
            case IdColumnModel id:
                Kind(at, meta, SemanticType.Id);
                int ways = (id.IntegerStart is null ? 0 : 1) + (id.Shape is null ? 0 : 1) + (id.Guid ? 1 : 0);
                if (ways != 1) Fail($"{at}: an id needs exactly one of an integer start, a shape or GUIDs");
                if (id.Variable is { } variable && (id.Shape is null || variable.Length != id.Shape.Length)) Fail($"{at}: the variable positions do not match the shape");
                break;
            default:
                Fail($"{at}: unknown column model");
                break;
        }
    }

    private void Tree(TreeColumn column, int columns, ColumnMetadata meta)
    {
        string at = $"column '{column.Name}'";
        switch (column)
        {
            case StandaloneTreeColumn standalone:
                if (standalone.Model is null || standalone.Model.Name != column.Name) Fail($"{at}: its column model is missing or misnamed");
                Column(standalone.Model!, meta);
                return;
            case NumericTreeColumn numeric:
                Kind(at, meta, SemanticType.Numerical, SemanticType.Datetime);
                Bounds(numeric.Min, numeric.Max, at);
                Rounding(at, meta, numeric.Decimals, numeric.DateTimeUnit);
                DecisionTree(numeric.Tree, columns, at);
                Length(numeric.Leaves, numeric.Tree.LeafCount(), $"{at}: leaves");
                foreach (var leaf in numeric.Leaves.Append(numeric.Fallback)) Leaf(leaf, at);
                break;
            case CategoricalTreeColumn categorical:
                Kind(at, meta, SemanticType.Categorical, SemanticType.Boolean);
                Names(categorical.Categories, at);
                DecisionTree(categorical.Tree, columns, at);
                Length(categorical.FrequentShares, categorical.Categories.Length, $"{at}: frequent shares");
                if (categorical.Categories.Length > 0) Shares(categorical.FrequentShares, $"{at}: frequent shares");
                Length(categorical.LeafCounts, categorical.Tree.LeafCount(), $"{at}: leaf counts");
                break;
            default:
                Fail($"{at}: unknown tree column");
                break;
        }
    }

    private void DecisionTree(DecisionTree tree, int columns, string at)
    {
        if (tree?.Feature is null || tree.Threshold is null || tree.NullLeft is null || tree.MaskStart is null || tree.Masks is null || tree.Left is null || tree.Right is null)
            Fail($"{at}: its tree is incomplete");
        if (tree!.Feature.Any(f => f < -1 || f >= columns)) Fail($"{at}: its tree tests a column that does not exist");
        if (tree.Threshold.Any(double.IsNaN)) Fail($"{at}: its tree has a NaN threshold");
        if (tree.MaskStart.Any(m => m < -1 || m >= Math.Max(1, tree.Masks.Length))) Fail($"{at}: its tree's category masks are out of range");
    }

    private void Leaf(NumericLeaf? leaf, string at)
    {
        if (leaf is null) Fail($"{at}: a leaf is missing");
        Share(leaf!.NullShare, $"{at}: a leaf's null share");
        Finite(leaf.Points, $"{at}: a leaf's points");
        Length(leaf.PointShares, leaf.Points.Length, $"{at}: a leaf's point shares");
        if (leaf.PointShares.Any(s => !(s >= 0 && s <= 1))) Fail($"{at}: a leaf's point share is not in [0, 1]");
        if (leaf.NullShare + leaf.PointShares.Sum() > 1 + 1e-9) Fail($"{at}: a leaf's shares add up to more than 1");
        Ascending(leaf.Knots, $"{at}: a leaf's knots");
    }

    private void Node(BayesNode node, int columns, ColumnMetadata meta)
    {
        string at = $"column '{node.Name}'";
        switch (node)
        {
            case StandaloneBayesNode standalone:
                if (standalone.Model is null || standalone.Model.Name != node.Name) Fail($"{at}: its column model is missing or misnamed");
                Column(standalone.Model!, meta);
                return;
            case NumericBayesNode numeric:
                Kind(at, meta, SemanticType.Numerical, SemanticType.Datetime);
                Bounds(numeric.Min, numeric.Max, at);
                Rounding(at, meta, numeric.Decimals, numeric.DateTimeUnit);
                foreach (var leaf in numeric.Bins.Append(numeric.Fallback)) Leaf(leaf, at);
                Table(numeric.Table, numeric.Codes, columns, at);
                break;
            case CategoricalBayesNode categorical:
                Kind(at, meta, SemanticType.Categorical, SemanticType.Boolean);
                Names(categorical.Categories, at);
                Length(categorical.FrequentShares, categorical.Categories.Length, $"{at}: frequent shares");
                if (categorical.Categories.Length > 0) Shares(categorical.FrequentShares, $"{at}: frequent shares");
                Table(categorical.Table, categorical.Codes, columns, at);
                break;
            case DpNumericNode numeric:
                Kind(at, meta, SemanticType.Numerical, SemanticType.Datetime);
                Finite(numeric.Lower, $"{at}: cell lower ends");
                Finite(numeric.Upper, $"{at}: cell upper ends");
                Length(numeric.Upper, numeric.Lower.Length, $"{at}: cell upper ends");
                Rounding(at, meta, numeric.Decimals, numeric.DateTimeUnit);
                Table(numeric.Table, numeric.Codes, columns, at);
                break;
            case DpCategoricalNode categorical:
                Kind(at, meta, SemanticType.Categorical, SemanticType.Boolean);
                Names(categorical.Categories, at);
                Table(categorical.Table, categorical.Codes, columns, at);
                break;
            default:
                Fail($"{at}: unknown network node");
                break;
        }
    }

    private void Table(ConditionalTable table, int codes, int columns, string at)
    {
        if (table?.Parents is null || table.Radix is null || table.Counts is null) Fail($"{at}: its conditional table is incomplete");
        if (table!.Codes != codes) Fail($"{at}: its conditional table has {table.Codes} codes, expected {codes}");
        if (table.Parents.Any(p => p < 0 || p >= columns)) Fail($"{at}: its conditional table has a parent that does not exist");
        if (table.Radix.Any(r => r <= 0) || table.Radix.Aggregate(1.0, (a, r) => a * r) * codes > 1e9) Fail($"{at}: its conditional table has an impossible shape");
        if (table.Counts.Any(x => !(x >= 0 && double.IsFinite(x)))) Fail($"{at}: its conditional table holds a negative count or one that is not a number");
    }

    private void Kind(string at, ColumnMetadata meta, params SemanticType[] types)
    {
        if (!types.Contains(meta.Type)) Fail($"{at} is {meta.TypeName} in the metadata but its model is for {string.Join(" or ", types).ToLowerInvariant()} columns");
    }

    private void Rounding(string at, ColumnMetadata meta, int? decimals, long unit)
    {
        if (decimals is < 0) Fail($"{at}: decimals {decimals} is negative");
        if (unit < 0 || (unit > 0) != (meta.Type == SemanticType.Datetime)) Fail($"{at}: its datetime unit {unit} does not fit a {meta.TypeName} column");
    }

    private void Bounds(double min, double max, string at)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max) Fail($"{at}: its bounds [{min}, {max}] are not an interval");
    }

    private void Names(string[]? names, string at)
    {
        if (names is null || names.Any(n => n is null)) Fail($"{at}: a category or shape is missing");
    }

    private void Length<T>(T[]? values, int expected, string what)
    {
        if (values is null || values.Length != expected) Fail($"{what}: {values?.Length ?? 0} entries, expected {expected}");
    }

    private void Share(double share, string what)
    {
        if (!(share >= 0 && share <= 1)) Fail($"{what} {share} is not in [0, 1]");
    }

    private void Shares(double[] shares, string what)
    {
        if (shares.Any(s => !(s >= 0 && double.IsFinite(s)))) Fail($"{what} hold a negative share or one that is not a number");
        if (!(shares.Sum() > 0)) Fail($"{what} add up to zero");
    }

    private void Finite(double[]? values, string what)
    {
        if (values is null) Fail($"{what} are missing");
        foreach (double v in values!) if (!double.IsFinite(v)) Fail($"{what} hold {v}");
    }

    private void Ascending(double[]? values, string what)
    {
        Finite(values, what);
        for (int i = 1; i < values!.Length; i++) if (values[i] < values[i - 1]) Fail($"{what} are not in ascending order");
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string what) =>
        throw new DoppelException(ErrorKind.Model, $"{source} has a valid checksum but is not a valid model: {what}. Fit the model again.");
}
