using System.Globalization;
using System.Text;
using Doppel.Metadata;
using Doppel.Privacy.Pii;
using Doppel.Sampling;

namespace Doppel.Tests;

public class PiiDetectorTests
{
    private static ColumnMetadata Detect(string name, IEnumerable<string> values) =>
        MetadataDetector.DetectColumn(name, [.. values], null);

    private static string[] Make(int n, Func<int, string> value) => [.. Enumerable.Range(0, n).Select(value)];

    private static string Digits(ref RandomStream random, int count)
    {
        var s = new StringBuilder(count);
        for (int i = 0; i < count; i++) s.Append((char)('0' + random.NextInt(10)));
        return s.ToString();
    }

    private static string[] CardNumbers(int n, bool valid, string separator = "")
    {
        var random = new RandomStream(3, 0);
        var result = new string[n];
        var builder = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            builder.Clear().Append('4').Append(Digits(ref random, 15));
            Luhn.SetCheckDigit(builder);
            if (!valid) builder[^1] = (char)('0' + (builder[^1] - '0' + 1 + random.NextInt(9)) % 10);
            string s = builder.ToString();
            result[i] = separator.Length == 0 ? s : string.Join(separator, s.Chunk(4).Select(c => new string(c)));
        }
        return result;
    }

    private static string[] Ibans(int n, bool valid)
    {
        var random = new RandomStream(4, 0);
        var builder = new StringBuilder();
        return Make(n, _ =>
        {
            builder.Clear().Append("DE00").Append(Digits(ref random, 18));
            Iban.SetCheckDigits(builder, 0);
            if (!valid) builder[3] = builder[3] == '9' ? '0' : (char)(builder[3] + 1);
            return builder.ToString();
        });
    }

    [Fact]
    public void Detect_CardNumbers_ByLuhn_EvenAsBareDigits()
    {
        Assert.Equal(PiiKind.CreditCard, Detect("account", CardNumbers(200, true)).Pii);
        Assert.Equal(PiiKind.CreditCard, Detect("pay", CardNumbers(200, true, " ")).Pii);
        Assert.Equal(PiiKind.CreditCard, Detect("pay", CardNumbers(200, true, "-")).Pii);
    }

    [Fact]
    public void Detect_SixteenDigitIdsFailingLuhn_AreNotCards()
    {
        var meta = Detect("reference", CardNumbers(200, false));
        Assert.NotEqual(SemanticType.Pii, meta.Type);
        Assert.NotEqual(PiiKind.CreditCard, Detect("reference", CardNumbers(200, false, " ")).Pii);
    }

    [Fact]
    public void Detect_Iban_ChecksTheMod97Checksum()
    {
        Assert.Equal(PiiKind.Iban, Detect("account", Ibans(100, true)).Pii);
        Assert.NotEqual(PiiKind.Iban, Detect("account", Ibans(100, false)).Pii);
        Assert.True(Iban.IsValid("GB82 WEST 1234 5698 7654 32")); // the ECBS example
        Assert.False(Iban.IsValid("GB82 WEST 1234 5698 7654 33"));
    }

    [Fact]
    public void Detect_DatesAreNotPhoneNumbers()
    {
        var dates = Make(100, i => new DateTime(2024, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Null(PiiDetector.Detect("x", dates));
        Assert.Equal(SemanticType.Datetime, Detect("x", dates).Type);
        Assert.False(PiiDetector.IsPhoneNumber("2024-01-01"));
        Assert.False(PiiDetector.IsPhoneNumber("01.02.2024"));
        Assert.True(PiiDetector.IsPhoneNumber("+49 30 1234567"));
        Assert.True(PiiDetector.IsPhoneNumber("(555) 010-1234"));
    }

    [Fact]
    public void Detect_BirthDates_ByNameOnDateColumns()
    {
        var dates = Make(100, i => new DateTime(1960, 3, 1).AddDays(i * 97).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        foreach (var name in new[] { "birth_date", "DateOfBirth", "dob", "patient_dob", "Birthday" })
        {
            var meta = Detect(name, dates);
            Assert.Equal(PiiKind.BirthDate, meta.Pii);
            Assert.Equal("dd.MM.yyyy", meta.Format);
            Assert.Equal("pii:birth_date", meta.TypeName);
        }
        Assert.Equal(SemanticType.Datetime, Detect("created", dates).Type);
    }

    [Fact]
    public void Detect_IpAddresses_V4AndV6_WithOctetsChecked()
    {
        Assert.Equal(PiiKind.IpAddress, Detect("host", Make(100, i => $"192.168.{i}.{i + 1}")).Pii);
        Assert.Equal(PiiKind.IpAddress, Detect("host", Make(100, i => $"2001:db8::{i:x}:1")).Pii);
        Assert.Equal(PiiKind.IpAddress, Detect("host", Make(100, i => i % 2 == 0 ? $"fe80::{i:x}" : $"10.0.0.{i}")).Pii);
        Assert.NotEqual(PiiKind.IpAddress, Detect("version", Make(100, i => $"{300 + i}.1.2.3")).Pii);
        Assert.False(PiiDetector.IsIpAddress("1:2"));
    }

    [Fact]
    public void Detect_BareDigits_ByName_OnlyForIdentifyingNames()
    {
        var random = new RandomStream(5, 0);
        var zips = Make(100, _ => Digits(ref random, 5));
        Assert.Equal(PiiKind.PostalCode, Detect("zip", zips).Pii);
        Assert.Equal(PiiKind.Phone, Detect("mobile", Make(100, _ => "0" + Digits(ref random, 10))).Pii);
        Assert.Equal(SemanticType.Numerical, Detect("amount", zips).Type);
        Assert.Equal(SemanticType.Numerical, Detect("zip", Make(100, i => (i * 1.5).ToString(CultureInfo.InvariantCulture))).Type);
    }

    [Fact]
    public void Detect_OtherKinds_FromValues()
    {
        Assert.Equal(PiiKind.Email, Detect("contact", Make(50, i => $"user{i}@mail.org")).Pii);
        Assert.Equal(PiiKind.NationalId, Detect("code", Make(50, i => $"{100 + i}-45-{1000 + i}")).Pii);
        Assert.Equal(PiiKind.Url, Detect("link", Make(50, i => $"https://site{i}.org/x")).Pii);
        Assert.Equal(PiiKind.Address, Detect("home_address", Make(50, i => $"{i} Main Street")).Pii);
        Assert.NotEqual(SemanticType.Pii, Detect("ip_version", Make(50, i => $"v{i % 3}")).Type);
    }

    [Fact]
    public void MetadataJson_BirthDate_RoundTripsWithFormat()
    {
        var meta = new TableMetadata("t", [new ColumnMetadata("dob", SemanticType.Pii) { Pii = PiiKind.BirthDate, Format = "dd.MM.yyyy" }]);
        var back = MetadataJson.Parse(MetadataJson.ToNode(DatasetMetadata.Single(meta)).ToJsonString(), "m.json").SingleTable;
        Assert.Equal(meta.Columns, back.Columns);
    }
}

public class PiiDetectorReviewTests
{
    private static Doppel.Metadata.ColumnMetadata Detect(string name, params string[] values) =>
        Doppel.Metadata.MetadataDetector.DetectColumn(name, values, null);

    [Fact]
    public void Numbers_NamedLikePii_StayNumbersUnlessTheyLookThePart()
    {
        var flags = Enumerable.Range(0, 40).Select(i => (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.NotEqual(Doppel.Metadata.SemanticType.Pii, Detect("mobile", flags).Type);
        Assert.NotEqual(Doppel.Metadata.SemanticType.Pii, Detect("phone_calls", [.. Enumerable.Range(0, 40).Select(i => (i % 9).ToString(System.Globalization.CultureInfo.InvariantCulture))]).Type);
        Assert.Equal(Doppel.Metadata.PiiKind.Phone, Detect("phone", [.. Enumerable.Range(0, 40).Select(i => (5550100000L + i * 7919).ToString(System.Globalization.CultureInfo.InvariantCulture))]).Pii);
    }

    [Fact]
    public void ShippingAddress_IsAnAddress_IpAddressIsNot()
    {
        var streets = Enumerable.Range(0, 40).Select(i => $"{i} Main Street").ToArray();
        Assert.Equal(Doppel.Metadata.PiiKind.Address, Detect("ShipAddress", streets).Pii);
        Assert.Equal(Doppel.Metadata.PiiKind.Address, Detect("shipping_address", streets).Pii);
        Assert.Equal(Doppel.Metadata.PiiKind.IpAddress, Detect("client_ip_address", [.. Enumerable.Range(0, 40).Select(i => $"10.0.0.{i}")]).Pii);
    }

    [Fact]
    public void NonAsciiDigits_DoNotCrashDetection()
    {
        var values = Enumerable.Range(0, 30).Select(_ => "١.٢.٣.٤").ToArray();
        var meta = Detect("code", values);
        Assert.NotEqual(Doppel.Metadata.PiiKind.IpAddress, meta.Pii);
    }
}

public class IbanSeparatorTests
{
    [Theory]
    [InlineData("DE00-3704-0044-0532-0130-00")]
    [InlineData("DE00.3704.0044.0532.0130.00")]
    [InlineData("DE00 3704 0044 0532 0130 00")]
    public void SetCheckDigits_WithSeparators_GivesAValidIban(string shape)
    {
        var text = new System.Text.StringBuilder(shape);
        Doppel.Privacy.Pii.Iban.SetCheckDigits(text, 0);
        Assert.True(char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3]));
        Assert.True(Doppel.Privacy.Pii.Iban.IsValid(text.ToString().Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)), text.ToString());
    }
}
