using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Doppel.Privacy.Pii;

namespace Doppel.Metadata;

/// <summary>
/// Finds columns of personal data from their values (patterns with their check digits verified: Luhn for cards,
/// mod 97 for IBANs, octet ranges for IP addresses) and from their names.
/// </summary>
internal static partial class PiiDetector
{
    /// <summary>Share of values that must match a value pattern.</summary>
    private const double MatchShare = 0.9;

    public static PiiKind? Detect(string name, IReadOnlyList<string> values)
    {
        var sample = values.Take(2_000).ToList();
        bool Most(Func<string, bool> test) => sample.Count(test) >= MatchShare * sample.Count;

        if (Most(v => EmailPattern().IsMatch(v))) return PiiKind.Email;
        if (Most(v => Iban.IsValid(v))) return PiiKind.Iban;
        if (Most(IsCardNumber)) return PiiKind.CreditCard;
        if (Most(v => SsnPattern().IsMatch(v))) return PiiKind.NationalId;
        if (Most(IsIpAddress)) return PiiKind.IpAddress;
        if (Most(v => UrlPattern().IsMatch(v))) return PiiKind.Url;

        var byName = FromName(name);
        if (byName is not null) return byName;
        if (Most(IsPhoneNumber) && sample.Any(v => v.Length >= 7)) return PiiKind.Phone;
        return null;
    }

    /// <summary>
    /// For columns whose values are all plain digits (which would otherwise be numbers): card numbers by value
    /// (Luhn), and phone numbers, postal codes, national ids, card numbers and IBAN-like account numbers by name.
    /// Digits with a decimal point, sign or exponent are quantities, never PII.
    /// </summary>
    public static PiiKind? DetectDigits(string name, IReadOnlyList<string> values)
    {
        var sample = values.Take(2_000).ToList();
        if (sample.Count == 0 || !sample.TrueForAll(v => v.Length > 0 && v.All(char.IsAsciiDigit))) return null;
        // A random 13-19 digit id passes Luhn one time in ten, so 90% is far from chance.
        if (sample.Count(IsCardNumber) >= MatchShare * sample.Count) return PiiKind.CreditCard;
        // By name only when the values look the part: a 0/1 'mobile' flag or a 'phone_calls' count stays a number.
        bool Most(Func<string, bool> test) => sample.Count(test) >= MatchShare * sample.Count;
        return FromName(name) switch
        {
            PiiKind.Phone when Most(v => v.Length >= 7) => PiiKind.Phone,
            PiiKind.NationalId when Most(v => v.Length >= 6) => PiiKind.NationalId,
            PiiKind.CreditCard when Most(v => v.Length is >= 13 and <= 19) => PiiKind.CreditCard,
            PiiKind.PostalCode when Most(v => v.Length is >= 3 and <= 10) && sample.Max(v => v.Length) - sample.Min(v => v.Length) <= 2 => PiiKind.PostalCode,
            _ => null,
        };
    }

    /// <summary>True for a date-of-birth column name: <c>birth_date</c>, <c>dob</c>, <c>DateOfBirth</c>, <c>birthday</c>.</summary>
    public static bool IsBirthDateName(string name)
    {
        string key = Key(name);
        return key.Contains("birth") || key is "dob" or "bday" || key.EndsWith("dob", StringComparison.Ordinal);
    }

    private static PiiKind? FromName(string name)
    {
        string key = Key(name);
        if (key.Contains("email") || key.Contains("mail")) return PiiKind.Email;
        if (key.Contains("phone") || key is "fax" or "mobile" or "tel" or "telephone" or "cell" or "cellphone") return PiiKind.Phone;
        if (key is "name" or "firstname" or "lastname" or "fullname" or "surname" or "givenname" or "middlename"
            || key.EndsWith("firstname", StringComparison.Ordinal) || key.EndsWith("lastname", StringComparison.Ordinal)
            || key is "customername" or "personname" or "patientname" or "employeename")
            return PiiKind.PersonName;
        if (key is "ip" or "ipaddress" or "ipaddr" or "clientip" or "remoteip" or "sourceip" or "ipv4" or "ipv6"
            || (key.EndsWith("ipaddress", StringComparison.Ordinal) && !key.EndsWith("shipaddress", StringComparison.Ordinal)))
            return PiiKind.IpAddress;
        if (key.Contains("address") || key is "street" or "streetaddress") return PiiKind.Address;
        if (key is "ssn" or "socialsecuritynumber" or "nationalid" or "passport" or "passportnumber" or "taxid" or "nino") return PiiKind.NationalId;
        if (key is "iban") return PiiKind.Iban;
        if (key.Contains("creditcard") || key is "cardnumber" or "ccnumber" or "pan") return PiiKind.CreditCard;
        if (key is "url" or "website" or "homepage") return PiiKind.Url;
        if (key is "zip" or "zipcode" or "postalcode" or "postcode") return PiiKind.PostalCode;
        return null;
    }

    private static string Key(string name) =>
        name.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    /// <summary>13 to 19 digits (spaces or dashes allowed) passing the Luhn check.</summary>
    internal static bool IsCardNumber(string value) => Luhn.IsValid(value, out int digits) && digits is >= 13 and <= 19;

    /// <summary>A dotted IPv4 address (each octet 0-255) or an IPv6 address.</summary>
    internal static bool IsIpAddress(string value)
    {
        if (Ipv4Pattern().IsMatch(value)) return value.Split('.').All(o => int.Parse(o, System.Globalization.CultureInfo.InvariantCulture) <= 255);
        return value.Contains(':') && value.Length <= 45 && IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>7 to 20 digits and separators with at least 7 digits, and not a date such as <c>2024-01-01</c>.</summary>
    internal static bool IsPhoneNumber(string value)
    {
        if (!PhonePattern().IsMatch(value) || value.Count(char.IsAsciiDigit) < 7) return false;
        foreach (var format in ValueParsing.DateTimeFormats) if (ValueParsing.TryDateTime(value, format, out _)) return false;
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\d{3}-\d{2}-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"^([0-9]{1,3}\.){3}[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"^(https?://|www\.)\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^\+?[\d\s().\-]{7,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
