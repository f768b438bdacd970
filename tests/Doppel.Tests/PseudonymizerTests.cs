using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Privacy.Pii;
using Doppel.Transforms;

namespace Doppel.Tests;

public class PseudonymizerTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("0123456789abcdef-test-key");
    private static readonly byte[] OtherKey = Encoding.UTF8.GetBytes("fedcba9876543210-test-key");

    /// <summary>Every PII kind (<see cref="PiiData"/>, all values unique canaries) as raw text cells, plus the age.</summary>
    private static (RawTable Raw, TableMetadata Metadata) People(int n)
    {
        var (table, meta) = PiiData.Make(n);
        var names = table.Columns.Select(c => c.Name).ToArray();
        var columns = table.Columns.Select(c => c is StringColumn s
            ? s.Values
            : [.. ((NumberColumn)c).Values.Select(v => (string?)v.ToString(CultureInfo.InvariantCulture))]).ToArray();
        return (new RawTable(names, columns, "people.csv"), meta);
    }

    private static string?[] Column(RawTable table, string name) => table.Columns[Array.IndexOf(table.Names, name)];

    [Fact]
    public void Run_NoOriginalPiiValueAppearsAndOtherColumnsAreUntouched()
    {
        var (raw, meta) = People(600);
        var result = Pseudonymizer.Run(raw, meta, Key);
        Assert.Equal(PiiData.PiiColumns, result.Columns.Select(c => c.Name));
        var originals = PiiData.PiiColumns.SelectMany(c => Column(raw, c)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var name in PiiData.PiiColumns)
        {
            var before = Column(raw, name);
            var after = Column(result.Table, name);
            for (int i = 0; i < before.Length; i++)
            {
                Assert.Equal(before[i] is null, after[i] is null); // nulls stay nulls
                if (after[i] is { } fake) Assert.False(originals.Contains(fake), $"{name} row {i}: {fake} is a real value");
            }
        }
        // The non-PII column is the input's own array: every value byte-identical.
        Assert.Same(Column(raw, "age"), Column(result.Table, "age"));
        Assert.Equal(raw.Names, result.Table.Names);
    }

    [Fact]
    public void Run_KeepsEachValuesFormat()
    {
        var (raw, meta) = People(300);
        var result = Pseudonymizer.Run(raw, meta, Key);
        foreach (var name in new[] { "phone", "ssn", "card", "iban", "zip", "other" })
        {
            var before = Column(raw, name);
            var after = Column(result.Table, name);
            for (int i = 0; i < before.Length; i++)
                if (before[i] is { } v) Assert.Equal(PatternModel.ShapeOf(v), PatternModel.ShapeOf(after[i]!));
        }
        // Same country code, valid check digits, same IP version, same birth year in the same format.
        var phones = Column(result.Table, "phone");
        Assert.All(phones.OfType<string>(), p => Assert.StartsWith("+49 ", p));
        Assert.All(Column(result.Table, "card").OfType<string>(), c => Assert.True(Luhn.IsValid(c, out _), c));
        Assert.All(Column(result.Table, "iban").OfType<string>(), c => Assert.True(Iban.IsValid(c), c));
        var ipBefore = Column(raw, "ip");
        var ipAfter = Column(result.Table, "ip");
        for (int i = 0; i < ipBefore.Length; i++) Assert.Equal(ipBefore[i]!.Contains(':'), ipAfter[i]!.Contains(':'));
        var birthBefore = Column(raw, "birth_date");
        var birthAfter = Column(result.Table, "birth_date");
        for (int i = 0; i < birthBefore.Length; i++)
        {
            var date = DateTime.ParseExact(birthAfter[i]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(birthBefore[i]![..4], date.Year.ToString("0000", CultureInfo.InvariantCulture));
        }
        Assert.All(Column(result.Table, "email").OfType<string>(), e => Assert.Matches(@"@example\.(com|org|net)$", e));
        var fullBefore = Column(raw, "full_name");
        var fullAfter = Column(result.Table, "full_name");
        for (int i = 0; i < fullBefore.Length; i++) Assert.Equal(fullBefore[i]!.Split(' ').Length, fullAfter[i]!.Split(' ').Length);
    }

    [Fact]
    public void Run_TwoTablesAndTwoRuns_MapEqualValuesToEqualFakes_SoJoinsSurvive()
    {
        // customers(email, name) and orders(email, amount): orders repeat some customers' e-mails and have unknown ones.
        var meta = new TableMetadata("t", [new ColumnMetadata("email", SemanticType.Pii) { Pii = PiiKind.Email },
            new ColumnMetadata("name", SemanticType.Pii) { Pii = PiiKind.PersonName }, new ColumnMetadata("amount", SemanticType.Numerical)]);
        var emails = Enumerable.Range(0, 200).Select(i => $"customer{i}@shop-real.com").ToArray();
        var customers = new RawTable(["email", "name"], [emails, [.. emails.Select((_, i) => $"Realfirst{i} Reallast{i}")]], "customers.csv");
        var orderEmails = Enumerable.Range(0, 500).Select(i => i % 5 == 4 ? $"walkin{i}@real.org" : emails[i * 7 % 200]).ToArray();
        var orders = new RawTable(["email", "amount"], [orderEmails, [.. orderEmails.Select((_, i) => (string?)i.ToString(CultureInfo.InvariantCulture))]], "orders.csv");

        var c1 = Pseudonymizer.Run(customers, meta, Key).Table;
        var c2 = Pseudonymizer.Run(customers, meta, Key).Table;
        var o1 = Pseudonymizer.Run(orders, meta, Key).Table;
        Assert.Equal(c1.Columns[0], c2.Columns[0]); // two runs: identical
        Assert.Equal(c1.Columns[1], c2.Columns[1]);

        // The join of orders to customers on the fake e-mail pairs exactly the rows the real join pairs.
        var realIndex = emails.Select((e, i) => (e, i)).ToDictionary(p => p.e, p => p.i);
        var fakeIndex = c1.Columns[0].Select((e, i) => (e!, i)).ToDictionary(p => p.Item1, p => p.i);
        Assert.Equal(200, fakeIndex.Count); // no two customers share a fake
        for (int r = 0; r < orderEmails.Length; r++)
        {
            int? real = realIndex.TryGetValue(orderEmails[r], out int a) ? a : null;
            int? fake = fakeIndex.TryGetValue(o1.Columns[0][r]!, out int b) ? b : null;
            Assert.Equal(real, fake);
        }
    }

    [Fact]
    public void Run_DifferentKeys_GiveDifferentFakes()
    {
        var (raw, meta) = People(200);
        var a = Pseudonymizer.Run(raw, meta, Key).Table;
        var b = Pseudonymizer.Run(raw, meta, OtherKey).Table;
        foreach (var name in new[] { "email", "ssn", "card", "iban", "other" })
        {
            var x = Column(a, name);
            var y = Column(b, name);
            int same = Enumerable.Range(0, x.Length).Count(i => x[i] is not null && x[i] == y[i]);
            Assert.True(same <= 2, $"{name}: {same} of {x.Length} fakes equal under another key");
        }
    }

    [Fact]
    public void Run_AnyThreadCount_GivesTheSameOutput()
    {
        var (raw, meta) = People(400);
        var one = Pseudonymizer.Run(raw, meta, Key, new PseudonymizeOptions { MaxDegreeOfParallelism = 1 });
        var four = Pseudonymizer.Run(raw, meta, Key, new PseudonymizeOptions { MaxDegreeOfParallelism = 4 });
        for (int c = 0; c < raw.Names.Length; c++) Assert.Equal(one.Table.Columns[c], four.Table.Columns[c]);
        Assert.Equal(one.Columns, four.Columns);
    }

    [Fact]
    public void Run_RowOrder_DoesNotChangeTheMapping()
    {
        var meta = new TableMetadata("t", [new ColumnMetadata("first_name", SemanticType.Pii) { Pii = PiiKind.PersonName }]);
        var values = Enumerable.Range(0, 400).Select(i => (string?)$"Realname{i}").ToArray();
        var forward = Pseudonymizer.Run(new RawTable(["first_name"], [values], "a"), meta, Key).Table.Columns[0];
        var backward = Pseudonymizer.Run(new RawTable(["first_name"], [[.. values.Reverse()]], "b"), meta, Key).Table.Columns[0];
        Assert.Equal(forward, backward.Reverse());
    }

    [Fact]
    public void Run_TinyValueSpace_RederivesCollisionsThenSharesAndNeverWritesARealValue()
    {
        // One-digit values: a fake is one of ten digits and must avoid the real ones.
        var meta = new TableMetadata("t", [new ColumnMetadata("code", SemanticType.Pii) { Pii = PiiKind.Other }]);
        string?[] eight = ["0", "1", "2", "3", "4", "5", "6", "7"];
        var result = Pseudonymizer.Run(new RawTable(["code"], [eight], "t"), meta, Key);
        var fakes = result.Table.Columns[0];
        Assert.All(fakes, f => Assert.Contains(f, new[] { "8", "9" }));
        var column = Assert.Single(result.Columns);
        Assert.Equal(8, column.DistinctValues);
        Assert.Equal(8 - fakes.Distinct().Count(), column.SharedFakes); // only two fakes exist for eight values
        Assert.Equal(6, column.SharedFakes);
        // A first fake equal to a real digit (eight in ten are) is re-derived; a shared fake may still be the first one.
        Assert.InRange(column.Rederived, 1, 8);

        string?[] ten = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        var e = Assert.Throws<DoppelException>(() => Pseudonymizer.Run(new RawTable(["code"], [ten], "t"), meta, Key));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("'code'", e.Message);
    }

    [Fact]
    public void Run_ManyEmails_NeedNoRederivation_SoEveryOneIsConsistentAcrossTables()
    {
        // About 4·10¹⁰ e-mail fakes (1.4·10⁶ name pairs × 3 domains × 10⁴ numbers): 20,000 values (2·10⁸ pairs) expect
        // about 0.005 collisions. Without the number (mostly none: 4·10⁶ fakes) about 25 would be re-derived.
        var meta = new TableMetadata("t", [new ColumnMetadata("email", SemanticType.Pii) { Pii = PiiKind.Email }]);
        var values = Enumerable.Range(0, 20_000).Select(i => (string?)$"person{i}@real-mail.com").ToArray();
        var result = Pseudonymizer.Run(new RawTable(["email"], [values], "t"), meta, Key);
        Assert.Equal(0, result.Columns[0].Rederived);
        Assert.Equal(20_000, result.Table.Columns[0].Distinct().Count());
        Assert.All(result.Table.Columns[0], e => Assert.Matches(@"^[a-z]+\.[a-z]+[0-9]{1,4}@example\.(com|org|net)$", e!));
    }

    [Fact]
    public void Run_Locale_IsPartOfTheMapping()
    {
        var meta = new TableMetadata("t", [new ColumnMetadata("full_name", SemanticType.Pii) { Pii = PiiKind.PersonName }]);
        var values = Enumerable.Range(0, 100).Select(i => (string?)$"Realfirst{i} Reallast{i}").ToArray();
        var table = new RawTable(["full_name"], [values], "t");
        var en = Pseudonymizer.Run(table, meta, Key).Table.Columns[0];
        var de = Pseudonymizer.Run(table, meta, Key, new PseudonymizeOptions { Locale = "de" }).Table.Columns[0];
        var deAgain = Pseudonymizer.Run(table, meta, Key, new PseudonymizeOptions { Locale = "de" }).Table.Columns[0];
        Assert.Equal(de, deAgain);
        Assert.True(Enumerable.Range(0, 100).Count(i => en[i] == de[i]) <= 2);
        var e = Assert.Throws<DoppelException>(() => Pseudonymizer.Run(table, meta, Key, new PseudonymizeOptions { Locale = "xx" }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
    }

    [Fact]
    public void Seed_SeparatesColumnValueAndAttempt()
    {
        ulong s = Pseudonymizer.Seed(Key, "ab", "c", 0);
        Assert.NotEqual(s, Pseudonymizer.Seed(Key, "a", "bc", 0)); // the boundary between name and value counts
        Assert.NotEqual(s, Pseudonymizer.Seed(Key, "ab", "c", 1));
        Assert.NotEqual(s, Pseudonymizer.Seed(OtherKey, "ab", "c", 0));
        Assert.Equal(s, Pseudonymizer.Seed(Key, "ab", "c", 0));
        // The documented derivation: HMAC-SHA256 over len(name) ‖ name ‖ len(value) ‖ value ‖ attempt, first 8 bytes little-endian.
        byte[] message = [2, 0, 0, 0, (byte)'a', (byte)'b', 1, 0, 0, 0, (byte)'c', 0, 0, 0, 0];
        Assert.Equal(BitConverter.ToUInt64(System.Security.Cryptography.HMACSHA256.HashData(Key, message), 0), s);
    }

    [Fact]
    public void Run_BadInput_ThrowsClearErrors()
    {
        var (raw, meta) = People(20);
        var empty = Assert.Throws<DoppelException>(() => Pseudonymizer.Run(raw, meta, []));
        Assert.Equal(ErrorKind.Usage, empty.Kind);
        Assert.Contains("empty", empty.Message);
        var shortKey = Assert.Throws<DoppelException>(() => Pseudonymizer.Run(raw, meta, new byte[15]));
        Assert.Equal(ErrorKind.Usage, shortKey.Kind);
        Assert.Contains("15 bytes", shortKey.Message);
        var unknown = Assert.Throws<DoppelException>(() => Pseudonymizer.Run(raw, meta, Key, new PseudonymizeOptions { Columns = ["email", "nope"] }));
        Assert.Equal(ErrorKind.Usage, unknown.Kind);
        Assert.Contains("'nope'", unknown.Message);

        var plain = new TableMetadata("t", [new ColumnMetadata("age", SemanticType.Numerical)]);
        var ages = new RawTable(["age"], [["31", "42"]], "ages.csv");
        var none = Assert.Throws<DoppelException>(() => Pseudonymizer.Run(ages, plain, Key));
        Assert.Equal(ErrorKind.Data, none.Kind);
        Assert.Contains("--columns", none.Message);
        // Named explicitly, a column that is not PII is replaced in its own shape.
        var named = Pseudonymizer.Run(ages, plain, Key, new PseudonymizeOptions { Columns = ["age"] });
        Assert.Equal(PiiKind.Other, named.Columns[0].Kind);
        Assert.All(named.Table.Columns[0], v => Assert.Matches("^[0-9]{2}$", v!));
    }
}
