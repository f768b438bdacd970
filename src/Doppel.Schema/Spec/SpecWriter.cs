using System.Globalization;
using System.Text;

namespace Doppel.Schema.Spec;

/// <summary>
/// Writes a spec as YAML that <see cref="SpecYaml"/> reads back: one line per column in flow style, a comment after
/// every guessed generator (<c># guessed: ...</c>) so a reviewer sees what to check, and the source's notes on top.
/// </summary>
public static class SpecWriter
{
    /// <summary>The spec as YAML text.</summary>
    public static string Write(SchemaSpec spec, string? header = null)
    {
        var text = new StringBuilder();
        if (header is not null) foreach (string line in header.Split('\n')) text.Append("# ").AppendLine(line.TrimEnd());
        foreach (string note in spec.Notes) text.Append("# note: ").AppendLine(note);
        text.Append("doppel: ").AppendLine(SchemaSpec.FormatId);
        if (spec.Seed is { } seed) text.Append("seed: ").AppendLine(seed.ToString(CultureInfo.InvariantCulture));
        text.AppendLine("tables:");
        foreach (var table in spec.Tables)
        {
            text.Append("  ").Append(Key(table.Name)).AppendLine(":");
            if (table.Rows is { } rows) text.Append("    rows: ").AppendLine(rows.ToString(CultureInfo.InvariantCulture));
            if (table.Key.Count > 0) text.Append("    key: ").AppendLine(List(table.Key));
            if (table.Unique.Count > 0) text.Append("    unique: [").Append(string.Join(", ", table.Unique.Select(List))).AppendLine("]");
            if (table.Constraints.Count > 0)
            {
                text.AppendLine("    constraints:");
                foreach (string c in table.Constraints) text.Append("      - ").AppendLine(Scalar(c, quoted: true));
            }
            if (table.SqlChecks.Count > 0)
            {
                text.AppendLine("    sql_checks:");
                foreach (var check in table.SqlChecks) text.Append("      ").Append(Key(check.Name)).Append(": ").AppendLine(Scalar(check.Condition, quoted: true));
            }
            text.AppendLine("    columns:");
            foreach (var column in table.Columns) text.Append("      ").Append(Key(column.Name)).Append(": ").AppendLine(Column(column));
            if (table.ForeignKeys.Count > 0)
            {
                text.AppendLine("    foreign_keys:");
                foreach (var fk in table.ForeignKeys) text.Append("      - ").AppendLine(ForeignKey(fk));
            }
            if (table.Correlations.Count > 0)
            {
                text.AppendLine("    correlations:");
                foreach (var c in table.Correlations) text.Append("      - { columns: ").Append(List(c.Columns)).Append(", rank: ").Append(Number(c.Rank)).AppendLine(" }");
            }
        }
        return text.ToString();
    }

    private static string Column(ColumnSpec column)
    {
        var parts = new List<string> { "type: " + column.Type.ToString().ToLowerInvariant() };
        if (column.Generator is { } g) parts.Add(Key(g.Kind) + ": " + Flow(g.Parameters));
        if (column.Nulls > 0) parts.Add("nulls: " + Number(column.Nulls));
        if (column.Unique) parts.Add("unique: true");
        if (column.Min is { } min) parts.Add("min: " + Number(min));
        if (column.Max is { } max) parts.Add("max: " + Number(max));
        if (column.Decimals is { } d) parts.Add("decimals: " + d.ToString(CultureInfo.InvariantCulture));
        if (column.Format is { } f) parts.Add("format: " + Scalar(f, quoted: true));
        if (column.Length is { } l) parts.Add("length: " + l.ToString(CultureInfo.InvariantCulture));
        if (column.Locale is { } locale) parts.Add("locale: " + Scalar(locale, quoted: true));
        if (column.Sql is { } sql) parts.Add("sql: " + Scalar(sql, quoted: true));
        if (column.Default is { } df) parts.Add("default: " + Scalar(df, quoted: true));
        string line = "{ " + string.Join(", ", parts) + " }";
        return column.Guessed is { } why ? line + "  # guessed: " + why : line;
    }

    private static string ForeignKey(ForeignKeySpec fk)
    {
        var parts = new List<string> { "columns: " + List(fk.Columns), "references: " + Key(fk.References) };
        if (fk.ParentColumns.Count > 0) parts.Add("parent_columns: " + List(fk.ParentColumns));
        if (fk.Name is { } name) parts.Add("name: " + Scalar(name, quoted: true));
        if (fk.FanOut is { } fan)
        {
            var f = new List<string> { "min: " + fan.Min.ToString(CultureInfo.InvariantCulture) };
            if (fan.Max is { } max) f.Add("max: " + max.ToString(CultureInfo.InvariantCulture));
            if (fan.Distribution is { } d) f.Add(Key(d.Kind) + ": " + Flow(d.Parameters));
            parts.Add("fanout: { " + string.Join(", ", f) + " }");
        }
        string line = "{ " + string.Join(", ", parts) + " }";
        return fk.Node?.Comment is { } comment ? line + "  # " + comment : line;
    }

    /// <summary>A node in flow style: <c>{ a: 1, b: [x, y] }</c>.</summary>
    internal static string Flow(SpecNode node)
    {
        if (node.IsScalar) return Scalar(node.Scalar!, node.Quoted);
        if (node.IsList) return "[" + string.Join(", ", node.Items!.Select(Flow)) + "]";
        return "{ " + string.Join(", ", node.Entries!.Select(e => Key(e.Key) + ": " + Flow(e.Value))) + " }";
    }

    private static string List(IEnumerable<string> names) => "[" + string.Join(", ", names.Select(Key)) + "]";

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Key(string name) => Scalar(name, quoted: false);

    /// <summary>Plain when YAML would read it back as the same text; double-quoted otherwise.</summary>
    internal static string Scalar(string value, bool quoted)
    {
        bool plain = value.Length > 0 && !quoted
            && value.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '+')
            && !(value[0] is '-' or '.' && value.Length > 1 && !char.IsDigit(value[1]));
        if (quoted && value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ' ' or '/')
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && value is not ("true" or "false" or "null" or "yes" or "no" or "~")
            && value[0] != ' ' && value[^1] != ' ' && !value.Contains(" -", StringComparison.Ordinal))
            plain = true;
        if (plain) return value;
        var text = new StringBuilder("\"");
        foreach (char c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}
