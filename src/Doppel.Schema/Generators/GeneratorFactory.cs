using System.Globalization;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Privacy.Pii;
using Doppel.Schema.Spec;
using static Doppel.Schema.Spec.SpecYaml;

namespace Doppel.Schema.Generators;

/// <summary>Builds a column's <see cref="ValueGenerator"/> from its spec, checking parameter names, values and the column's type.</summary>
internal static class GeneratorFactory
{
    public static ValueGenerator Create(string table, ColumnSpec column)
    {
        var spec = column.Generator!;
        var p = spec.Parameters;
        string what = $"column '{table}.{column.Name}' {spec.Kind}";
        bool integer = column.Type == SpecType.Integer;
        double min = column.Min ?? double.NegativeInfinity, max = column.Max ?? double.PositiveInfinity;
        switch (spec.Kind)
        {
            case "uniform" or "normal" or "lognormal" or "exponential" or "poisson" or "zipf" or "histogram":
                Require(column, spec, SpecType.Integer, SpecType.Decimal);
                var distribution = Distribution(spec, what, integer);
                if (spec.Kind is "poisson" or "zipf" && !integer) throw SpecError.At(p, $"{what} draws whole numbers; give the column type integer.");
                return new NumericGenerator(distribution, integer, column.Decimals, min, max);
            case "categories":
                return Categories(column, spec, what);
            case "constant":
            {
                string text = ScalarText(p, what);
                var kind = KindOf(column.Type, text: true);
                return new ConstantGenerator(kind, text, kind == ColumnKind.Category ? 0 : Value(column, p, text, what));
            }
            case "faker":
            {
                Require(column, spec, SpecType.String);
                string name = p.IsScalar ? p.Scalar! : ScalarText(p.Get("name") ?? throw SpecError.At(p, $"{what} needs a 'name' ({string.Join(", ", FakerGenerator.Kinds)})."), what + " name");
                if (p.IsMap) Known(p, ["name", "words"], what);
                if (!FakerGenerator.Kinds.Contains(name))
                    throw SpecError.At(p, $"{what}: unknown faker '{name}'{Suggest(name, FakerGenerator.Kinds)}. Fakers: {string.Join(", ", FakerGenerator.Kinds)}.");
                int minWords = name == "words" ? 3 : 4, maxWords = name == "words" ? 3 : 10;
                if (p.Get("words") is { } w)
                {
                    var bounds = ListOf(w, what + " words");
                    if (bounds.Count != 2) throw SpecError.At(w, $"{what} words must be [min, max].");
                    minWords = (int)Integer(bounds[0], what + " words", 1, 1000);
                    maxWords = (int)Integer(bounds[1], what + " words", minWords, 1000);
                }
                string locale;
                try { locale = PiiLocales.Validate(column.Locale ?? PiiLocales.Default); }
                catch (DoppelException e) { throw SpecError.At(column.Node, $"column '{table}.{column.Name}': {e.Message}"); }
                return new FakerGenerator(name, locale, minWords, maxWords, column.Length);
            }
            case "pattern":
            {
                Require(column, spec, SpecType.String);
                var pattern = PatternGenerator.Parse(ScalarText(p, what), out string? error);
                if (error is not null) throw SpecError.At(p, $"{what} '{p.Scalar}': {error}.");
                return pattern;
            }
            case "sequence" or "identity":
            {
                Require(column, spec, SpecType.Integer, SpecType.String);
                if (p.IsMap) Known(p, ["start", "step", "prefix", "width"], what);
                long start = p.Get("start") is { } s ? Integer(s, what + " start", long.MinValue / 2) : 1;
                long step = p.Get("step") is { } st ? Integer(st, what + " step", 1) : 1;
                bool text = column.Type == SpecType.String;
                string prefix = p.Get("prefix") is { } px ? ScalarText(px, what + " prefix") : "";
                int width = p.Get("width") is { } wd ? (int)Integer(wd, what + " width", 1, 30) : 1;
                return new SequenceGenerator(start, step, text, prefix, width);
            }
            case "uuid":
                Require(column, spec, SpecType.String);
                return new UuidGenerator();
            case "datetime":
            {
                Require(column, spec, SpecType.Date, SpecType.Datetime);
                Expect(p, what, map: true);
                Known(p, ["from", "to", "weekdays", "hours"], what);
                var from = Date(p.Get("from") ?? throw SpecError.At(p, $"{what} needs 'from'."), what + " from");
                var to = Date(p.Get("to") ?? throw SpecError.At(p, $"{what} needs 'to'."), what + " to");
                if (to < from) throw SpecError.At(p, $"{what}: 'to' ({to:yyyy-MM-dd HH:mm:ss}) is before 'from' ({from:yyyy-MM-dd HH:mm:ss}).");
                if (column.Type == SpecType.Date) to = to.Date;
                else if (p.Get("to")!.Scalar!.Length == 10) to = to.AddDays(1).AddSeconds(-1); // a date alone means the whole day
                return new DateTimeGenerator(from, to, column.Type == SpecType.Date,
                    p.Get("weekdays") is { } wd ? Weights(wd, 7, what + " weekdays") : null,
                    p.Get("hours") is { } h ? Weights(h, 24, what + " hours") : null);
            }
            default:
                throw SpecError.At(p, $"{what} is not a generator here.");
        }
    }

