namespace Doppel.Privacy.Pii;

/// <summary>The locales Bogus ships (embedded, offline) for names, addresses and phone formats.</summary>
internal static class PiiLocales
{
    /// <summary>The default locale: English.</summary>
    public const string Default = "en";

    private static readonly Lazy<string[]> Known = new(() => [.. Bogus.Database.GetAllLocales().Order(StringComparer.Ordinal)]);

    /// <summary>All supported locale names (e.g. <c>en</c>, <c>de</c>, <c>fr</c>, <c>en_GB</c>, <c>pt_BR</c>).</summary>
    public static IReadOnlyList<string> All => Known.Value;

    /// <summary>
    /// The supported locale <paramref name="locale"/> names, spelled as Bogus spells it (case and <c>-</c> or
    /// <c>_</c> do not matter: <c>en-gb</c> is <c>en_GB</c>); otherwise a usage error that lists some valid ones.
    /// </summary>
    public static string Validate(string? locale)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            string wanted = locale.Trim().Replace('-', '_');
            foreach (var known in Known.Value)
                if (string.Equals(known, wanted, StringComparison.OrdinalIgnoreCase)) return known;
        }
        throw new DoppelException(ErrorKind.Usage,
            $"'{locale}' is not a supported PII locale. Use one of: en, de, fr, es, it, nl, pl, pt_BR, ja, en_GB, en_US, de_CH ({Known.Value.Length} in all: {string.Join(", ", Known.Value)}).");
    }
}
