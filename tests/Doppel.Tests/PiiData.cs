using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Privacy.Pii;
using Doppel.Sampling;

namespace Doppel.Tests;

/// <summary>
/// A seeded "real" table with one column of each PII kind in realistic German and US formats, every value unique
/// (canaries: a synthetic value equal to one of them would be a leak), plus a number, and some nulls.
/// </summary>
internal static class PiiData
{
    public static readonly string[] PiiColumns =
        ["email", "phone", "first_name", "full_name", "address", "ssn", "card", "iban", "ip", "url", "zip", "birth_date", "other"];

    public static (Table Table, TableMetadata Metadata) Make(int n, ulong seed = 21)
    {
        var random = new RandomStream(seed, 0);
        var cells = PiiColumns.ToDictionary(c => c, _ => new string?[n]);
        var age = new double[n];
        var inv = CultureInfo.InvariantCulture;
        var builder = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            string Digits(int count) { var s = new char[count]; for (int d = 0; d < count; d++) s[d] = (char)('0' + random.NextInt(10)); return new string(s); }
            cells["email"][i] = $"canary{i}.person@realmail.com";
            cells["phone"][i] = random.NextInt(2) == 0 ? $"+49 30 {Digits(7)}" : $"+49 171 {Digits(7)}";
            cells["first_name"][i] = "Realname" + i.ToString(inv);
            cells["full_name"][i] = $"Realfirst{i} Reallast{i}";
            cells["address"][i] = $"{1 + i} Realstreet Road";
            cells["ssn"][i] = $"{100 + i % 500:000}-{10 + i % 89:00}-{1000 + i:0000}";
            builder.Clear().Append('4').Append(Digits(3)).Append(' ').Append(Digits(4)).Append(' ').Append(Digits(4)).Append(' ').Append(Digits(4));
            Luhn.SetCheckDigit(builder);
            cells["card"][i] = builder.ToString();
            builder.Clear().Append("DE00 ").Append(Digits(4)).Append(' ').Append(Digits(4)).Append(' ').Append(Digits(4)).Append(' ').Append(Digits(4)).Append(' ').Append(Digits(2));
            Iban.SetCheckDigits(builder, 0);
            cells["iban"][i] = builder.ToString();
            cells["ip"][i] = i % 10 == 0 ? $"fe80::{i:x}:1" : $"10.{i % 256}.{i / 256 % 256}.{1 + i % 200}";
            cells["url"][i] = $"https://realsite{i}.com/profile";
            cells["zip"][i] = Digits(5);
            cells["birth_date"][i] = new DateTime(1950, 1, 1).AddDays(random.NextInt(365 * 50)).ToString("yyyy-MM-dd", inv);
            cells["other"][i] = "X" + Digits(10);
            age[i] = 20 + random.NextInt(60);
            if (i % 17 == 3) cells["phone"][i] = null;
        }
        var columns = new List<Column> { new NumberColumn("age", age) };
        foreach (var name in PiiColumns)
        {
            var values = cells[name];
            var validity = new Validity(n);
            for (int i = 0; i < n; i++) if (values[i] is null) validity.Set(i, false);
            columns.Add(new StringColumn(name, values, validity));
        }
        var meta = new TableMetadata("people",
        [
            new ColumnMetadata("age", SemanticType.Numerical) { Integer = true, Decimals = 0 },
            Pii("email", PiiKind.Email), Pii("phone", PiiKind.Phone), Pii("first_name", PiiKind.PersonName),
            Pii("full_name", PiiKind.PersonName), Pii("address", PiiKind.Address), Pii("ssn", PiiKind.NationalId),
            Pii("card", PiiKind.CreditCard), Pii("iban", PiiKind.Iban), Pii("ip", PiiKind.IpAddress), Pii("url", PiiKind.Url),
            Pii("zip", PiiKind.PostalCode), Pii("birth_date", PiiKind.BirthDate) with { Format = "yyyy-MM-dd" }, Pii("other", PiiKind.Other),
        ]);
        return (new Table(columns), meta);
    }

    private static ColumnMetadata Pii(string name, PiiKind kind) => new(name, SemanticType.Pii) { Pii = kind };

    public static string?[] Strings(Table table, string column) => ((StringColumn)table[column]).Values;
}
