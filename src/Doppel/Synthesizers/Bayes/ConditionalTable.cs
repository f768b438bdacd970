using System.Text.Json.Serialization;
using Doppel.Sampling;

namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// A column's conditional probability table as counts: for each configuration of its parents' codes (mixed radix,
/// the first parent slowest), how many rows held each of its own codes (training counts, or a differentially private
/// model's estimated counts, which need not be whole). A configuration no training row
/// held is drawn from the column's marginal, the only place a pseudo-count would be needed.
/// </summary>
internal sealed class ConditionalTable
{
    private Shares? _shares;

    /// <summary>The parent columns (metadata indices), generated before this one.</summary>
    public required int[] Parents { get; init; }

    /// <summary>Per parent: its number of codes.</summary>
    public required int[] Radix { get; init; }

    /// <summary>The column's own number of codes.</summary>
    public required int Codes { get; init; }

    /// <summary>Rows per (configuration, code), configuration-major.</summary>
    public required double[] Counts { get; init; }

    /// <summary>Number of parent configurations.</summary>
    [JsonIgnore]
    public int Configurations => Radix.Aggregate(1, (a, r) => a * r);

    /// <summary>Whether the parts fit together; <paramref name="codesOf"/> gives a column's code count (0: not a parent).</summary>
    public bool IsConsistent(Func<int, int> codesOf) =>
        Parents.Length == Radix.Length && Codes > 0 && Radix.All(r => r > 0) && Radix.Aggregate(1L, (a, r) => a * r) * Codes == Counts.Length
        && Parents.Select(codesOf).SequenceEqual(Radix) && Counts.All(c => c >= 0 && double.IsFinite(c)) && Counts.Any(c => c > 0);

    /// <summary>Counts the rows of each (configuration, code); <paramref name="parents"/> are the parents' codes per row.</summary>
    public static ConditionalTable Fit(int[] parentColumns, int[][] parents, int[] radix, int[] labels, int codes)
    {
        var counts = new double[radix.Aggregate(1, (a, r) => a * r) * codes];
        for (int i = 0; i < labels.Length; i++)
        {
            int config = 0;
            for (int p = 0; p < parents.Length; p++) config = config * radix[p] + parents[p][i];
            counts[config * codes + labels[i]]++;
        }
        return new ConditionalTable { Parents = parentColumns, Radix = radix, Codes = codes, Counts = counts };
    }

    /// <summary>The configuration of row <paramref name="row"/> of a batch.</summary>
    public int ConfigurationOf(int[]?[] codes, int row)
    {
        int config = 0;
        for (int p = 0; p < Parents.Length; p++) config = config * Radix[p] + codes[Parents[p]]![row];
        return config;
    }

    /// <summary>Draws a code given a configuration.</summary>
    public int Draw(int configuration, ref RandomStream random)
    {
        var shares = _shares ??= Cumulative();
        ReadOnlySpan<double> row = shares.Rows.AsSpan(configuration * Codes, Codes);
        if (row[^1] == 0) row = shares.Marginal;
        double u = random.NextDouble();
        // Binary search: a column may have many codes (drawn from its marginal).
        int lo = 0, hi = Codes - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (u < row[mid]) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Per configuration, cumulative shares (all zero for a configuration without rows); the marginal's too.</summary>
    private Shares Cumulative()
    {
        var cumulative = new double[Counts.Length];
        var marginalCounts = new double[Codes];
        for (int j = 0; j < Counts.Length; j++) marginalCounts[j % Codes] += Counts[j];
        var marginal = new double[Codes];
        Accumulate(marginalCounts, marginal);
        var scratch = new double[Codes];
        for (int config = 0; config < Configurations; config++)
        {
            for (int c = 0; c < Codes; c++) scratch[c] = Counts[config * Codes + c];
            Accumulate(scratch, cumulative.AsSpan(config * Codes, Codes));
        }
        return new Shares(cumulative, marginal);
    }

    /// <summary>Cumulative shares per configuration and of the marginal, built once on first use (immutable after).</summary>
    private sealed record Shares(double[] Rows, double[] Marginal);

    private static void Accumulate(ReadOnlySpan<double> counts, Span<double> cumulative)
    {
        double total = 0;
        foreach (double c in counts) total += c;
        if (total == 0) return;
        double running = 0;
        for (int c = 0; c < counts.Length; c++) { running += counts[c]; cumulative[c] = running / total; }
        // u < 1 always falls in the last code with rows, never past it.
        for (int c = counts.Length - 1; c >= 0 && counts[c] == 0; c--) cumulative[c] = 1;
        cumulative[^1] = 1;
    }
}
