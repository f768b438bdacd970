using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Doppel.Schema.Spec;

/// <summary>Reads a spec from YAML (docs/schema-spec.md): unknown keys are refused, every error names its line and column.</summary>
public static class SpecYaml
{
    /// <summary>The generator keys a column may carry (exactly one, or none for a foreign-key column).</summary>
    public static readonly IReadOnlyList<string> GeneratorKinds =
        ["uniform", "normal", "lognormal", "exponential", "poisson", "zipf", "histogram", "categories", "faker", "pattern", "sequence", "identity", "datetime", "formula", "uuid", "constant"];

    internal static readonly string[] ColumnKeys = ["type", "nulls", "unique", "min", "max", "decimals", "format", "length", "sql", "default", "locale", "guessed"];
    internal static readonly string[] TableKeys = ["rows", "key", "unique", "constraints", "sql_checks", "foreign_keys", "correlations", "columns"];

    /// <summary>Reads the spec file at <paramref name="path"/>.</summary>
    public static SchemaSpec Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DoppelException(ErrorKind.IO, $"Cannot read the spec {path}: {e.Message}", e); }
        return Parse(text, path);
    }

    /// <summary>Reads a spec from YAML text; <paramref name="source"/> names it in errors.</summary>
    public static SchemaSpec Parse(string text, string source = "spec")
    {
        SpecNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) throw new DoppelException(ErrorKind.Metadata, $"{source} is empty; a spec starts with 'doppel: {SchemaSpec.FormatId}'.");
            root = Convert(stream.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            throw new DoppelException(ErrorKind.Metadata, $"{source} is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        try { return Read(root); }
        catch (DoppelException e) when (e.Message.StartsWith("Spec ", StringComparison.Ordinal))
        {
            throw new DoppelException(e.Kind, source + e.Message[4..], e);
        }
    }

    private static SpecNode Convert(YamlNode node)
    {
        int line = (int)node.Start.Line, column = (int)node.Start.Column;
        switch (node)
        {
            case YamlScalarNode scalar:
                return SpecNode.Text(scalar.Value ?? "", line, column, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted);
            case YamlSequenceNode list:
                return SpecNode.List(list.Children.Select(Convert), line, column);
            case YamlMappingNode map:
                var result = SpecNode.Map(line, column);
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name }) throw SpecError.At(Convert(key), "a key must be a plain name.");
                    if (result.Get(name) is not null) throw SpecError.At(Convert(key), $"'{name}' is given twice.");
                    result.Add(name, Convert(value));
                }
                return result;
            default:
                throw SpecError.At(SpecNode.Text("", line, column), "aliases and tags are not supported; write the value out.");
        }
    }

    private static SchemaSpec Read(SpecNode root)
    {
        Expect(root, "the spec", map: true);
        Known(root, ["doppel", "seed", "tables"], "the spec");
        var format = root.Get("doppel") ?? throw SpecError.At(root, $"the first key must be 'doppel: {SchemaSpec.FormatId}' (the format and its version).");
        if (format.Scalar != SchemaSpec.FormatId)
        {
            if (format.Scalar is { } f && f.StartsWith("schema/", StringComparison.Ordinal))
                throw SpecError.At(format, $"format '{f}' is newer than this Doppel reads ({SchemaSpec.FormatId}); update Doppel.");
            throw SpecError.At(format, $"'doppel' must be '{SchemaSpec.FormatId}', not '{format.Scalar}'.");
        }
        ulong? seed = root.Get("seed") is { } s ? (ulong)Integer(s, "seed", 0) : null;
        var tablesNode = root.Get("tables") ?? throw SpecError.At(root, "'tables' is missing; declare at least one table.");
        Expect(tablesNode, "'tables'", map: true);
        if (tablesNode.Entries!.Count == 0) throw SpecError.At(tablesNode, "'tables' is empty; declare at least one table.");
        var tables = tablesNode.Entries.Select(e => ReadTable(e.Key, e.Value)).ToList();
        return new SchemaSpec { Tables = tables, Seed = seed };
    }

    private static TableSpec ReadTable(string name, SpecNode node)
    {
        string what = $"table '{name}'";
        Expect(node, what, map: true);
        Known(node, TableKeys, what);
        long? rows = node.Get("rows") is { } r ? Integer(r, what + " rows", 0) : null;
        var columnsNode = node.Get("columns") ?? throw SpecError.At(node, $"{what} has no 'columns'.");
        Expect(columnsNode, what + " columns", map: true);
        if (columnsNode.Entries!.Count == 0) throw SpecError.At(columnsNode, $"{what} has no columns.");
        var columns = columnsNode.Entries.Select(e => ReadColumn(name, e.Key, e.Value)).ToList();
        return new TableSpec
        {
            Name = name,
            Rows = rows,
            Columns = columns,
            Key = node.Get("key") is { } k ? Names(k, what + " key") : [],
            Unique = node.Get("unique") is { } u ? ListOf(u, what + " unique").Select(i => Names(i, what + " unique")).ToList() : [],
            Constraints = node.Get("constraints") is { } c ? ListOf(c, what + " constraints").Select(i => ScalarText(i, what + " constraint")).ToList() : [],
            SqlChecks = node.Get("sql_checks") is { } sc ? SqlChecks(sc, what + " sql_checks") : [],
            ForeignKeys = node.Get("foreign_keys") is { } f ? ListOf(f, what + " foreign_keys").Select(i => ReadForeignKey(what, i)).ToList() : [],
            Correlations = node.Get("correlations") is { } co ? ListOf(co, what + " correlations").Select(i => ReadCorrelation(what, i)).ToList() : [],
            Node = node,
        };
    }

    private static List<SqlCheckSpec> SqlChecks(SpecNode node, string what)
    {
        Expect(node, what, map: true);
        return [.. node.Entries!.Select(e => new SqlCheckSpec(e.Key, ScalarText(e.Value, $"{what} '{e.Key}'")))];
    }

    private static ColumnSpec ReadColumn(string table, string name, SpecNode node)
    {
        string what = $"column '{table}.{name}'";
        Expect(node, what, map: true);
        var generators = node.Entries!.Where(e => GeneratorKinds.Contains(e.Key)).ToList();
        foreach (var entry in node.Entries!)
            if (!ColumnKeys.Contains(entry.Key) && !GeneratorKinds.Contains(entry.Key))
                throw SpecError.At(entry.Value, $"{what} has an unknown key '{entry.Key}'{Suggest(entry.Key, [.. ColumnKeys, .. GeneratorKinds])}. Generators: {string.Join(", ", GeneratorKinds)}; other keys: {string.Join(", ", ColumnKeys)}.");
        if (generators.Count > 1) throw SpecError.At(generators[1].Value, $"{what} has two generators ({generators[0].Key} and {generators[1].Key}); keep one.");
        var typeNode = node.Get("type") ?? throw SpecError.At(node, $"{what} has no 'type' (integer, decimal, string, boolean, date or datetime).");
        if (!Enum.TryParse<SpecType>(typeNode.Scalar, ignoreCase: true, out var type) || typeNode.Scalar!.Any(char.IsDigit))
            throw SpecError.At(typeNode, $"{what} has type '{typeNode.Scalar}'; use integer, decimal, string, boolean, date or datetime.");
        double nulls = node.Get("nulls") is { } n ? Number(n, what + " nulls") : 0;
        if (nulls is < 0 or >= 1) throw SpecError.At(node.Get("nulls"), $"{what} nulls is {nulls}; give a share from 0 up to (not including) 1.");
        return new ColumnSpec
        {
            Name = name,
            Type = type,
            Generator = generators.Count == 1 ? new GeneratorSpec(generators[0].Key, generators[0].Value) : null,
            Nulls = nulls,
            Unique = node.Get("unique") is { } u && Bool(u, what + " unique"),
            Min = node.Get("min") is { } mn ? Number(mn, what + " min") : null,
            Max = node.Get("max") is { } mx ? Number(mx, what + " max") : null,
            Decimals = node.Get("decimals") is { } d ? (int)Integer(d, what + " decimals", 0, 15) : null,
            Format = node.Get("format") is { } f ? ScalarText(f, what + " format") : null,
            Length = node.Get("length") is { } l ? (int)Integer(l, what + " length", 1, int.MaxValue) : null,
            Sql = node.Get("sql") is { } s ? ScalarText(s, what + " sql") : null,
            Default = node.Get("default") is { } df ? ScalarText(df, what + " default") : null,
            Locale = node.Get("locale") is { } lc ? ScalarText(lc, what + " locale") : null,
            Guessed = node.Get("guessed") is { } g ? ScalarText(g, what + " guessed") : null,
            Node = node,
        };
    }

    private static ForeignKeySpec ReadForeignKey(string table, SpecNode node)
    {
        string what = $"{table} foreign key";
        Expect(node, what, map: true);
        Known(node, ["columns", "references", "parent_columns", "name", "fanout"], what);
        return new ForeignKeySpec
        {
            Columns = Names(node.Get("columns") ?? throw SpecError.At(node, $"{what} has no 'columns'."), what + " columns"),
            References = ScalarText(node.Get("references") ?? throw SpecError.At(node, $"{what} has no 'references' (the parent table)."), what + " references"),
            ParentColumns = node.Get("parent_columns") is { } p ? Names(p, what + " parent_columns") : [],
            Name = node.Get("name") is { } n ? ScalarText(n, what + " name") : null,
            FanOut = node.Get("fanout") is { } f ? ReadFanOut(what, f) : null,
            Node = node,
        };
    }

    private static FanOutSpec ReadFanOut(string what, SpecNode node)
    {
        what += " fanout";
        Expect(node, what, map: true);
        string[] shapes = ["uniform", "poisson", "zipf", "histogram", "normal", "lognormal", "exponential"];
        Known(node, ["min", "max", .. shapes], what);
        var distributions = node.Entries!.Where(e => shapes.Contains(e.Key)).ToList();
        if (distributions.Count > 1) throw SpecError.At(distributions[1].Value, $"{what} has two shapes ({distributions[0].Key} and {distributions[1].Key}); keep one.");
        return new FanOutSpec
        {
            Min = node.Get("min") is { } mn ? Integer(mn, what + " min", 0) : 0,
            Max = node.Get("max") is { } mx ? Integer(mx, what + " max", 0) : null,
            Distribution = distributions.Count == 1 ? new GeneratorSpec(distributions[0].Key, distributions[0].Value) : null,
            Node = node,
        };
    }

    private static CorrelationSpec ReadCorrelation(string table, SpecNode node)
    {
        string what = $"{table} correlation";
        Expect(node, what, map: true);
        Known(node, ["columns", "rank"], what);
        var columns = Names(node.Get("columns") ?? throw SpecError.At(node, $"{what} has no 'columns'."), what);
        if (columns.Count != 2) throw SpecError.At(node, $"{what} names {columns.Count} columns; a correlation is between two.");
        double rank = Number(node.Get("rank") ?? throw SpecError.At(node, $"{what} has no 'rank' (Spearman's rho)."), what + " rank");
        if (rank is <= -1 or >= 1) throw SpecError.At(node.Get("rank"), $"{what} rank is {rank}; give a value strictly between -1 and 1.");
        return new CorrelationSpec { Columns = columns, Rank = rank, Node = node };
    }

    internal static void Expect(SpecNode node, string what, bool map = false, bool list = false)
    {
        if (map && !node.IsMap) throw SpecError.At(node, $"{what} must be a map of 'key: value' lines.");
        if (list && !node.IsList) throw SpecError.At(node, $"{what} must be a list.");
    }

    internal static void Known(SpecNode node, IReadOnlyList<string> keys, string what)
    {
        foreach (var entry in node.Entries!)
            if (!keys.Contains(entry.Key))
                throw SpecError.At(entry.Value, $"{what} has an unknown key '{entry.Key}'{Suggest(entry.Key, keys)}; known keys: {string.Join(", ", keys)}.");
    }

    internal static string Suggest(string name, IEnumerable<string> known)
    {
        var best = known.Select(k => (k, d: Distance(name, k))).OrderBy(p => p.d).FirstOrDefault();
        return best.k is not null && best.d <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best.k}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int previous = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }

    internal static List<SpecNode> ListOf(SpecNode node, string what)
    {
        if (node.IsList) return node.Items!;
        throw SpecError.At(node, $"{what} must be a list (one '- item' per line, or [a, b]).");
    }

    /// <summary>One name or a list of names.</summary>
    internal static List<string> Names(SpecNode node, string what) =>
        node.IsScalar ? [node.Scalar!] : [.. ListOf(node, what).Select(i => ScalarText(i, what))];

    internal static string ScalarText(SpecNode node, string what) =>
        node.Scalar ?? throw SpecError.At(node, $"{what} must be a single value.");

    internal static double Number(SpecNode node, string what)
    {
        if (node.Scalar is { } s && !node.Quoted && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)) return value;
        throw SpecError.At(node, $"{what} must be a number, not '{node.Scalar ?? "a list or map"}'.");
    }

    internal static long Integer(SpecNode node, string what, long min, long max = long.MaxValue)
    {
        if (node.Scalar is { } s && !node.Quoted && long.TryParse(s.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
        {
            if (value < min || value > max) throw SpecError.At(node, $"{what} is {value}; it must be {(max == long.MaxValue ? $"at least {min}" : $"from {min} to {max}")}.");
            return value;
        }
        throw SpecError.At(node, $"{what} must be a whole number, not '{node.Scalar ?? "a list or map"}'.");
    }

    internal static bool Bool(SpecNode node, string what) => node.Scalar switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => throw SpecError.At(node, $"{what} must be true or false, not '{node.Scalar}'."),
    };
}
