using System.Text.RegularExpressions;
using Doppel.Metadata;
using Doppel.Schema.Generators;
using Doppel.Schema.Spec;

namespace Doppel.Schema.Generation;

/// <summary>
/// The SQL a spec declares (column types and lengths, NOT NULL, defaults, identities, UNIQUE sets, CHECKs) as the
/// <see cref="SqlSchema"/> a database sink recreates after the data. Types are written as PostgreSQL's catalog
/// spells them (<c>varchar(40)</c> becomes <c>character varying(40)</c>), so the sink reads them as it reads a
/// live catalog's.
/// </summary>
internal static partial class SqlDeclarations
{
    /// <summary>
    /// The declarations of the planned tables, or null when the spec declares no SQL and no uniqueness at all (a
    /// hand-written spec's <c>unique</c> columns and sets become UNIQUE constraints, its other columns the sink's
    /// default types).
    /// </summary>
    public static SqlSchema? Of(IReadOnlyList<TablePlan> tables)
    {
        if (!tables.Any(t => t.Spec.SqlChecks.Count > 0 || t.Spec.Constraints.Count > 0 || t.Columns.Any(c => c.Spec.Sql is not null || c.Spec.Unique)
                || t.Spec.Unique.Any(u => !u.SequenceEqual(t.Spec.Key)))) return null;
        var enums = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var declared = tables.Select(t => Table(t, enums)).ToList();
        return new SqlSchema(SqlSchema.PostgreSql, declared) { Enums = [.. enums.Select(e => new SqlEnum(e.Key, e.Value))] };
    }

    /// <summary>Base types PostgreSQL defines; any other bare name on a column drawn from categories is an enum type.</summary>
    private static readonly HashSet<string> BuiltIn = new(StringComparer.Ordinal)
    {
        "text", "citext", "name", "varchar", "character varying", "char", "character", "bpchar", "smallint", "integer", "int",
        "int2", "int4", "int8", "bigint", "serial", "bigserial", "smallserial", "numeric", "decimal", "real", "float4",
        "float8", "double precision", "money", "boolean", "bool", "date", "time", "timetz", "timestamp", "timestamptz",
        "interval", "uuid", "json", "jsonb", "xml", "bytea", "inet", "cidr", "macaddr", "bit", "varbit",
    };

    /// <summary>
    /// A column whose SQL type is a name PostgreSQL does not define and whose values are a category list is an enum
    /// (<c>CREATE TYPE tier AS ENUM</c> in the DDL): its type is created in the target schema with the labels in the
    /// spec's order (columns sharing the type add theirs), and the column refers to it without the source's schema.
    /// </summary>
    private static string? EnumType(ColumnPlan column, string type, Dictionary<string, List<string>> enums)
    {
        if (column.Generator is not CategoryGenerator { Categories: { } labels } || type.Contains('(') || type.Contains(' ') || BuiltIn.Contains(type)) return null;
        string name = type[(type.LastIndexOf('.') + 1)..];
        if (!enums.TryGetValue(name, out var list)) enums[name] = list = [];
        foreach (string label in labels) if (!list.Contains(label)) list.Add(label);
        return name;
    }

