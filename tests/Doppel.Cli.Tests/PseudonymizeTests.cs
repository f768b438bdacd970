using System.Text.Json;

namespace Doppel.Cli.Tests;

public class PseudonymizeTests
{
    private readonly CliRunner _cli = new();

    private const string Customers =
        "id,email,phone,age,name\n" +
        "1,anna.real@mail-real.de,+49 30 1234567,34,Anna Realname\n" +
        "2,jonas.real@mail-real.de,+49 40 7654321,41,\"Realname, Jonas\"\n" +
        "3,li.real@mail-real.cn,,29.50,Li Realname\n";

    private const string Orders =
        "order,email,total\n" +
        "10,li.real@mail-real.cn,9.99\n" +
        "11,anna.real@mail-real.de,12.00\n" +
        "12,anna.real@mail-real.de,1e3\n" +
        "13,walkin.real@mail-real.org,5\n";

    private string KeyFile(string name = "key.txt", string content = "a-secret-key-of-32-characters-xx\n") => _cli.Write(name, content);

    private static string[][] Rows(string path) => [.. File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public void Pseudonymize_TwoFiles_KeepRowsReplacePiiAndJoinStillWorks()
    {
        string customers = _cli.Write("customers.csv", Customers);
        string orders = _cli.Write("orders.csv", Orders);
        string key = KeyFile();
        string c = _cli.PathOf("c.csv"), o = _cli.PathOf("o.csv");
        var (code, _, error, _) = _cli.Run("pseudonymize", customers, "-o", c, "--key-file", key);
        Assert.True(code == 0, error);
        Assert.Contains("pii:email", error);
        Assert.Equal(0, _cli.Run("pseudonymize", orders, "-o", o, "--key-file", key, "--columns", "email").Code);

        string output = File.ReadAllText(c) + File.ReadAllText(o);
        foreach (var real in new[] { "anna.real", "jonas.real", "li.real", "walkin.real", "1234567", "7654321", "Realname" })
            Assert.DoesNotContain(real, output); // canaries
        var cRows = Rows(c);
        var oRows = Rows(o);
        // Non-PII values exactly as read (29.50, 12.00 and 1e3 are not reformatted); nulls stay empty.
        Assert.Equal(["1", "2", "3"], cRows.Select(r => r[0]));
        Assert.Equal(["34", "41", "29.50"], cRows.Select(r => r[3]));
        Assert.Equal(["9.99", "12.00", "1e3", "5"], oRows.Select(r => r[2]));
        Assert.Equal("", cRows[2][2]);
        // The join survives: orders 11 and 12 belong to customer 1, order 10 to customer 3, order 13 to nobody.
        Assert.Equal(cRows[0][1], oRows[1][1]);
        Assert.Equal(cRows[0][1], oRows[2][1]);
        Assert.Equal(cRows[2][1], oRows[0][1]);
        Assert.DoesNotContain(oRows[3][1], cRows.Select(r => r[1]));

        // The manifest says what happened, and nothing about the key.
        string manifestText = File.ReadAllText(c + ".manifest.json");
        Assert.DoesNotContain("secret", manifestText);
        using var manifest = JsonDocument.Parse(manifestText);
        Assert.Equal("pseudonymized", manifest.RootElement.GetProperty("mode").GetString());
        Assert.Equal(["email", "phone", "name"], manifest.RootElement.GetProperty("pseudonymizedColumns").EnumerateArray().Select(e => e.GetString()));
        var verify = _cli.Run("verify", c);
        Assert.Equal(0, verify.Code);
        Assert.Contains("pseudonymized", verify.Out);
        // Evaluated as if synthetic, it is flagged as the real rows it is.
        var evaluate = _cli.Run("evaluate", "--real", customers, "--synthetic", c, "--no-ml");
        Assert.Equal(0, evaluate.Code);
        Assert.Contains("is pseudonymized real data", evaluate.Error);
    }

    [Fact]
    public void Pseudonymize_SameKeyFromEnvironment_GivesTheSameFile_OtherKeyDoesNot()
    {
        string customers = _cli.Write("customers.csv", Customers);
        string a = _cli.PathOf("a.csv"), b = _cli.PathOf("b.csv"), other = _cli.PathOf("other.csv");
        Assert.Equal(0, _cli.Run("pseudonymize", customers, "-o", a, "--key-file", KeyFile()).Code);
        const string variable = "DOPPEL_TEST_PSEUDONYM_KEY";
        Environment.SetEnvironmentVariable(variable, "a-secret-key-of-32-characters-xx");
        try
        {
            Assert.Equal(0, _cli.Run("pseudonymize", customers, "-o", b, "--key-env", variable).Code);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b)); // the file's trailing newline is not part of the key
        Assert.Equal(0, _cli.Run("pseudonymize", customers, "-o", other, "--key-file", KeyFile("k2.txt", "another-secret-key-32-characters")).Code);
        Assert.NotEqual(Rows(a).Select(r => r[1]), Rows(other).Select(r => r[1]));
        // A quoted value that contains the delimiter is replaced too.
        Assert.DoesNotContain("Realname", File.ReadAllText(a));
    }

