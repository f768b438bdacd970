using System.Globalization;

namespace Doppel.Metadata;

/// <summary>
/// How text cells are read: the number format (invariant by default; a culture such as de-DE for decimal commas)
/// and the format of dates whose day/month order the values leave open. Output is always written invariant.
/// </summary>
public sealed record ParseOptions
{
    /// <summary>Invariant numbers, detected date formats.</summary>
    public static ParseOptions Default { get; } = new();

    /// <summary>Decimal and group separators for numbers.</summary>
    public NumberFormatInfo Numbers { get; init; } = NumberFormatInfo.InvariantInfo;

    /// <summary>A .NET date format (e.g. <c>dd/MM/yyyy</c>) for dates with an open day/month order, or null.</summary>
    public string? DateFormat { get; init; }

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
