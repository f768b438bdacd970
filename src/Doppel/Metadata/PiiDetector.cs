using System.Text.RegularExpressions;

namespace Doppel.Metadata;

/// <summary>Finds columns of personal data from their values (checked patterns) and names.</summary>
internal static partial class PiiDetector
{
    /// <summary>Share of values that must match a value pattern.</summary>
    private const double MatchShare = 0.9;

    public static PiiKind? Detect(string name, IReadOnlyList<string> values)
    {
        var sample = values.Take(2_000).ToList();
        bool Most(Func<string, bool> test) => sample.Count(test) >= MatchShare * sample.Count;

        if (Most(v => EmailPattern().IsMatch(v))) return PiiKind.Email;
        if (Most(v => IbanPattern().IsMatch(v.Replace(" ", "", StringComparison.Ordinal)))) return PiiKind.Iban;
        if (Most(IsCardNumber)) return PiiKind.CreditCard;
        if (Most(v => SsnPattern().IsMatch(v))) return PiiKind.NationalId;
        if (Most(v => Ipv4Pattern().IsMatch(v))) return PiiKind.IpAddress;
        if (Most(v => UrlPattern().IsMatch(v))) return PiiKind.Url;

        string key = name.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (key.Contains("email") || key.Contains("mail")) return PiiKind.Email;
        if (key.Contains("phone") || key is "fax" or "mobile" or "tel" or "telephone") return PiiKind.Phone;
        if (key is "name" or "firstname" or "lastname" or "fullname" or "surname" or "givenname" or "middlename"
            || key.EndsWith("firstname", StringComparison.Ordinal) || key.EndsWith("lastname", StringComparison.Ordinal)
            || key is "customername" or "personname" or "patientname" or "employeename")
            return PiiKind.PersonName;
        if (key.Contains("address") || key is "street" or "streetaddress") return PiiKind.Address;
        if (key is "ssn" or "socialsecuritynumber" or "nationalid" or "passport" or "passportnumber") return PiiKind.NationalId;
        if (key is "iban") return PiiKind.Iban;
        if (key.Contains("creditcard") || key is "cardnumber" or "ccnumber") return PiiKind.CreditCard;
        if (key is "ip" or "ipaddress") return PiiKind.IpAddress;
        if (key is "url" or "website" or "homepage") return PiiKind.Url;
        if (key is "zip" or "zipcode" or "postalcode" or "postcode") return PiiKind.PostalCode;
        if (Most(v => PhonePattern().IsMatch(v)) && sample.Any(v => v.Length >= 7)) return PiiKind.Phone;
        return null;
    }

    /// <summary>13 to 19 digits (spaces or dashes allowed) passing the Luhn check.</summary>
    internal static bool IsCardNumber(string value)
    {
        int sum = 0, digits = 0;
        bool dbl = false;
        for (int i = value.Length - 1; i >= 0; i--)
        {
            char ch = value[i];
            if (ch is ' ' or '-') continue;
            if (!char.IsAsciiDigit(ch)) return false;
            int d = ch - '0';
            if (dbl) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            dbl = !dbl;
            digits++;
        }
        return digits is >= 13 and <= 19 && sum % 10 == 0;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"^\d{3}-\d{2}-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"^(\d{1,3}\.){3}\d{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"^(https?://|www\.)\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^\+?[\d\s().\-]{7,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