    [Fact]
    public void Pseudonymize_ToParquet_KeepsTypesAndEmbedsTheManifest()
    {
        string customers = _cli.Write("customers.csv", Customers);
        string output = _cli.PathOf("c.parquet");
        var (code, _, error, _) = _cli.Run("pseudonymize", customers, "-o", output, "--key-file", KeyFile());
        Assert.True(code == 0, error);
        var raw = Doppel.IO.TableFiles.ReadRaw(output);
        Assert.Equal(["id", "email", "phone", "age", "name"], raw.Names);
        Assert.Equal(new string?[] { "34", "41", "29.5" }, raw.Columns[3]); // a number column again, read back
        Assert.All(raw.Columns[1], e => Assert.Matches("@example\\.(com|org|net)$", e!));
        Assert.Null(raw.Columns[2][2]);
        Assert.Equal(0, _cli.Run("verify", output).Code);
    }

    [Fact]
    public void Pseudonymize_BadInput_ExitsWithClearErrorsAndNoOutput()
    {
        string customers = _cli.Write("customers.csv", Customers);
        string plain = _cli.Write("plain.csv", "age,score\n31,0.5\n42,0.7\n");
        string key = KeyFile();
        string shortKey = _cli.Write("short.txt", "too-short\n");
        string emptyKey = _cli.Write("empty.txt", "\n");
        string exists = _cli.Write("exists.csv", "x\n1\n");
        string output = _cli.PathOf("out.csv");
        string otherMetadata = _cli.PathOf("other.json");
        Assert.Equal(0, _cli.Run("inspect", plain, "-o", otherMetadata).Code);
        var cases = new (string[] Args, int Code, string Message)[]
        {
            (["pseudonymize", customers, "-o", output], 2, "--key-file FILE or --key-env VARIABLE"),
            (["pseudonymize", customers, "-o", output, "--key-file", key, "--key-env", "HOME"], 2, "exactly one"),
            (["pseudonymize", customers, "-o", output, "--key-file", shortKey], 2, "at least 16"),
            (["pseudonymize", customers, "-o", output, "--key-file", emptyKey], 2, "empty"),
            (["pseudonymize", customers, "-o", output, "--key-file", _cli.PathOf("missing.txt")], 6, "Cannot find the key file"),
            (["pseudonymize", customers, "-o", output, "--key-env", "DOPPEL_TEST_UNSET_VARIABLE"], 2, "is not set"),
            (["pseudonymize", customers, "-o", output, "--key-file", key, "--columns", "email,nope"], 2, "'nope'"),
            (["pseudonymize", plain, "-o", output, "--key-file", key], 3, "--columns"),
            (["pseudonymize", customers, "-o", output, "--key-file", key, "--pii-locale", "xx"], 2, "not a supported PII locale"),
            (["pseudonymize", customers, "-o", output, "--key-file", key, "--threads", "0"], 2, "--threads must be at least 1"),
            (["pseudonymize", customers, "-o", output, "--key-file", key, "--metadata", otherMetadata], 4, "not in the metadata: 'id'"),
            (["pseudonymize", customers, "-o", exists, "--key-file", key], 6, "--force"),
            (["pseudonymize", customers, "-o", customers, "--key-file", key, "--force"], 2, "never overwrites its input"),
        };
        foreach (var (args, code, message) in cases)
        {
            var result = _cli.Run(args);
            Assert.True(code == result.Code, $"{string.Join(' ', args)}: exit {result.Code}, {result.Error}");
            Assert.Contains(message, result.Error);
            Assert.DoesNotContain("   at ", result.Error); // no stack trace
        }
        Assert.False(File.Exists(output));
        Assert.Equal("x\n1\n", File.ReadAllText(exists));
    }
}
