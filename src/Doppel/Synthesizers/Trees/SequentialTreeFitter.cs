using Doppel.Data;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;
using Doppel.Transforms;

namespace Doppel.Synthesizers.Trees;

/// <summary>
/// Fits the sequential-tree model: codes every synthesized column once (categories with the protected rare
/// bucket, numbers binned), chooses the visiting order, then fits one tree per column over the columns before it
/// (in parallel; each tree is deterministic) and keeps only the leaves' summaries.
/// </summary>
internal static class SequentialTreeFitter
{
    /// <summary>Most codes (categories + rare bucket + null) a categorical column may have to take part in trees.</summary>
    public const int MaxCodes = 256;

    // given: columns visited first, in this order (a child table's context), so that sampling can take them as
    // given (TreeGenerator.SampleGiven) and draw only the rest from their trees.
    public static SynthesisModel Fit(Table data, TableMetadata metadata, SynthesizerOptions options, TreeSettings settings, string name, IReadOnlyList<string>? given = null,
        IReadOnlySet<(string Column, string Predictor)>? unread = null)
    {
        CheckInput(data, metadata);
        CheckRows(data);
        (data, metadata) = RareOnlyColumns.AsText(data, metadata, options);

        int n = data.RowCount;
        int count = data.Columns.Count;
        var columns = new TreeColumn[count];
        var coded = new CodedColumn?[count];
        Parallelism.For(0, count, c =>
        {
            var column = data.Columns[c];
            var meta = metadata.Columns[c];
            CheckKind(column, meta);
            switch (meta.Type)
            {
                case SemanticType.Numerical or SemanticType.Datetime:
                    coded[c] = CodeNumbers(c, column);
                    break;
                case SemanticType.Categorical or SemanticType.Boolean:
                    coded[c] = CodeCategories(c, column, options, meta.Type == SemanticType.Boolean);
                    break;
                default: // ids, text and PII
                    columns[c] = new StandaloneTreeColumn { Name = column.Name, Model = StandaloneColumns.Fit(column, meta, options, c) };
                    break;
            }
        });

        // Visiting order: least entropy first (ties by position), so the first, marginal-only draws are the
        // simplest columns and the richest ones are predicted from the most context.
        var first = (given ?? []).Select(g => metadata.Columns.ToList().FindIndex(c => c.Name == g)).Where(c => c >= 0 && coded[c] is not null).ToList();
        int[] order = [.. first, .. Enumerable.Range(0, count).Where(c => coded[c] is not null && !first.Contains(c))
            .OrderBy(c => Entropy(coded[c]!.Predictor)).ThenBy(c => c)];

        Parallelism.For(0, order.Length, j =>
        {
            int c = order[j];
            var own = coded[c]!;
            // Histograms cost bins × classes per node: a column with very many categories is drawn from its
            // marginal and predicts nothing (its levels would need grouping first).
            var predictors = own.Target.Classes > MaxCodes ? []
                : order.Take(j).Where(p => unread?.Contains((data.Columns[c].Name, data.Columns[p].Name)) != true)
                    .Select(p => coded[p]!.Predictor).Where(p => p.Bins <= MaxCodes).ToArray();
            var (tree, leafRows) = TreeBuilder.Build(predictors, own.Target, settings, n);
            columns[c] = own.Target.Classes > 0
                ? CategoricalColumn(data.Columns[c], own, tree, leafRows, options)
                : NumericColumn(data.Columns[c], metadata.Columns[c], own, tree, leafRows, options);
        });

        var source = new SourceFingerprint(Fingerprint.Of(data), Fingerprint.Of(metadata), data.RowCount);
        return new SynthesisModel(name, metadata, new TreeGenerator { Columns = columns, Order = order }, source, options);
    }

    /// <summary>Refuses an empty table or metadata whose columns do not match the data's (shared with the Bayesian network).</summary>
    internal static void CheckInput(Table data, TableMetadata metadata)
    {
        if (data.RowCount == 0)
            throw new DoppelException(ErrorKind.Data, "The data has a header but no rows; a model needs at least one row.");
        if (metadata.Columns.Count != data.Columns.Count || metadata.Columns.Where((c, i) => c.Name != data.Columns[i].Name).Any())
            throw new DoppelException(ErrorKind.Metadata,
                $"The metadata's columns ({string.Join(", ", metadata.Columns.Select(c => c.Name))}) do not match the data's ({string.Join(", ", data.Columns.Select(c => c.Name))}).");
    }

    /// <summary>Refuses a table too small for any row to hide among the others (MST's noise protects small tables instead).</summary>
    internal static void CheckRows(Table data)
    {
        if (data.RowCount == 0)
            throw new DoppelException(ErrorKind.Data, "The data has a header but no rows; a model needs at least one row.");
        if (data.RowCount < ProtectedTails.MinValues)
            throw new DoppelException(ErrorKind.Data,
                $"The data has {data.RowCount} row{(data.RowCount == 1 ? "" : "s")}; a model needs at least {ProtectedTails.MinValues}, so that no single row's values can be read back from it (every stored summary is made of at least {ProtectedTails.K} rows, and the {ProtectedTails.Trimmed} most extreme values on each side are never stored).");
    }

    /// <summary>
    /// A synthesized column coded for the trees: as a predictor, as a target, and its values (numbers, NaN for null)
    /// with their protection (<see cref="ProtectedTails"/>; null for categories or too few values).
    /// </summary>
    internal sealed record CodedColumn(Predictor Predictor, TreeTarget Target, double[]? Values, string[] Kept, long[] KeptCounts, bool Boolean,
        ProtectedTails? Tails = null);