    /// <summary>A distribution from a generator spec (also the shapes of fan-outs).</summary>
    public static Distribution Distribution(GeneratorSpec spec, string what, bool integer)
    {
        var p = spec.Parameters;
        double Param(string name, double? fallback = null) => p.Get(name) is { } n ? Number(n, $"{what} {name}") : fallback ?? throw SpecError.At(p, $"{what} needs '{name}'.");
        if (spec.Kind != "histogram") { Expect(p, what, map: true); }
        switch (spec.Kind)
        {
            case "uniform":
            {
                Known(p, ["min", "max"], what);
                double low = Param("min"), high = Param("max");
                if (high < low) throw SpecError.At(p, $"{what}: max {high} is below min {low}.");
                if (integer && (low != Math.Floor(low) || high != Math.Floor(high))) throw SpecError.At(p, $"{what}: an integer column's uniform bounds must be whole numbers.");
                return new UniformDistribution(low, high, integer);
            }
            case "normal":
            {
                Known(p, ["mean", "sd"], what);
                double sd = Param("sd");
                if (sd <= 0) throw SpecError.At(p.Get("sd"), $"{what}: sd must be positive.");
                return new NormalDistribution(Param("mean"), sd);
            }
            case "lognormal":
            {
                Known(p, ["mu", "sigma"], what);
                double sigma = Param("sigma");
                if (sigma <= 0) throw SpecError.At(p.Get("sigma"), $"{what}: sigma must be positive.");
                return new LogNormalDistribution(Param("mu"), sigma);
            }
            case "exponential":
            {
                Known(p, ["mean"], what);
                double mean = Param("mean");
                if (mean <= 0) throw SpecError.At(p.Get("mean"), $"{what}: mean must be positive.");
                return new ExponentialDistribution(mean);
            }
            case "poisson":
            {
                Known(p, ["mean"], what);
                double mean = Param("mean");
                if (mean <= 0) throw SpecError.At(p.Get("mean"), $"{what}: mean must be positive.");
                return new PoissonDistribution(mean);
            }
            case "zipf":
            {
                Known(p, ["n", "s"], what);
                long n = p.Get("n") is { } nn ? Integer(nn, what + " n", 1, 10_000_000) : throw SpecError.At(p, $"{what} needs 'n' (the number of ranks).");
                double s = Param("s", 1);
                if (s <= 0) throw SpecError.At(p.Get("s"), $"{what}: s must be positive.");
                return new ZipfDistribution((int)n, s);
            }
            case "histogram":
                return Histogram(p, what);
            default:
                throw SpecError.At(p, $"{what}: '{spec.Kind}' is not a distribution; use uniform, normal, lognormal, exponential, poisson, zipf or histogram.");
        }
    }

