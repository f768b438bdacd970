using System.Globalization;
using System.Text.RegularExpressions;
using Doppel.Expressions;
using Doppel.Metadata;
using Doppel.Schema.Spec;

namespace Doppel.Schema.Import;

/// <summary>
/// Reads PostgreSQL DDL as pg_dump writes it into a starting spec: CREATE TABLE (types, lengths, NOT NULL, DEFAULT,
/// inline keys and checks), CREATE TYPE ... AS ENUM, ALTER TABLE ... ADD CONSTRAINT (PRIMARY KEY, UNIQUE, FOREIGN
/// KEY, CHECK), identity and serial columns. Range and IN-list checks become generator bounds and categories; other
/// checks become constraints when the constraint language can read them. COPY data, INSERTs and every other
/// statement are skipped and counted in the spec's notes. Generators are guessed (<see cref="GeneratorGuess"/>) and
/// every guess is marked.
/// </summary>
public static partial class PostgresDdl
{
    /// <summary>Reads the DDL file at <paramref name="path"/>.</summary>
    public static SchemaSpec Load(string path, long defaultRows = 1000)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DoppelException(ErrorKind.IO, $"Cannot read {path}: {e.Message}", e); }
        return Parse(text, defaultRows, Path.GetFileName(path));
    }

    /// <summary>Reads DDL text; tables get <paramref name="defaultRows"/> rows (junction tables: their fan-out's sum).</summary>
    public static SchemaSpec Parse(string sql, long defaultRows = 1000, string source = "DDL")
    {
        var statements = SqlText.Statements(sql, out int copyBlocks);
        var tables = new Dictionary<string, SqlTable>(StringComparer.Ordinal);
        var order = new List<SqlTable>();
        var enums = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var (text, line) in statements)
        {
            if (CreateType().Match(text) is { Success: true } type)
            {
                enums[SqlText.Name(type.Groups[1].Value)] = [.. SqlText.SplitTopLevel(SqlText.Parenthesized(text, type.Index + type.Length - 1).Inner).Select(Unquote)];
                continue;
            }
            if (CreateTable().Match(text) is { Success: true } create)
            {
                var table = new SqlTable { Name = SqlText.Name(create.Groups[1].Value), Line = line };
                if (tables.ContainsKey(table.Name)) throw new DoppelException(ErrorKind.Metadata, $"{source} line {line}: table '{table.Name}' is created twice.");
                foreach (string element in SqlText.SplitTopLevel(SqlText.Parenthesized(text, create.Index + create.Length - 1).Inner))
                    Element(table, element, notes, source, line);
                tables[table.Name] = table;
                order.Add(table);
                continue;
            }
            if (AlterTable().Match(text) is { Success: true } alter)
            {
                string name = SqlText.Name(alter.Groups[1].Value);
                string rest = text[alter.Length..].Trim();
                if (!tables.TryGetValue(name, out var table)) { notes.Add($"line {line}: ALTER TABLE of unknown table '{name}' skipped."); continue; }
                if (AddConstraint().Match(rest) is { Success: true } add) { Constraint(table, add.Groups[1].Success ? SqlText.Name(add.Groups[1].Value) : null, rest[add.Length..].Trim(), notes, line); continue; }
                if (SetDefault().Match(rest) is { Success: true } def && table.Find(SqlText.Name(def.Groups[1].Value)) is { } column)
                {
                    column.Default = def.Groups[2].Value.Trim();
                    column.Identity |= column.Default.StartsWith("nextval(", StringComparison.OrdinalIgnoreCase);
                    continue;
                }
                if (AddIdentity().Match(rest) is { Success: true } id && table.Find(SqlText.Name(id.Groups[1].Value)) is { } idColumn) { idColumn.Identity = true; continue; }
                Skip(skipped, "ALTER TABLE " + string.Join(' ', rest.Split(' ').Take(2)).ToUpperInvariant());
                continue;
            }
            Skip(skipped, Kind(text));
        }
        if (order.Count == 0) throw new DoppelException(ErrorKind.Metadata, $"{source} holds no CREATE TABLE statement; give the schema's DDL (pg_dump --schema-only writes it).");
        if (copyBlocks > 0) notes.Insert(0, $"{copyBlocks} COPY data block(s) skipped: a spec holds no rows.");
        foreach (var (kind, count) in skipped) notes.Add($"{count} {kind} statement(s) skipped.");
        return new SchemaSpec { Tables = [.. order.Select(t => GeneratorGuess.Table(t, tables, enums, defaultRows, notes))], Notes = notes };
    }

    private static void Skip(SortedDictionary<string, int> skipped, string kind) => skipped[kind] = skipped.GetValueOrDefault(kind) + 1;

    private static string Kind(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "empty" : words[0].ToUpperInvariant() switch
        {
            "CREATE" or "DROP" or "ALTER" or "COMMENT" when words.Length > 1 => words[0].ToUpperInvariant() + " " + (words[1].ToUpperInvariant() is "UNIQUE" or "OR" && words.Length > 2 ? words[2].ToUpperInvariant() : words[1].ToUpperInvariant()),
            var w => w,
        };
    }

    private static string Unquote(string text)
    {
        text = text.Trim();
        int cast = text.IndexOf("::", StringComparison.Ordinal);
        if (cast > 0 && text[0] == '\'') text = text[..cast];
        return text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' ? text[1..^1].Replace("''", "'", StringComparison.Ordinal) : text;
    }

    private static void Element(SqlTable table, string element, List<string> notes, string source, int line)
    {
        if (TableConstraint().Match(element) is { Success: true } tc)
        {
            Constraint(table, tc.Groups[1].Success ? SqlText.Name(tc.Groups[1].Value) : null, element[tc.Length..].Trim(), notes, line);
            return;
        }
        if (element.StartsWith("PRIMARY KEY", StringComparison.OrdinalIgnoreCase) || element.StartsWith("UNIQUE", StringComparison.OrdinalIgnoreCase)
            || element.StartsWith("FOREIGN KEY", StringComparison.OrdinalIgnoreCase) || element.StartsWith("CHECK", StringComparison.OrdinalIgnoreCase))
        {
            Constraint(table, null, element, notes, line);
            return;
        }
        if (element.StartsWith("EXCLUDE", StringComparison.OrdinalIgnoreCase) || element.StartsWith("LIKE", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add($"line {line}: table '{table.Name}': '{element}' skipped.");
            return;
        }
        var m = ColumnDefinition().Match(element);
        if (!m.Success) throw new DoppelException(ErrorKind.Metadata, $"{source} line {line}: cannot read the column definition '{element}' of table '{table.Name}'.");
        string name = SqlText.Name(m.Groups[1].Value);
        string rest = m.Groups[2].Value;
        int cut = ConstraintStart().Match(rest) is { Success: true } s ? s.Index : rest.Length;
        var column = new SqlColumn { Name = name, Type = Regex.Replace(rest[..cut].Trim().ToLowerInvariant(), @"\s+", " ") };
        string constraints = rest[cut..];
        column.NotNull = NotNull().IsMatch(constraints);
        if (DefaultValue().Match(constraints) is { Success: true } d)
        {
            column.Default = d.Groups[1].Value.Trim();
            column.Identity |= column.Default.StartsWith("nextval(", StringComparison.OrdinalIgnoreCase);
        }
        column.Identity |= column.Type.Contains("serial", StringComparison.Ordinal) || constraints.Contains("IDENTITY", StringComparison.OrdinalIgnoreCase);
        table.Columns.Add(column);
        if (Regex.IsMatch(constraints, @"\bPRIMARY\s+KEY\b", RegexOptions.IgnoreCase)) { table.Key = [name]; column.NotNull = true; }
        if (Regex.IsMatch(constraints, @"\bUNIQUE\b", RegexOptions.IgnoreCase)) table.Unique.Add([name]);
        if (InlineReference().Match(constraints) is { Success: true } r)
            table.ForeignKeys.Add((null, [name], SqlText.Name(r.Groups[1].Value), r.Groups[2].Success ? SqlText.Names(r.Groups[2].Value) : []));
        int check = constraints.IndexOf("CHECK", StringComparison.OrdinalIgnoreCase);
        if (check >= 0) Check(table, null, SqlText.Parenthesized(constraints, constraints.IndexOf('(', check)).Inner, notes, line);
    }

    private static void Constraint(SqlTable table, string? name, string body, List<string> notes, int line)
    {
        int open = body.IndexOf('(');
        if (body.StartsWith("PRIMARY KEY", StringComparison.OrdinalIgnoreCase) && open > 0)
        {
            table.Key = SqlText.Names(SqlText.Parenthesized(body, open).Inner);
            foreach (string key in table.Key) if (table.Find(key) is { } c) c.NotNull = true;
        }
        else if (body.StartsWith("UNIQUE", StringComparison.OrdinalIgnoreCase) && open > 0) table.Unique.Add(SqlText.Names(SqlText.Parenthesized(body, open).Inner));
        else if (body.StartsWith("FOREIGN KEY", StringComparison.OrdinalIgnoreCase) && open > 0)
        {
            var (inner, end) = SqlText.Parenthesized(body, open);
            var r = Reference().Match(body[end..]);
            if (!r.Success) { notes.Add($"line {line}: table '{table.Name}': foreign key '{body}' skipped (no REFERENCES)."); return; }
            table.ForeignKeys.Add((name, SqlText.Names(inner), SqlText.Name(r.Groups[1].Value), r.Groups[2].Success ? SqlText.Names(r.Groups[2].Value) : []));
        }
        else if (body.StartsWith("CHECK", StringComparison.OrdinalIgnoreCase) && open > 0) Check(table, name, SqlText.Parenthesized(body, open).Inner, notes, line);
        else notes.Add($"line {line}: table '{table.Name}': constraint '{body}' skipped.");
    }

    /// <summary>A range check becomes a column's bounds, an IN-list its categories; anything else a constraint the spec enforces. The SQL text is kept too.</summary>
    internal static void Check(SqlTable table, string? name, string expression, List<string> notes, int line)
    {
        // Kept as declared for database sinks, whatever generation makes of it below.
        string declaredName = name ?? (table.SqlChecks.Count == 0 ? $"{table.Name}_check" : $"{table.Name}_check{table.SqlChecks.Count}");
        table.SqlChecks.Add(new Spec.SqlCheckSpec(declaredName, expression.Trim()));
        string text = StripCasts(expression.Trim());
        while (text.StartsWith('(') && SqlText.Parenthesized(text, 0).End == text.Length) text = text[1..^1].Trim();
        var parts = Regex.Split(text, @"\s+AND\s+", RegexOptions.IgnoreCase).Select(p => p.Trim().Trim('(', ')').Trim()).ToList();
        if (Between().Match(text) is { Success: true } b && table.Find(SqlText.Name(b.Groups[1].Value)) is { } bc)
        {
            bc.Min = Number(b.Groups[2].Value);
            bc.Max = Number(b.Groups[3].Value);
            return;
        }
        if (InList().Match(text) is { Success: true } inList && table.Find(SqlText.Name(inList.Groups[1].Value)) is { } ic)
        {
            ic.Allowed = [.. SqlText.SplitTopLevel(inList.Groups[2].Value).Select(Unquote)];
            return;
        }
        if (AnyArray().Match(text) is { Success: true } any && table.Find(SqlText.Name(any.Groups[1].Value)) is { } ac)
        {
            ac.Allowed = [.. SqlText.SplitTopLevel(any.Groups[2].Value).Select(Unquote)];
            return;
        }
        if (parts.All(p => Bound().IsMatch(p)))
        {
            foreach (string part in parts)
            {
                var m = Bound().Match(part);
                if (table.Find(SqlText.Name(m.Groups[1].Value)) is not { } column) { parts.Clear(); break; }
                double value = Number(m.Groups[3].Value);
                switch (m.Groups[2].Value)
                {
                    case ">=": column.Min = Math.Max(column.Min ?? double.NegativeInfinity, value); break;
                    case ">": column.Min = Math.Max(column.Min ?? double.NegativeInfinity, NextUp(column, value)); break;
                    case "<=": column.Max = Math.Min(column.Max ?? double.PositiveInfinity, value); break;
                    default: column.Max = Math.Min(column.Max ?? double.PositiveInfinity, NextDown(column, value)); break;
                }
            }
            if (parts.Count > 0) return;
        }
        // Other checks: the constraint language reads SQL's comparisons once <> and the keywords are spelled its way.
        string translated = Regex.Replace(text.Replace("<>", "!=", StringComparison.Ordinal), @"\b(AND|OR|NOT|IS|NULL|IN)\b", m => m.Value.ToLowerInvariant());
        try
        {
            // SQL functions the expression language does not read (now(), char_length, ...): not a constraint.
            if (SqlConditions.CallsOtherThan(SqlConditions.WithoutLiterals(translated), ExpressionCompiler.Functions)) throw new DoppelException(ErrorKind.Usage, "a function call");
            _ = ExpressionParser.Parse(translated, table.Columns.Select(c => c.Name), "CHECK");
            table.Checks.Add(translated);
        }
        catch (DoppelException)
        {
            notes.Add($"{(line > 0 ? $"line {line}: " : "")}table '{table.Name}': CHECK ({expression}) is not in Doppel's constraint language, so generation does not enforce it; it stays in sql_checks for the database, which refuses the load if a row breaks it: make the column's generator meet it (or remove it from sql_checks).");
        }
    }

    // Whole-number columns: x > 5 means x >= 6; decimals step by a hundredth.
    private static double NextUp(SqlColumn column, double value) => IsInteger(column.Type) ? Math.Floor(value) + 1 : value + 0.01;
    private static double NextDown(SqlColumn column, double value) => IsInteger(column.Type) ? Math.Ceiling(value) - 1 : value - 0.01;
    internal static bool IsInteger(string type) => type is "smallint" or "integer" or "int" or "int2" or "int4" or "int8" or "bigint" or "serial" or "bigserial" or "smallserial";

    private static string StripCasts(string text) => Regex.Replace(text, @"::[a-zA-Z_ ]+(\[\])?(\(\d+(,\s*\d+)?\))?", "");

    private static double Number(string text) => double.Parse(text.Trim().Trim('\''), NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^CREATE\s+TYPE\s+([\w"".]+)\s+AS\s+ENUM\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CreateType();
    [GeneratedRegex(@"^CREATE\s+(?:UNLOGGED\s+|TEMP\s+|TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w"".]+)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
    [GeneratedRegex(@"^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?([\w"".]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AlterTable();
    [GeneratedRegex(@"^ADD\s+(?:CONSTRAINT\s+([\w""]+)\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex AddConstraint();
    [GeneratedRegex(@"^ALTER\s+(?:COLUMN\s+)?([\w""]+)\s+SET\s+DEFAULT\s+(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SetDefault();
    [GeneratedRegex(@"^ALTER\s+(?:COLUMN\s+)?([\w""]+)\s+ADD\s+GENERATED", RegexOptions.IgnoreCase)]
    private static partial Regex AddIdentity();
    [GeneratedRegex(@"^CONSTRAINT\s+([\w""]+)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex TableConstraint();
    [GeneratedRegex(@"^(""(?:[^""]|"""")+""|\w+)\s+(.+)$", RegexOptions.Singleline)]
    private static partial Regex ColumnDefinition();
    [GeneratedRegex(@"\s(NOT\s+NULL|NULL|DEFAULT|PRIMARY\s+KEY|UNIQUE|REFERENCES|CHECK|CONSTRAINT|GENERATED|COLLATE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConstraintStart();
    [GeneratedRegex(@"\bNOT\s+NULL\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotNull();
    [GeneratedRegex(@"\bDEFAULT\s+(.+?)(?=\s+(?:NOT\s+NULL|NULL|PRIMARY|UNIQUE|REFERENCES|CHECK|CONSTRAINT|GENERATED)\b|$)", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultValue();
    [GeneratedRegex(@"\bREFERENCES\s+([\w"".]+)\s*(?:\(([^)]*)\))?", RegexOptions.IgnoreCase)]
    private static partial Regex InlineReference();
    [GeneratedRegex(@"^\s*REFERENCES\s+([\w"".]+)\s*(?:\(([^)]*)\))?", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
    [GeneratedRegex(@"^\(?\s*([\w""]+)\s*\)?\s+BETWEEN\s+\(?(-?[\d.]+)\)?\s+AND\s+\(?(-?[\d.]+)\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Between();
    [GeneratedRegex(@"^\(?\s*([\w""]+)\s*\)?\s+IN\s*\((.*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex InList();
    [GeneratedRegex(@"^\(?\s*([\w""]+)\s*\)?\s*=\s*ANY\s*\(\s*\(?\s*ARRAY\s*\[(.*)\]\s*\)?\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex AnyArray();
    [GeneratedRegex(@"^\(?\s*([\w""]+)\s*\)?\s*(>=|<=|>|<)\s*\(?('?-?[\d.]+'?)\)?$")]
    private static partial Regex Bound();
}
