using System.Text.RegularExpressions;

namespace Doppel.Metadata;

/// <summary>
/// Text checks on SQL CHECK conditions, shared by the DDL reader, a spec's SQL declarations and the SQLite sink:
/// quoted literals set aside, function calls found, and whether what is left is plain SQL (names, numbers, operators,
/// parentheses and commas; no casts).
/// </summary>
internal static partial class SqlConditions
{
    /// <summary>Stands for a quoted literal in <see cref="WithoutLiterals"/>'s result.</summary>
    public const char Literal = '\u0001';

    /// <summary>The condition with each quoted literal replaced by <see cref="Literal"/>, and the literals in order.</summary>
    public static string WithoutLiterals(string condition, List<string>? literals = null) =>
        QuotedLiteral().Replace(condition, m => { literals?.Add(m.Value); return Literal.ToString(); });

    /// <summary>The literals put back, in order.</summary>
    public static string WithLiterals(string body, List<string> literals)
    {
        int next = 0;
        return body.Length == 0 ? body : string.Concat(body.Select(c => c == Literal ? literals[next++] : c.ToString()));
    }

    /// <summary>Whether the text calls a function not in <paramref name="allowed"/> (<c>in (...)</c> and <c>and (...)</c> are not calls).</summary>
    public static bool CallsOtherThan(string body, IReadOnlyCollection<string> allowed) =>
        Call().Matches(body).Any(m => !allowed.Contains(m.Groups[1].Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether a condition, literals set aside, holds only names, numbers, operators, parentheses and commas.</summary>
    public static bool IsPlain(string body) => PlainText().IsMatch(body);

    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex QuotedLiteral();

    [GeneratedRegex(@"\b(?!(?:in|and|or|not)\b)([A-Za-z_]\w*)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex Call();

    [GeneratedRegex("^[\\w\\s.,()<>=!+\\-*/%\"\u0001]*$")]
    private static partial Regex PlainText();
}
