using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Privacy.Pii;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Tests;

public class PiiGeneratorTests
{
    private const int Rows = 20_000;

    private static readonly Lazy<(Table Real, TableMetadata Meta, SynthesisModel Model, Table Synthetic)> Fitted = new(() =>
    {
        var (real, meta) = PiiData.Make(3_000);
        var model = new GaussianCopulaSynthesizer().Fit(real, meta);
        return (real, meta, model, model.Sample(Rows, new SampleOptions { Seed = 7 }));
    });

    private static string[] Synthetic(string column) => [.. PiiData.Strings(Fitted.Value.Synthetic, column).OfType<string>()];

    [Theory]
    [InlineData("email", @"^[a-z]+\.[a-z]+[0-9]{0,2}@example\.(com|org|net)$")]
    [InlineData("phone", @"^\+49 \d{2,3} \d{7}$")]
    [InlineData("first_name", @"^\p{L}[\p{L}' \-]*$")]
    [InlineData("full_name", @"^\p{L}[\p{L}'\-]* \p{L}[\p{L}' \-]*$")]
    [InlineData("address", @"\p{L}")]
    [InlineData("ssn", @"^(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$")]
    [InlineData("card", @"^[345]\d{3} \d{4} \d{4} \d{4}$")]
    [InlineData("iban", @"^DE\d{2} \d{4} \d{4} \d{4} \d{4} \d{2}$")]
    [InlineData("url", @"^https://www\.example\.(com|org|net)/[a-z]+-[a-z]+$")]
    [InlineData("zip", @"^\d{5}$")]
    [InlineData("birth_date", @"^(19[5-9]\d|2000)-\d{2}-\d{2}$")]
    [InlineData("other", @"^[A-Z]\d{10}$")]
    public void Sample_EachKind_HasTheExpectedFormat(string column, string pattern)
    {
        var values = Synthetic(column);
        Assert.True(values.Length > Rows * 0.9, $"{column}: {values.Length} values");
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var bad = values.Where(v => !regex.IsMatch(v)).Take(5).ToArray();
        Assert.True(bad.Length == 0, $"{column}: {string.Join(" | ", bad)}");
    }

    [Fact]
    public void Sample_CardsPassLuhn_IbansPassMod97()
    {
        Assert.All(Synthetic("card"), v => Assert.True(PiiDetector.IsCardNumber(v), v));
        Assert.All(Synthetic("iban"), v => Assert.True(Iban.IsValid(v), v));
    }

    [Fact]
    public void Sample_IpAddresses_AreReservedV4AndV6InTheRealShare()
    {
        var values = Synthetic("ip");
        var v6 = values.Where(v => v.Contains(':')).ToArray();
        Assert.InRange((double)v6.Length / values.Length, 0.08, 0.12); // real share 10%
        Assert.All(v6, v => Assert.StartsWith("2001:db8:", v));
        Assert.All(values, v => Assert.True(IPAddress.TryParse(v, out _), v));
        Assert.All(values.Where(v => !v.Contains(':')), v => Assert.Matches(@"^198\.(18|19)\.\d{1,3}\.\d{1,3}$", v));
    }

