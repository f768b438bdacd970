using System.Globalization;
using Doppel.Synthesizers;

namespace Doppel.Sampling;

/// <summary>
/// <c>--rebalance</c>: a sample whose classes of one column have the requested shares, each class's rows drawn from
/// the model given that class (so the other columns follow the class as in the real data). <c>income</c> makes the
/// classes uniform; <c>income='&gt;50K':0.5</c> or <c>income='&gt;50K':0.3,'&lt;=50K':0.7</c> sets shares, and classes
/// left out share what remains equally. Per class: share × rows, rounded so the total is exact.
/// </summary>
public static class Rebalance
{
    private const string Option = "--rebalance";

    /// <summary>The parts (one per class with rows) for <paramref name="spec"/> and <paramref name="rows"/> rows in all.</summary>
    public static IReadOnlyList<ConditionedRows> Plan(SynthesisModel model, string spec, long rows, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spec);
        var (column, requested) = Parse(spec);
        var meta = ModelShares.Column(model.Metadata, column, Option);
        requested = [.. requested.Select(r => (ModelShares.ClassName(meta, r.Value), r.Share))];
        var classes = ModelShares.Of(model, meta.Name, options, Option).Select(c => c.Value).ToList();
        foreach (var (value, _) in requested)
            if (!classes.Contains(value, StringComparer.Ordinal))
                throw new DoppelException(ErrorKind.Usage, $"{Option}: column '{meta.Name}' has no class '{value}' in the model; its classes are {string.Join(", ", classes.Select(c => $"'{c}'"))}.");
        double sum = requested.Sum(r => r.Share);
        var unlisted = classes.Where(c => !requested.Any(r => r.Value == c)).ToList();
        if (unlisted.Count == 0 && requested.Count > 0 && Math.Abs(sum - 1) > 1e-6) throw SumError(spec, sum);
        var shares = classes.Select(c => requested.FirstOrDefault(r => r.Value == c) is { Value: not null } r ? r.Share
            : requested.Count == 0 ? 1.0 / classes.Count : (1 - sum) / unlisted.Count).ToList();
        var counts = ModelShares.Apportion(shares, rows);
        return [.. classes.Select((c, i) => new ConditionedRows(ConditionText.Equal(meta, c), counts[i])).Where(p => p.Rows > 0)];
    }

    /// <summary>Reads <c>COLUMN</c> or <c>COLUMN=VALUE:SHARE,VALUE:SHARE</c> (values in single quotes when they hold symbols).</summary>
    internal static (string Column, List<(string Value, double Share)> Shares) Parse(string spec)
    {
        int eq = IndexOutsideQuotes(spec, '=', 0);
        string column = Unquote((eq < 0 ? spec : spec[..eq]).Trim());
        if (column.Length == 0) throw Usage(spec, "expected a column name first, e.g. income or income='>50K':0.5");
        var shares = new List<(string, double)>();
        if (eq < 0) return (column, shares);
        int start = eq + 1;
        while (start <= spec.Length)
        {
            int comma = IndexOutsideQuotes(spec, ',', start);
            string item = spec[start..(comma < 0 ? spec.Length : comma)].Trim();
            int colon = item.LastIndexOf(':');
            if (colon <= 0) throw Usage(spec, $"expected VALUE:SHARE, not \"{item}\" (e.g. '>50K':0.5)");
            string value = Unquote(item[..colon].Trim());
            if (!double.TryParse(item[(colon + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double share) || !(share >= 0 && share <= 1))
                throw Usage(spec, $"the share of '{value}' must be a number from 0 to 1, not \"{item[(colon + 1)..].Trim()}\"");
            if (shares.Any(s => s.Item1 == value)) throw Usage(spec, $"class '{value}' is given twice");
            shares.Add((value, share));
            if (comma < 0) break;
            start = comma + 1;
        }
        double sum = shares.Sum(s => s.Item2);
        if (sum > 1 + 1e-9) throw SumError(spec, sum); // known before the model is: checked before fitting
        return (column, shares);
    }

    private static DoppelException SumError(string spec, double sum) => new(ErrorKind.Usage, string.Create(CultureInfo.InvariantCulture,
        $"{Option} \"{spec}\": the shares sum to {sum:0.######}; they must sum to 1 (classes left out share what remains below 1)."));

    private static DoppelException Usage(string spec, string what) => new(ErrorKind.Usage, $"{Option} \"{spec}\": {what}.");

    /// <summary>The first <paramref name="c"/> at or after <paramref name="from"/> outside single or double quotes, or −1.</summary>
    private static int IndexOutsideQuotes(string text, char c, int from)
    {
        char quote = '\0';
        for (int i = from; i < text.Length; i++)
        {
            if (quote != '\0') { if (text[i] == quote) quote = '\0'; continue; } // a doubled quote closes and reopens
            if (text[i] is '\'' or '"') quote = text[i];
            else if (text[i] == c) return i;
        }
        return -1;
    }

    /// <summary>A value without its single (or a name without its double) quotes; doubled quotes inside become one.</summary>
    private static string Unquote(string text)
    {
        if (text.Length >= 2 && text[0] is '\'' or '"' && text[^1] == text[0])
            return text[1..^1].Replace(new string(text[0], 2), text[0].ToString());
        return text;
    }
}
