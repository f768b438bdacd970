using Doppel.Data;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;
using Doppel.Synthesizers.Trees;

namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// Fits the Bayesian network: discretizes every synthesized column (categories with the protected rare bucket,
/// numbers into quantile bins and point masses), learns the structure greedily, then counts each column's
/// conditional table given its parents.
/// </summary>
internal static class BayesianNetworkFitter
{
    public static SynthesisModel Fit(Table data, TableMetadata metadata, SynthesizerOptions options, BayesSettings settings, string name)
    {
        SequentialTreeFitter.CheckInput(data, metadata);
        SequentialTreeFitter.CheckRows(data);
        (data, metadata) = RareOnlyColumns.AsText(data, metadata, options);
        int count = data.Columns.Count;
        int pointMin = Math.Max(2, options.RareThreshold);
        var nodes = new BayesNode[count];
        var discrete = new DiscreteColumn?[count];
        var categorical = new SequentialTreeFitter.CodedColumn?[count];
        var numeric = new (NumericLeaf[] Bins, NumericLeaf Fallback, double Min, double Max)[count];
        Parallelism.For(0, count, c =>
        {
            var column = data.Columns[c];
            var meta = metadata.Columns[c];
            SequentialTreeFitter.CheckKind(column, meta);
            switch (meta.Type)
            {
                case SemanticType.Numerical or SemanticType.Datetime:
                    var (values, tails) = SequentialTreeFitter.NumericValues(column);
                    var (labels, bins) = NumericBinning.Fit(values, settings.MaxBins, pointMin, tails);
                    numeric[c] = (bins, NumericLeaf.Column(values, pointMin, tails), tails?.Low ?? 0, tails?.High ?? 0);
                    discrete[c] = new DiscreteColumn(c, labels, bins.Length + 1);
                    break;
                case SemanticType.Categorical or SemanticType.Boolean:
                    var coded = categorical[c] = SequentialTreeFitter.CodeCategories(c, column, options, meta.Type == SemanticType.Boolean);
                    discrete[c] = new DiscreteColumn(c, coded.Predictor.Codes, coded.Kept.Length + 2);
                    break;
                default: // ids, text and PII
                    nodes[c] = new StandaloneBayesNode { Name = column.Name, Model = StandaloneColumns.Fit(column, meta, options, c) };
                    break;
            }
        });

        DiscreteColumn[] synthesized = [.. discrete.OfType<DiscreteColumn>()];
        var (order, parents) = StructureLearner.Learn(synthesized, data.RowCount, settings);
        Parallelism.For(0, synthesized.Length, j =>
        {
            var own = synthesized[j];
            int[] parentColumns = [.. parents[j].Select(p => synthesized[p].Column)];
            var table = ConditionalTable.Fit(parentColumns, [.. parents[j].Select(p => synthesized[p].Labels)],
                [.. parents[j].Select(p => synthesized[p].Codes)], own.Labels, own.Codes);
            int c = own.Column;
            var meta = metadata.Columns[c];
            if (categorical[c] is { } coded)
            {
                double kept = Math.Max(1, coded.KeptCounts.Sum());
                nodes[c] = new CategoricalBayesNode
                {
                    Name = meta.Name,
                    Categories = coded.Kept,
                    Boolean = coded.Boolean, // as the copula: the metadata decides what is written
                    WriteRareToken = options.RareAsToken,
                    FrequentShares = [.. coded.KeptCounts.Select(x => x / kept)],
                    Table = table,
                };
            }
            else
            {
                var (bins, fallback, min, max) = numeric[c];
                nodes[c] = new NumericBayesNode
                {
                    Name = meta.Name,
                    Integer = meta.Integer,
                    Decimals = meta.Decimals,
                    DateTimeUnit = data.Columns[c] is DateTimeColumn ? NumericColumnModel.UnitOf(meta.Format) : 0,
                    Min = min,
                    Max = max,
                    Bins = bins,
                    Fallback = fallback,
                    Table = table,
                };
            }
        });

        var source = new SourceFingerprint(Fingerprint.Of(data), Fingerprint.Of(metadata), data.RowCount);
        var generator = new BayesGenerator { Columns = nodes, Order = [.. order.Select(j => synthesized[j].Column)] };
        return new SynthesisModel(name, metadata, generator, source, options);
    }
}
