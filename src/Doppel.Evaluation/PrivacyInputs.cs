using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>
/// The checked inputs of <see cref="PrivacyRisk.Compute"/>: the scored columns and, as indices into them, the inference
/// secret and the two linkability column sets. Everything is validated here, before any parallel loop runs.
/// </summary>
internal sealed class PrivacyInputs
{
    private PrivacyInputs(ColumnMetadata[] columns, int secret, int[] first, int[] second)
    {
        Columns = columns;
        Secret = secret;
        LinkFirst = first;
        LinkSecond = second;
    }

    /// <summary>The scored columns, in metadata order.</summary>
    public ColumnMetadata[] Columns { get; }

    /// <summary>Index of the inference secret, or −1 when there is no other column to attack it with.</summary>
    public int Secret { get; }

    /// <summary>The first linkability column set (empty when the attack cannot run).</summary>
    public int[] LinkFirst { get; }

    /// <summary>The second linkability column set (empty when the attack cannot run).</summary>
    public int[] LinkSecond { get; }

    /// <summary>Checks tables, metadata and options; throws <see cref="DoppelException"/> naming what is wrong.</summary>
    public static PrivacyInputs Validate(Table train, Table holdout, Table synthetic, TableMetadata metadata, PrivacyRiskOptions options)
    {
        var tables = new (string Name, Table Table)[] { ("training", train), ("holdout", holdout), ("synthetic", synthetic) };
        foreach (var (name, table) in tables)
            if (table.RowCount == 0 || table.Columns.Count == 0)
                throw new DoppelException(ErrorKind.Data, $"The {name} table is empty; privacy risk needs at least one row in each of the training, holdout and synthetic tables.");

        var trainNames = train.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, table) in tables.Skip(1))
        {
            var names = table.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var missing = train.Columns.Select(c => c.Name).Where(n => !names.Contains(n)).ToArray();
            var extra = table.Columns.Select(c => c.Name).Where(n => !trainNames.Contains(n)).ToArray();
            if (missing.Length + extra.Length > 0)
                throw new DoppelException(ErrorKind.Data,
                    $"The {name} table has other columns than the training table:"
                    + (missing.Length > 0 ? $" missing {Quote(missing)}" : "")
                    + (missing.Length > 0 && extra.Length > 0 ? ";" : "")
                    + (extra.Length > 0 ? $" not in the training table {Quote(extra)}" : "") + ".");
        }

        var columns = metadata.Columns.Where(Binning.Scored).ToArray();
        if (columns.Length == 0) throw new DoppelException(ErrorKind.Data, "No column can be scored: all are ids, text or PII.");
        var absent = columns.Where(c => !trainNames.Contains(c.Name)).Select(c => c.Name).ToArray();
        if (absent.Length > 0)
            throw new DoppelException(ErrorKind.Data, $"The metadata's column(s) {Quote(absent)} are not in the tables.");
        foreach (var column in columns)
        {
            var kinds = tables.Select(t => (t.Name, t.Table[column.Name].Kind)).ToArray();
            if (kinds.Any(k => k.Kind != kinds[0].Kind))
                throw new DoppelException(ErrorKind.Data,
                    $"Column '{column.Name}' is stored differently in the tables ({string.Join(", ", kinds.Select(k => $"{k.Name}: {k.Kind}"))}); compare tables typed with the same metadata.");
        }

        if (options.Attacks < 1) throw Usage($"The number of attacks must be at least 1, not {options.Attacks}.");
        if (options.MaxQueryRows < 1) throw Usage($"The maximum number of query rows must be at least 1, not {options.MaxQueryRows}.");
        if (options.LinkabilityNeighbors < 1) throw Usage($"Linkability needs at least 1 neighbour, not {options.LinkabilityNeighbors}.");
        if (!(options.InferenceTolerance >= 0)) throw Usage($"The inference tolerance must be 0 or more, not {options.InferenceTolerance}.");
        if (options.MembershipRows < 1) throw Usage($"The membership-inference attack needs at least 1 row of each kind, not {options.MembershipRows}.");
        if (options.DpBudget is var (epsilon, delta) && !(epsilon >= 0 && !double.IsPositiveInfinity(epsilon) && delta >= 0 && delta < 1))
            throw Usage($"A differential-privacy budget needs a finite ε ≥ 0 and δ in [0, 1), not ε = {epsilon}, δ = {delta}.");
        if (options.MaxDegreeOfParallelism is < 1) throw Usage($"The degree of parallelism must be at least 1, not {options.MaxDegreeOfParallelism}.");

        var index = columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        int secret = columns.Length < 2 ? -1 : columns.Length - 1;
        if (options.InferenceSecret is { } secretName)
        {
            if (!index.TryGetValue(secretName, out secret))
                throw Usage($"The inference secret '{secretName}' is not a scored column (ids, text and PII are left out).");
            if (columns.Length < 2) secret = -1;
        }

        int[] first, second;
        if (options.LinkabilityFirst is null && options.LinkabilitySecond is null)
        {
            first = [.. Enumerable.Range(0, columns.Length / 2)];
            second = [.. Enumerable.Range(columns.Length / 2, columns.Length - columns.Length / 2)];
            if (first.Length == 0) second = [];
        }
        else
        {
            first = options.LinkabilityFirst is null ? [] : Resolve(options.LinkabilityFirst, index, "first");
            second = options.LinkabilitySecond is null ? [] : Resolve(options.LinkabilitySecond, index, "second");
            if (options.LinkabilityFirst is null) first = [.. Enumerable.Range(0, columns.Length).Except(second)];
            if (options.LinkabilitySecond is null) second = [.. Enumerable.Range(0, columns.Length).Except(first)];
            if (first.Length == 0 || second.Length == 0)
                throw Usage("Each linkability column set needs at least one scored column.");
        }
        return new PrivacyInputs(columns, secret, first, second);
    }

    private static int[] Resolve(IReadOnlyList<string> names, Dictionary<string, int> index, string which)
    {
        var unknown = names.Where(n => !index.ContainsKey(n)).ToArray();
        if (unknown.Length > 0)
            throw Usage($"The {which} linkability column set names {Quote(unknown)}, which are not scored columns (ids, text and PII are left out).");
        return [.. names.Select(n => index[n]).Distinct().Order()];
    }

    private static DoppelException Usage(string message) => new(ErrorKind.Usage, message);

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
