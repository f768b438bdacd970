namespace Doppel.Metadata;

/// <summary>
/// How a boolean column writes its two values, e.g. <c>yes</c>/<c>no</c>, <c>T</c>/<c>F</c> or <c>1</c>/<c>0</c>:
/// learned from the data so synthetic values are spelled as the real ones, and kept in metadata as the column's
/// <see cref="ColumnMetadata.Format"/> <c>TRUE/FALSE</c> (<c>yes/no</c>).
/// </summary>
/// <param name="True">The text of true.</param>
/// <param name="False">The text of false.</param>
internal sealed record BooleanSpelling(string True, string False)
{
    /// <summary><c>true</c>/<c>false</c>: the spelling when the data says nothing else.</summary>
    public static BooleanSpelling Default { get; } = new("true", "false");

    // Pairs in the order a column's spelling is looked up; each side matches in any case.
    private static readonly (string True, string False)[] Pairs = [("true", "false"), ("yes", "no"), ("t", "f"), ("y", "n"), ("1", "0")];

    /// <summary>The spelling as a metadata format, <c>TRUE/FALSE</c>.</summary>
    public string Format => True + "/" + False;

    /// <summary>The text of <paramref name="value"/>.</summary>
    public string Text(bool value) => value ? True : False;

    /// <summary>Reads this spelling (exactly, then in any case) or any known boolean word (true/false, yes/no, t/f, y/n; 1/0 when <paramref name="digits"/>).</summary>
    public bool TryParse(ReadOnlySpan<char> text, out bool value, bool digits = true)
    {
        text = text.Trim();
        if (text.Equals(True, StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
        if (text.Equals(False, StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        return TryKnown(text, out value, digits);
    }

    /// <summary>Any known boolean word, in any case; 1/0 only when <paramref name="digits"/>.</summary>
    public static bool TryKnown(ReadOnlySpan<char> text, out bool value, bool digits)
    {
        text = text.Trim();
        foreach (var (t, f) in Pairs)
        {
            if (!digits && t == "1") break;
            if (text.Equals(t, StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
            if (text.Equals(f, StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        }
        value = false;
        return false;
    }

    /// <summary>Reads a metadata format <c>TRUE/FALSE</c>; null when it is not one.</summary>
    public static BooleanSpelling? FromFormat(string? format)
    {
        if (format is null) return null;
        int slash = format.IndexOf('/');
        if (slash <= 0 || slash == format.Length - 1 || format.IndexOf('/', slash + 1) >= 0) return null;
        var spelling = new BooleanSpelling(format[..slash], format[(slash + 1)..]);
        return spelling.True.Equals(spelling.False, StringComparison.OrdinalIgnoreCase) ? null : spelling;
    }

    /// <summary>
    /// The spelling of a column's values: for each side, its most common text (first seen on a tie); a side that
    /// never occurs is spelled as the partner of the other side in the same case (<c>Yes</c> gives <c>No</c>).
    /// </summary>
    public static BooleanSpelling Learn(IEnumerable<string> values)
    {
        var counts = new Dictionary<string, (int Count, int First, bool Value)>(StringComparer.Ordinal);
        int index = 0;
        foreach (var v in values)
        {
            if (!TryKnown(v, out bool b, digits: true)) continue;
            string text = v.Trim();
            counts[text] = counts.TryGetValue(text, out var c) ? (c.Count + 1, c.First, b) : (1, index, b);
            index++;
        }
        string? Best(bool side) => counts.Where(p => p.Value.Value == side)
            .OrderByDescending(p => p.Value.Count).ThenBy(p => p.Value.First).Select(p => p.Key).FirstOrDefault();
        string? t = Best(true), f = Best(false);
        if (t is null && f is null) return Default;
        t ??= Partner(f!);
        f ??= Partner(t);
        return new BooleanSpelling(t, f);
    }

    /// <summary>The other value's word in the same case: <c>yes</c> → <c>no</c>, <c>T</c> → <c>F</c>, <c>True</c> → <c>False</c>.</summary>
    private static string Partner(string text)
    {
        foreach (var (t, f) in Pairs)
        {
            string? other = text.Equals(t, StringComparison.OrdinalIgnoreCase) ? f : text.Equals(f, StringComparison.OrdinalIgnoreCase) ? t : null;
            if (other is null) continue;
            if (text.All(c => !char.IsLetter(c) || char.IsUpper(c)) && text.Any(char.IsLetter)) return other.ToUpperInvariant();
            if (char.IsUpper(text[0])) return char.ToUpperInvariant(other[0]) + other[1..];
            return other;
        }
        return text;
    }
}