    /// <summary><c>{edges: [...], weights: [...]}</c> (a bin of two equal edges is a point mass), <c>{bins: [[low, high, weight], ...]}</c> (bins may overlap), or <c>{value: weight, ...}</c>.</summary>
    private static HistogramDistribution Histogram(SpecNode p, string what)
    {
        Expect(p, what, map: true);
        var bins = new List<(double, double, double)>();
        if (p.Get("bins") is { } binsNode)
        {
            Known(p, ["bins"], what);
            foreach (var bin in ListOf(binsNode, what + " bins"))
            {
                var parts = ListOf(bin, what + " bin");
                if (parts.Count != 3) throw SpecError.At(bin, $"{what}: a bin is [low, high, weight].");
                double low = Number(parts[0], what + " bin low"), high = Number(parts[1], what + " bin high");
                if (high < low) throw SpecError.At(bin, $"{what}: a bin's high {high} is below its low {low}.");
                bins.Add((low, high, Number(parts[2], what + " bin weight")));
            }
        }
        else if (p.Get("edges") is { } edgesNode)
        {
            Known(p, ["edges", "weights"], what);
            var edges = ListOf(edgesNode, what + " edges").Select(e => Number(e, what + " edge")).ToList();
            var weights = ListOf(p.Get("weights") ?? throw SpecError.At(p, $"{what} needs 'weights', one per bin."), what + " weights").Select(w => Number(w, what + " weight")).ToList();
            if (edges.Count < 2 || weights.Count != edges.Count - 1) throw SpecError.At(p, $"{what} has {edges.Count} edges and {weights.Count} weights; n + 1 edges need n weights.");
            for (int i = 0; i < weights.Count; i++)
            {
                if (edges[i + 1] < edges[i]) throw SpecError.At(edgesNode, $"{what} edges must not decrease ({edges[i + 1]} after {edges[i]}).");
                bins.Add((edges[i], edges[i + 1], weights[i]));
            }
        }
        else
        {
            foreach (var (key, value) in p.Entries!)
            {
                if (!double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)) throw SpecError.At(value, $"{what}: '{key}' is not a number; write value: weight, or edges and weights.");
                bins.Add((x, x, Number(value, $"{what} weight of {key}")));
            }
        }
        if (bins.Any(b => b.Item3 < 0) || bins.Sum(b => b.Item3) <= 0) throw SpecError.At(p, $"{what}: weights must be non-negative and not all zero.");
        return new HistogramDistribution(bins);
    }

    private static CategoryGenerator Categories(ColumnSpec column, GeneratorSpec spec, string what)
    {
        var p = spec.Parameters;
        List<(string Label, double Weight, SpecNode Node)> items = p.IsList
            ? [.. p.Items!.Select(i => (ScalarText(i, what + " item"), 1.0, i))]
            : p.IsMap ? [.. p.Entries!.Select(e => (e.Key, Number(e.Value, $"{what} weight of '{e.Key}'"), e.Value))]
            : throw SpecError.At(p, $"{what} must be a list of values or a map of value: weight.");
        if (items.Count == 0) throw SpecError.At(p, $"{what} is empty.");
        if (items.Any(i => i.Weight < 0) || items.Sum(i => i.Weight) <= 0) throw SpecError.At(p, $"{what}: weights must be non-negative and not all zero.");
        var duplicate = items.GroupBy(i => i.Label).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw SpecError.At(p, $"{what} lists '{duplicate.Key}' twice.");
        var kind = KindOf(column.Type, text: true);
        if (kind == ColumnKind.DateTime) throw SpecError.At(p, $"{what}: dates cannot be categories; use datetime with weekday and hour profiles.");
        var labels = items.Select(i => column.Length is { } n && i.Label.Length > n ? throw SpecError.At(i.Node, $"{what}: '{i.Label}' is longer than the column's length {n}.") : i.Label).ToArray();
        double[] numbers = kind == ColumnKind.Category ? [] : [.. items.Select(i => Value(column, i.Node, i.Label, what))];
        return new CategoryGenerator(kind, labels, numbers, [.. items.Select(i => i.Weight)]);
    }

    private static double Value(ColumnSpec column, SpecNode node, string text, string what) => column.Type switch
    {
        SpecType.Boolean => text switch { "true" => 1, "false" => 0, _ => throw SpecError.At(node, $"{what}: '{text}' is not true or false.") },
        SpecType.Date or SpecType.Datetime => Date(node, what).Ticks,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && (column.Type != SpecType.Integer || x == Math.Floor(x))
            ? x : throw SpecError.At(node, $"{what}: '{text}' is not {(column.Type == SpecType.Integer ? "a whole number" : "a number")}."),
    };

    /// <summary>How values of a spec type are stored (text as dictionary codes where the generator has a fixed list).</summary>
    public static ColumnKind KindOf(SpecType type, bool text) => type switch
    {
        SpecType.Integer or SpecType.Decimal => ColumnKind.Number,
        SpecType.Boolean => ColumnKind.Boolean,
        SpecType.Date or SpecType.Datetime => ColumnKind.DateTime,
        _ => text ? ColumnKind.Category : ColumnKind.String,
    };

    private static void Require(ColumnSpec column, GeneratorSpec spec, params SpecType[] types)
    {
        if (!types.Contains(column.Type))
            throw SpecError.At(spec.Parameters, $"column '{column.Name}' is {column.Type.ToString().ToLowerInvariant()}, but {spec.Kind} makes {string.Join(" or ", types.Select(t => t.ToString().ToLowerInvariant()))} values.");
    }

    public static DateTime Date(SpecNode node, string what)
    {
        string text = ScalarText(node, what);
        foreach (string format in new[] { "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm" })
            if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw SpecError.At(node, $"{what} '{text}' is not a date; write yyyy-MM-dd or yyyy-MM-dd HH:mm:ss.");
    }

    private static double[] Weights(SpecNode node, int count, string what)
    {
        var weights = ListOf(node, what).Select(w => Number(w, what)).ToArray();
        if (weights.Length != count) throw SpecError.At(node, $"{what} has {weights.Length} weights; give {count}{(count == 7 ? " (Monday to Sunday)" : " (hours 0 to 23)")}.");
        if (weights.Any(w => w < 0) || weights.Sum() <= 0) throw SpecError.At(node, $"{what}: weights must be non-negative and not all zero.");
        return weights;
    }
}
