using System.Text;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// Builds the report page. Every piece of text goes through <see cref="Text"/>, which escapes it for HTML and XML
/// alike (column names and categories are user data); markup goes through <see cref="Raw"/>, which callers only
/// give constant strings or numbers they formatted themselves. The markup stays XML-well-formed (no void tags
/// without a slash, no named entities), so the page and every SVG in it also parse as XML.
/// </summary>
internal sealed class Html
{
    private readonly StringBuilder _text = new(64 * 1024);

    /// <summary>Appends markup as is.</summary>
    public Html Raw(string markup)
    {
        _text.Append(markup);
        return this;
    }

    /// <summary>Appends text, escaped.</summary>
    public Html Text(string? text)
    {
        Escape(_text, text);
        return this;
    }

    /// <summary>Appends <c>&lt;tag class="cls"&gt;text&lt;/tag&gt;</c> with the text escaped.</summary>
    public Html Element(string tag, string? text, string? cls = null)
    {
        Open(tag, cls);
        Text(text);
        return Close(tag);
    }

    /// <summary>Appends an opening tag with an optional class.</summary>
    public Html Open(string tag, string? cls = null)
    {
        _text.Append('<').Append(tag);
        if (cls is not null) _text.Append(" class=\"").Append(cls).Append('"');
        _text.Append('>');
        return this;
    }

    /// <summary>Appends a closing tag.</summary>
    public Html Close(string tag)
    {
        _text.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Appends a paragraph saying that a section was not computed, and why.</summary>
    public Html NotComputed(string reason) =>
        Raw("<p class=\"missing\"><strong>Not computed.</strong> ").Text(reason).Raw("</p>\n");

    /// <summary>
    /// Appends a table. <paramref name="numeric"/> marks the header cells to right-align (one flag per header);
    /// rows shorter than the header are padded with empty cells.
    /// </summary>
    public Html Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows, string? cls = null, bool[]? numeric = null)
    {
        Open("table", cls is null ? "data" : "data " + cls).Raw("<thead><tr>");
        for (int i = 0; i < headers.Count; i++)
            Raw(numeric is not null && i < numeric.Length && numeric[i] ? "<th class=\"num\">" : "<th>").Text(headers[i]).Raw("</th>");
        Raw("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            Raw("<tr>");
            for (int i = 0; i < Math.Max(row.Count, headers.Count); i++)
            {
                var cell = i < row.Count ? row[i] : Cell.Empty;
                Raw(cell.Class is null ? "<td>" : $"<td class=\"{cell.Class}\">").Raw(cell.Markup).Raw("</td>");
            }
            Raw("</tr>\n");
        }
        return Raw("</tbody></table>\n");
    }

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();

    /// <summary>Text escaped for use in HTML (or XML) content and in double-quoted attribute values.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length + 16);
        Escape(builder, text);
        return builder.ToString();
    }

    /// <summary>
    /// Escapes the five markup characters and replaces characters that XML 1.0 forbids (control characters, lone
    /// surrogates, U+FFFE/U+FFFF) by U+FFFD, so user data can neither inject markup nor break well-formedness.
    /// </summary>
    private static void Escape(StringBuilder builder, string? text)
    {
        if (text is null) return;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\t' or '\n' or '\r': builder.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': builder.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
    }

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="max"/> characters, ending in an ellipsis.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max) return text;
        int keep = max - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
