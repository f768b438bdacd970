using System.Text;

namespace Doppel.Schema.Import;

/// <summary>Splits SQL as pg_dump writes it into statements: comments dropped, quotes and dollar quotes respected, COPY data skipped.</summary>
internal static class SqlText
{
    /// <summary>The statements (without the closing ';') and the line each starts on; <paramref name="copyBlocks"/> counts skipped COPY data.</summary>
    public static List<(string Text, int Line)> Statements(string sql, out int copyBlocks)
    {
        var statements = new List<(string, int)>();
        var current = new StringBuilder();
        copyBlocks = 0;
        int line = 1, start = 1;
        bool inCopy = false;
        for (int i = 0; i < sql.Length; i++)
        {
            char c = sql[i];
            if (inCopy)
            {
                // COPY ... FROM stdin; data runs to a line holding only "\.".
                if (c == '\n')
                {
                    line++;
                    if (i + 2 < sql.Length && sql[i + 1] == '\\' && sql[i + 2] == '.') { inCopy = false; i += 2; }
                }
                continue;
            }
            if (c == '\n') line++;
            if (current.Length == 0 && char.IsWhiteSpace(c)) continue;
            if (current.Length == 0) start = line;
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                line++;
                if (current.Length > 0) current.Append(' ');
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                int end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + 2;
                line += sql.AsSpan(i, end - i).Count('\n');
                i = end - 1;
                continue;
            }
            if (c is '\'' or '"')
            {
                int j = i + 1;
                while (j < sql.Length && !(sql[j] == c && (j + 1 >= sql.Length || sql[j + 1] != c))) j += sql[j] == c ? 2 : 1;
                line += sql.AsSpan(i, Math.Min(j + 1, sql.Length) - i).Count('\n');
                current.Append(sql, i, Math.Min(j + 1, sql.Length) - i);
                i = j;
                continue;
            }
            if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                int end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + tag.Length;
                line += sql.AsSpan(i, end - i).Count('\n');
                current.Append(sql, i, end - i);
                i = end - 1;
                continue;
            }
            if (c == ';')
            {
                string text = current.ToString().Trim();
                if (text.Length > 0) statements.Add((text, start));
                if (text.StartsWith("COPY ", StringComparison.OrdinalIgnoreCase) && text.EndsWith("FROM stdin", StringComparison.OrdinalIgnoreCase)) { inCopy = true; copyBlocks++; }
                current.Clear();
                continue;
            }
            current.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
        if (current.ToString().Trim() is { Length: > 0 } last) statements.Add((last, start));
        return statements;
    }

    private static string? DollarTag(string sql, int i)
    {
        int j = i + 1;
        while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_')) j++;
        return j < sql.Length && sql[j] == '$' ? sql[i..(j + 1)] : null;
    }

    /// <summary>Splits on commas outside parentheses and quotes.</summary>
    public static List<string> SplitTopLevel(string text, char separator = ',')
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '\'' or '"') quote = c;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == separator && depth == 0) { parts.Add(text[start..i].Trim()); start = i + 1; }
        }
        parts.Add(text[start..].Trim());
        return [.. parts.Where(p => p.Length > 0)];
    }

    /// <summary>The text inside the parentheses that open at <paramref name="open"/>, and the index after the closing one.</summary>
    public static (string Inner, int End) Parenthesized(string text, int open)
    {
        int depth = 0;
        char quote = '\0';
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '\'' or '"') quote = c;
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return (text[(open + 1)..i], i + 1);
        }
        return (text[(open + 1)..], text.Length);
    }

    /// <summary>An identifier as PostgreSQL reads it: quoted kept as written, unquoted folded to lower case, schema dropped.</summary>
    public static string Name(string text)
    {
        text = text.Trim();
        var parts = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                int end = text.IndexOf('"', i + 1);
                while (end >= 0 && end + 1 < text.Length && text[end + 1] == '"') end = text.IndexOf('"', end + 2);
                if (end < 0) end = text.Length - 1;
                parts.Add(text[(i + 1)..end].Replace("\"\"", "\"", StringComparison.Ordinal));
                i = end + 1;
            }
            else
            {
                int end = text.IndexOf('.', i);
                if (end < 0) end = text.Length;
                parts.Add(text[i..end].Trim().ToLowerInvariant());
                i = end;
            }
            if (i < text.Length && text[i] == '.') i++;
        }
        return parts.Count == 0 ? text : parts[^1];
    }

    /// <summary>The names in a column list such as <c>(a, "B")</c>.</summary>
    public static List<string> Names(string list) => [.. SplitTopLevel(list).Select(Name)];
}