    /// <summary>Refuses a column whose values do not have the kind its metadata type needs.</summary>
    internal static void CheckKind(Column column, ColumnMetadata meta)
    {
        bool fits = meta.Type switch
        {
            SemanticType.Numerical => column is NumberColumn,
            SemanticType.Datetime => column is DateTimeColumn,
            SemanticType.Categorical => column is CategoryColumn,
            SemanticType.Boolean => column is BooleanColumn or CategoryColumn,
            _ => column is StringColumn,
        };
        if (!fits)
            throw new DoppelException(ErrorKind.Metadata, $"Column '{column.Name}' holds {column.Kind} values but the metadata says {meta.TypeName}.");
    }

    private static CodedColumn CodeNumbers(int c, Column column)
    {
        var (values, tails) = NumericValues(column);
        return new CodedColumn(Predictor.OfNumbers(c, values), TreeTarget.OfNumbers(values), values, [], [], false, tails);
    }

    /// <summary>
    /// A numeric or datetime column's numbers or ticks (NaN for null) and their protection; a column with too few
    /// values to protect is all NaN (shared with the Bayesian network).
    /// </summary>
    internal static (double[] Values, ProtectedTails? Tails) NumericValues(Column column)
    {
        var values = new double[column.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = column.IsNull(i) ? double.NaN : column switch
            {
                NumberColumn numbers => numbers.Values[i],
                DateTimeColumn dates => dates.Ticks[i],
                _ => throw new InvalidOperationException($"Column '{column.Name}' is not numeric."),
            };
        var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(sorted);
        var tails = ProtectedTails.Of(sorted);
        if (tails is null) Array.Fill(values, double.NaN);
        return (values, tails);
    }

    /// <summary>Codes: kept categories 0..K−1 (seen at least k times), the rare bucket K, null K+1.</summary>
    internal static CodedColumn CodeCategories(int c, Column column, SynthesizerOptions options, bool boolean)
    {
        string[] names;
        int[] source;
        if (column is BooleanColumn booleans)
        {
            names = ["false", "true"];
            source = [.. booleans.Values.Select(b => b ? 1 : 0)];
        }
        else
        {
            var categories = (CategoryColumn)column;
            names = categories.Categories;
            source = categories.Codes;
        }
        var counts = new long[names.Length];
        for (int i = 0; i < source.Length; i++) if (!column.IsNull(i)) counts[source[i]]++;
        int k = options.KeepRare ? 1 : options.RareThreshold;
        var kept = Enumerable.Range(0, names.Length).Where(j => counts[j] >= k && counts[j] > 0).ToArray();
        var keptIndex = new int[names.Length];
        Array.Fill(keptIndex, kept.Length);
        for (int j = 0; j < kept.Length; j++) keptIndex[kept[j]] = j;
        var codes = new int[source.Length];
        for (int i = 0; i < codes.Length; i++) codes[i] = column.IsNull(i) ? kept.Length + 1 : keptIndex[source[i]];
        return new CodedColumn(Predictor.OfCategories(c, codes, kept.Length + 2), TreeTarget.OfClasses(codes, kept.Length + 2), null,
            [.. kept.Select(j => names[j])], [.. kept.Select(j => counts[j])], boolean);
    }

    private static double Entropy(Predictor p)
    {
        var counts = new double[p.Bins];
        foreach (int code in p.Codes) counts[code]++;
        double n = p.Codes.Length, h = 0;
        foreach (double x in counts) if (x > 0) h -= x / n * Math.Log(x / n);
        return h;
    }

    private static CategoricalTreeColumn CategoricalColumn(Column column, CodedColumn own, DecisionTree tree, int[][] leafRows, SynthesizerOptions options)
    {
        var labels = own.Target.Labels!;
        var leafCounts = new int[leafRows.Length][];
        for (int l = 0; l < leafRows.Length; l++)
        {
            var counts = leafCounts[l] = new int[own.Target.Classes];
            foreach (int row in leafRows[l]) counts[labels[row]]++;
        }
        double kept = Math.Max(1, own.KeptCounts.Sum());
        return new CategoricalTreeColumn
        {
            Name = column.Name,
            Categories = own.Kept,
            Boolean = own.Boolean, // as the copula: the metadata decides what is written
            WriteRareToken = options.RareAsToken,
            FrequentShares = [.. own.KeptCounts.Select(x => x / kept)],
            Tree = tree,
            LeafCounts = leafCounts,
        };
    }

    private static NumericTreeColumn NumericColumn(Column column, ColumnMetadata meta, CodedColumn own, DecisionTree tree, int[][] leafRows, SynthesizerOptions options)
    {
        var values = own.Values!;
        int pointMin = Math.Max(2, options.RareThreshold);
        var leaves = new NumericLeaf[leafRows.Length];
        for (int l = 0; l < leafRows.Length; l++) leaves[l] = NumericLeaf.Fit(leafRows[l].Select(r => values[r]), pointMin, own.Tails);
        return new NumericTreeColumn
        {
            Name = column.Name,
            Integer = meta.Integer,
            Decimals = meta.Decimals,
            DateTimeUnit = column is DateTimeColumn ? NumericColumnModel.UnitOf(meta.Format) : 0,
            Tree = tree,
            Leaves = leaves,
            Fallback = NumericLeaf.Column(values, pointMin, own.Tails),
            Min = own.Tails?.Low ?? 0,
            Max = own.Tails?.High ?? 0,
        };
    }
}