    [Fact]
    public void Sample_BirthDates_SpreadOverTheRealYears()
    {
        var years = Synthetic("birth_date").Select(v => DateTime.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture).Year).ToArray();
        Assert.Equal(1950, years.Min());
        Assert.True(years.Max() is 1998 or 1999, $"max year {years.Max()}");
        Assert.True(years.Distinct().Count() > 40);
    }

    [Fact]
    public void Sample_NamesAreVaried_AndNullsKept()
    {
        Assert.True(Synthetic("first_name").Distinct().Count() > 500);
        Assert.True(Synthetic("email").Distinct().Count() > 10_000);
        int nulls = PiiData.Strings(Fitted.Value.Synthetic, "phone").Count(v => v is null);
        Assert.InRange(nulls, Rows / 17 * 0.8, Rows / 17 * 1.2);
    }

    [Fact]
    public void Sample_Canaries_NeverAppear()
    {
        // Every real value is unique (a canary): none may come out, in any PII column. Postal codes and birth
        // dates are left out: their space is small, so chance matches are expected (docs/pii.md) and not a leak.
        var real = Fitted.Value.Real;
        foreach (var column in PiiData.PiiColumns.Except(["zip", "birth_date"]))
        {
            var planted = PiiData.Strings(real, column).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var leaked = Synthetic(column).Where(planted.Contains).Take(3).ToArray();
            Assert.True(leaked.Length == 0, $"{column}: {string.Join(", ", leaked)}");
        }
        string model = Encoding.UTF8.GetString(ModelFile.ToBytes(Fitted.Value.Model));
        foreach (var column in PiiData.PiiColumns.Except(["zip", "birth_date"]))
            Assert.DoesNotContain(PiiData.Strings(real, column).OfType<string>(), v => model.Contains(v, StringComparison.Ordinal));
    }

    [Fact]
    public void Sample_OneThreadAndFour_AreByteIdentical()
    {
        var model = Fitted.Value.Model;
        const long rows = 2 * SamplingPipeline.BatchSize + 77;
        byte[] Csv(int threads, ulong seed)
        {
            using var memory = new MemoryStream();
            using (var writer = new CsvTableWriter(memory, model.Metadata))
                model.Sample(rows, new SampleOptions { Seed = seed, Threads = threads }, writer);
            return memory.ToArray();
        }
        byte[] one = Csv(1, 3);
        Assert.Equal(one, Csv(4, 3));
        Assert.NotEqual(one, Csv(4, 4));
    }

    [Fact]
    public void Sample_Locale_ChangesNames()
    {
        var (real, meta) = PiiData.Make(500);
        string[] Names(string locale)
        {
            var model = new GaussianCopulaSynthesizer(new SynthesizerOptions { PiiLocale = locale, RareThreshold = 21 }).Fit(real, meta);
            return [.. PiiData.Strings(model.Sample(3_000, new SampleOptions { Seed = 1 }), "first_name").OfType<string>().Distinct()];
        }
        var en = Names("en").ToHashSet();
        var de = Names("de");
        double shared = (double)de.Count(en.Contains) / de.Length;
        Assert.True(shared < 0.5, $"{shared:P0} of German names are also English ones");
        Assert.Contains(Names("ja"), n => n.Any(c => c > 0x3000)); // Japanese script
    }

    [Fact]
    public void Sample_Ibans_WithoutASharedCountry_AreStillValid()
    {
        string[] countries = ["DE", "FR", "NL", "GB"];
        var builder = new StringBuilder();
        var values = Enumerable.Range(0, 400).Select(i =>
        {
            builder.Clear().Append(countries[i % 4]).Append("00").Append((1_000_000_000_000_000L + i * 7919L).ToString(CultureInfo.InvariantCulture));
            Iban.SetCheckDigits(builder, 0);
            return builder.ToString();
        }).ToArray();
        var table = new Table([new StringColumn("iban", values)]);
        var meta = new TableMetadata("t", [new ColumnMetadata("iban", SemanticType.Pii) { Pii = PiiKind.Iban }]);
        var synthetic = new GaussianCopulaSynthesizer().Fit(table, meta).Sample(2_000, new SampleOptions { Seed = 2 });
        Assert.All(PiiData.Strings(synthetic, "iban"), v => Assert.True(Iban.IsValid(v!), v));
    }

    [Fact]
    public void Sample_EveryLocale_GeneratesEveryKind()
    {
        // No shape is held by k = 21 rows of 20 (the fewest a model accepts): phones and postal codes come from the locale's formats.
        var (real, meta) = PiiData.Make(20);
        foreach (var locale in PiiLocales.All)
        {
            var model = new GaussianCopulaSynthesizer(new SynthesizerOptions { PiiLocale = locale, RareThreshold = 21 }).Fit(real, meta);
            var synthetic = model.Sample(300, new SampleOptions { Seed = 9, Threads = 1 });
            foreach (var column in PiiData.PiiColumns)
                Assert.All(PiiData.Strings(synthetic, column).OfType<string>(), v => Assert.False(string.IsNullOrWhiteSpace(v), $"{locale} {column}"));
            Assert.All(PiiData.Strings(synthetic, "email"), v => Assert.Matches(@"^[a-z]+\.[a-z]+[0-9]{0,2}@example\.(com|org|net)$", v!));
            Assert.All(PiiData.Strings(synthetic, "iban"), v => Assert.True(Iban.IsValid(v!), $"{locale}: {v}"));
            Assert.All(PiiData.Strings(synthetic, "card"), v => Assert.True(PiiDetector.IsCardNumber(v!), $"{locale}: {v}"));
        }
    }

    [Fact]
    public void Options_UnknownLocale_IsAUsageErrorListingValidOnes()
    {
        var e = Assert.Throws<DoppelException>(() => new SynthesizerOptions { PiiLocale = "klingon" });
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("'klingon'", e.Message);
        Assert.Contains("de", e.Message);
        Assert.Equal("en_GB", new SynthesizerOptions { PiiLocale = "en-gb" }.PiiLocale);
        Assert.Equal("en", new SynthesizerOptions().PiiLocale);
    }

    [Fact]
    public void ModelFile_RoundTrip_KeepsTheLocale()
    {
        var (real, meta) = PiiData.Make(500);
        var model = new GaussianCopulaSynthesizer(new SynthesizerOptions { PiiLocale = "fr" }).Fit(real, meta);
        var loaded = ModelFile.FromBytes(ModelFile.ToBytes(model), "m.doppel");
        Assert.Equal("fr", loaded.Options.PiiLocale);
        var options = new SampleOptions { Seed = 5 };
        Assert.Equal(CsvTableWriter.ToText(model.Sample(500, options), model.Metadata), CsvTableWriter.ToText(loaded.Sample(500, options), loaded.Metadata));
    }

    [Fact]
    public void ModelFile_WrittenBeforeLocales_ReadsAsEnglish()
    {
        var (real, meta) = PiiData.Make(300);
        var model = new GaussianCopulaSynthesizer(new SynthesizerOptions { PiiLocale = "de" }).Fit(real, meta);
        byte[] bytes = ModelFile.ToBytes(model);
        // Rewrite the payload as an older Doppel wrote it: no PiiLocale option, no per-column PII profile.
        var payload = System.Text.Json.Nodes.JsonNode.Parse(bytes.AsSpan(16, bytes.Length - 48))!.AsObject();
        Assert.True(payload["Options"]!.AsObject().Remove("PiiLocale"));
        foreach (var column in payload["Columns"]!.AsArray()) column!.AsObject().Remove("Pii");
        byte[] old = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var file = new byte[16 + old.Length + 32];
        bytes.AsSpan(0, 12).CopyTo(file);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(12), old.Length);
        old.CopyTo(file, 16);
        System.Security.Cryptography.SHA256.HashData(old, file.AsSpan(16 + old.Length));
        var loaded = ModelFile.FromBytes(file, "old.doppel");
        Assert.Equal("en", loaded.Options.PiiLocale);
        var synthetic = loaded.Sample(200, new SampleOptions { Seed = 1 });
        Assert.All(PiiData.Strings(synthetic, "email").OfType<string>(), v => Assert.Matches(@"^[a-z]+\.[a-z]+[0-9]{0,2}@example\.(com|org|net)$", v));
    }
}