    private static SqlTable Table(TablePlan plan, Dictionary<string, List<string>> enums)
    {
        var columns = plan.Columns.Where(c => c.Spec.Sql is not null).Select(c =>
        {
            var column = Column(plan.Name, c.Spec);
            return EnumType(c, column.Type, enums) is { } type ? column with { Type = type } : column;
        }).ToList();
        var uniques = plan.Spec.Unique.Where(u => !u.SequenceEqual(plan.Spec.Key))
            .Concat(plan.Columns.Where(c => c.Spec.Unique).Select(c => (IReadOnlyList<string>)[c.Name]))
            .DistinctBy(u => string.Join('\0', u))
            .Select(u => new SqlUnique(Shorten($"{plan.Name}_{string.Join('_', u)}_key"), u)).ToList();
        var names = plan.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var checks = plan.Spec.SqlChecks.Select(c => new SqlCheck(c.Name, $"CHECK ({c.Condition})", ColumnsRead(c.Condition, names))).ToList();
        // A table that declares its CHECKs (a spec from DDL or a catalog) keeps exactly those; a hand-written table's
        // constraints become CHECKs where they are plain SQL already.
        if (plan.Spec.SqlChecks.Count == 0)
            foreach (string constraint in plan.Spec.Constraints)
                if (AsSql(constraint, names) is { } condition)
                    checks.Add(new SqlCheck(Shorten($"{plan.Name}_check" + (checks.Count == 0 ? "" : checks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))), $"CHECK ({condition})", ColumnsRead(condition, names)));
        return new SqlTable(plan.Name, columns) { Uniques = uniques, Checks = checks };
    }

    private static SqlColumn Column(string table, ColumnSpec spec)
    {
        string type = Whitespace().Replace(spec.Sql!.Trim().ToLowerInvariant(), " ");
        string? identity = null, defaultValue = spec.Default;
        if (IdentityClause().Match(type) is { Success: true } m)
        {
            identity = m.Groups[1].Value;
            type = type.Remove(m.Index, m.Length).Trim();
        }
        bool notNull = NotNull().IsMatch(type);
        type = NotNull().Replace(type, "").Trim();
        if (notNull && spec.Nulls > 0)
            throw SpecError.At(spec.Node, $"column '{table}.{spec.Name}' is declared '{spec.Sql}' but has nulls {spec.Nulls}; a NOT NULL column cannot be empty.");
        if (type is "serial" or "bigserial" or "smallserial" || defaultValue?.StartsWith("nextval(", StringComparison.OrdinalIgnoreCase) == true)
        {
            // The sequence belongs to the source database; the sink creates the target's own.
            identity ??= "serial";
            defaultValue = null;
        }
        return new SqlColumn(spec.Name, CatalogSpelling(type), notNull) { Default = defaultValue, Identity = identity };
    }

    /// <summary>A type as <c>format_type</c> prints it: <c>int4</c> is <c>integer</c>, <c>varchar(n)</c> is <c>character varying(n)</c>.</summary>
    internal static string CatalogSpelling(string type)
    {
        type = Whitespace().Replace(type.Trim().ToLowerInvariant(), " ");
        int open = type.IndexOf('('), close = type.IndexOf(')');
        bool parenthesized = open > 0 && close > open;
        string name = parenthesized ? type[..open].Trim() : type;
        string args = parenthesized ? type[(open + 1)..close].Replace(" ", "", StringComparison.Ordinal) : "";
        string rest = parenthesized ? type[(close + 1)..].Trim() : "";
        string Args() => args.Length > 0 ? $"({args})" : "";
        return name switch
        {
            "int2" or "smallserial" => "smallint",
            "int" or "int4" or "serial" => "integer",
            "int8" or "bigserial" => "bigint",
            "float4" => "real",
            "float8" or "float" => "double precision",
            "bool" => "boolean",
            "decimal" or "numeric" => "numeric" + Args(),
            "varchar" or "character varying" => "character varying" + Args(),
            "char" or "character" => "character" + (args.Length > 0 ? Args() : "(1)"),
            "timestamptz" => $"timestamp{Args()} with time zone",
            "timestamp" when rest is "" or "without time zone" => $"timestamp{Args()} without time zone",
            "timestamp" when rest == "with time zone" => $"timestamp{Args()} with time zone",
            "time" when rest is "" or "without time zone" => $"time{Args()} without time zone",
            _ => type,
        };
    }

    private static readonly HashSet<string> SqlWords = new(StringComparer.OrdinalIgnoreCase) { "and", "or", "not", "in", "is", "null", "true", "false", "between" };

    /// <summary>
    /// A constraint as a SQL condition when it is plain SQL already: comparisons, arithmetic, and/or/not, in, between,
    /// is null over the table's columns and literals; null for what only Doppel reads (<c>matches(...)</c>,
    /// <c>unique(...)</c>, other names).
    /// </summary>
    internal static string? AsSql(string constraint, HashSet<string> columns)
    {
        var literals = new List<string>();
        string body = SqlConditions.WithoutLiterals(constraint, literals);
        if (SqlConditions.CallsOtherThan(body, []) || !SqlConditions.IsPlain(body)) return null;
        foreach (Match word in Word().Matches(body))
            if (!SqlWords.Contains(word.Value) && !columns.Contains(word.Value.Trim('"'))) return null;
        // Columns quoted, as the sinks create them (mixed case, reserved words); operators in SQL's spelling.
        body = Word().Replace(body, w => SqlWords.Contains(w.Value) ? w.Value : $"\"{w.Value.Trim('"')}\"");
        body = body.Replace("==", "=", StringComparison.Ordinal).Replace("!=", "<>", StringComparison.Ordinal);
        return SqlConditions.WithLiterals(body, literals);
    }

    /// <summary>The table's columns a condition reads (its words that name columns), so a sink can drop a CHECK on a left-out column.</summary>
    private static List<string> ColumnsRead(string condition, HashSet<string> columns) =>
        [.. Word().Matches(condition).Select(w => w.Value.Trim('"')).Where(columns.Contains).Distinct()];

    // PostgreSQL cuts identifiers at 63 bytes.
    private static string Shorten(string name) => name.Length <= 63 ? name : name[..63];

    [GeneratedRegex(@"\s*\bgenerated (always|by default) as identity\b")]
    private static partial Regex IdentityClause();
    [GeneratedRegex(@"\s*\bnot null\b")]
    private static partial Regex NotNull();
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
    [GeneratedRegex(@"""[^""]+""|[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Word();
}
