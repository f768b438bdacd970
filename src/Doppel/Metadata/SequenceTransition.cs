namespace Doppel.Metadata;

/// <summary>
/// An allowed step of a categorical column of a sequence table: a row whose previous step holds <paramref name="From"/>
/// may hold <paramref name="To"/>. Declared in metadata JSON as <c>"FROM -> TO"</c>.
/// </summary>
/// <param name="From">The previous step's value.</param>
/// <param name="To">A value allowed after it.</param>
public sealed record SequenceTransition(string From, string To)
{
    /// <summary>Reads <c>FROM -> TO</c> (spaces around the arrow are ignored); null when there is no arrow or a side is empty.</summary>
    public static SequenceTransition? Parse(string text)
    {
        int arrow = text.IndexOf("->", StringComparison.Ordinal);
        if (arrow < 0) return null;
        string from = text[..arrow].Trim(), to = text[(arrow + 2)..].Trim();
        return from.Length == 0 || to.Length == 0 ? null : new SequenceTransition(from, to);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{From} -> {To}";
}
