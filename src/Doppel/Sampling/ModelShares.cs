using Doppel.Data;
using Doppel.Metadata;
using Doppel.Synthesizers;

namespace Doppel.Sampling;

/// <summary>
/// The classes of a categorical or boolean column and their shares under the model, read from a pilot sample (the
/// same for every synthesizer; deterministic for a seed). Nulls are left out: rebalancing and fair generation plan
/// the non-null classes.
/// </summary>
internal static class ModelShares
{
    /// <summary>Pilot rows: a class with a share of 1/10,000 shows up about 10 times.</summary>
    public const int PilotRows = 100_000;

    /// <summary>Stream of the sample's seed that seeds the pilot.</summary>
    private const ulong PilotStream = 0xC0D2_0000_0000_0000UL;

    /// <summary>
    /// Per class (ordinal order), its share among the non-null values. <paramref name="option"/> names the option
    /// in errors; a column that is not categorical or boolean is a usage error.
    /// </summary>
    public static IReadOnlyList<(string Value, double Share)> Of(SynthesisModel model, string column, SampleOptions options, string option)
    {
        var meta = Column(model.Metadata, column, option);
        ulong seed = new RandomStream(options.Seed, PilotStream).NextUInt64();
        var pilot = model.Sample(PilotRows, new SampleOptions { Seed = seed, Threads = options.Threads });
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var values = pilot[meta.Name];
        var spelling = meta.Spelling;
        for (int r = 0; r < values.Length; r++)
        {
            if (values.IsNull(r)) continue;
            string value = values switch
            {
                CategoryColumn c => c.Categories[c.Codes[r]],
                BooleanColumn b => spelling.Text(b.Values[r]), // classes as the column writes them: yes/no, T/F, ...
                _ => throw new InvalidOperationException(),
            };
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
        double total = counts.Values.Sum();
        if (total == 0) throw new DoppelException(ErrorKind.Unsatisfiable, $"{option}: the model generates only nulls in column '{meta.Name}'.");
        return [.. counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value / total))];
    }

    /// <summary>The column's metadata; it must exist and be categorical or boolean.</summary>
    public static ColumnMetadata Column(TableMetadata metadata, string column, string option)
    {
        var meta = metadata.Find(column) ?? throw new DoppelException(ErrorKind.Usage,
            $"{option}: unknown column '{column}'; columns are {string.Join(", ", metadata.Columns.Select(c => $"'{c.Name}'"))}.");
        if (meta.Type is not (SemanticType.Categorical or SemanticType.Boolean))
            throw new DoppelException(ErrorKind.Usage, $"{option}: column '{meta.Name}' is {meta.Type.ToString().ToLowerInvariant()}; only categorical and boolean columns have classes.");
        return meta;
    }

    /// <summary>
    /// A class named by the user, as <see cref="Of"/> names it: a boolean in the column's spelling whichever way it was
    /// written (<c>yes</c>, <c>true</c>, <c>1</c> for a yes/no column); other values as they are.
    /// </summary>
    public static string ClassName(ColumnMetadata meta, string value) =>
        meta.Type == SemanticType.Boolean && meta.Spelling.TryParse(value, out bool b) ? meta.Spelling.Text(b) : value;

    /// <summary>Splits <paramref name="rows"/> in proportion to <paramref name="shares"/> exactly (largest remainder; ties to the earlier entry).</summary>
    public static long[] Apportion(IReadOnlyList<double> shares, long rows)
    {
        double total = shares.Sum();
        var counts = new long[shares.Count];
        var remainders = new double[shares.Count];
        long assigned = 0;
        for (int i = 0; i < shares.Count; i++)
        {
            double exact = rows * shares[i] / total;
            counts[i] = (long)Math.Floor(exact);
            remainders[i] = exact - counts[i];
            assigned += counts[i];
        }
        foreach (int i in Enumerable.Range(0, shares.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)Math.Max(0, rows - assigned)))
            counts[i]++;
        return counts;
    }
}
