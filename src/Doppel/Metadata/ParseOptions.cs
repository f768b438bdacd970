using System.Globalization;

namespace Doppel.Metadata;

/// <summary>
/// How text cells are read: the number format (invariant by default; a culture such as de-DE for decimal commas)
/// and the format of dates whose day/month order the values leave open. Output is always written invariant.
/// </summary>
public sealed record ParseOptions
{
    // Declared before Default, which reads it.
    /// <summary><c>NA</c>, <c>N/A</c>, <c>#N/A</c>, <c>&lt;NA&gt;</c>, <c>null</c>, <c>None</c>, <c>nil</c>, <c>NaN</c>, <c>-</c>, <c>--</c>.</summary>
    public static IReadOnlyList<string> DefaultNullTokens { get; } = ["NA", "N/A", "#N/A", "<NA>", "null", "None", "nil", "NaN", "-", "--"];

    /// <summary>Invariant numbers, detected date formats.</summary>
    public static ParseOptions Default { get; } = new();

    /// <summary>Decimal and group separators for numbers.</summary>
    public NumberFormatInfo Numbers { get; init; } = NumberFormatInfo.InvariantInfo;

    /// <summary>Rows that column types are detected from (all rows are then converted and checked against them); at least 1.</summary>
    public int DetectRows
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = DefaultDetectRows;

    /// <summary>The default of <see cref="DetectRows"/>: enough rows to see a column's types and written forms, few enough to cost nothing beside the read.</summary>
    public const int DefaultDetectRows = 10_000;

    /// <summary>A .NET date format (e.g. <c>dd/MM/yyyy</c>) for dates with an open day/month order, or null.</summary>
    public string? DateFormat { get; init; }

    /// <summary>
    /// Cell texts read as missing in numerical, boolean and datetime columns (any case; blank cells always are):
    /// by default <see cref="DefaultNullTokens"/>. In categorical and text columns they stay values, written back as read.
    /// </summary>
    public IReadOnlyList<string> NullTokens
    {
        get;
        init
        {
            field = value;
            _longestToken = value.Count == 0 ? 0 : value.Max(t => t.Length);
            _firstChars = FirstChars(value);
        }
    } = DefaultNullTokens;

    // Most cells are longer than any token: one length check rejects them.
    private readonly int _longestToken = DefaultNullTokens.Max(t => t.Length);
    private readonly string _firstChars = FirstChars(DefaultNullTokens);

    private static string FirstChars(IReadOnlyList<string> tokens) =>
        new([.. tokens.Where(t => t.Length > 0).SelectMany(t => new[] { char.ToLowerInvariant(t[0]), char.ToUpperInvariant(t[0]) }).Distinct()]);

    /// <summary>True when <paramref name="cell"/> is blank or one of the <see cref="NullTokens"/>.</summary>
    public bool IsNullToken(string cell) => IsNullToken(cell.AsSpan());

    /// <inheritdoc cref="IsNullToken(string)"/>
    public bool IsNullToken(ReadOnlySpan<char> cell)
    {
        var span = cell.Trim();
        if (span.IsEmpty) return true;
        if (span.Length > _longestToken || !_firstChars.Contains(span[0], StringComparison.Ordinal)) return false;
        foreach (var token in NullTokens)
            if (token.Length > 0 && span.Equals(token, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Options for the culture named <paramref name="culture"/> (e.g. <c>de-DE</c>); a clear error for an unknown name.</summary>
    public static ParseOptions ForCulture(string culture)
    {
        try
        {
            return new ParseOptions { Numbers = CultureInfo.GetCultureInfo(culture, predefinedOnly: true).NumberFormat };
        }
        catch (CultureNotFoundException e)
        {
            throw new DoppelException(ErrorKind.Usage, $"Unknown culture '{culture}'. Use a name such as de-DE, fr-FR or en-US (or 'invariant').", e);
        }
    }
}
