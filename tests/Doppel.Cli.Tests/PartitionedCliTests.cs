using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Doppel.Cli.Tests;

/// <summary>
/// <c>sample --partitions / --rows-per-file</c> (issue #13 item 3): a folder of parts and one manifest whose dataset
/// digest depends on the plan, never on threads; an existing output is refused without --force; <c>verify FOLDER</c>
/// checks every part, and a signed manifest catches an edit even when the part's hash was recomputed.
/// </summary>
public class PartitionedCliTests
{
    private readonly CliRunner _cli = new();

    private string Model(params string[] options)
    {
        string model = _cli.PathOf("adult.doppel");
        var (code, _, error, _) = _cli.Run(["fit", CliRunner.Sample, "-o", model, "--synthesizer", "gaussian-copula", "--seed", "1", .. options]);
        Assert.True(code == 0, error);
        return model;
    }

    private static JsonNode Manifest(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "_manifest.json")))!;

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public void Partitions_WriteEveryPart_AndTheDigestDoesNotDependOnThreads(string format)
    {
        string model = Model(), one = _cli.PathOf("one"), two = _cli.PathOf("two");
        var (code, _, error, _) = _cli.Run("sample", model, "-o", one, "--rows", "1000", "--partitions", "3", "--format", format, "--seed", "5", "--threads", "1");
        Assert.True(code == 0, error);
        Assert.Equal(0, _cli.Run("sample", model, "-o", two, "--rows", "1000", "--partitions", "3", "--format", format, "--seed", "5", "--threads", "2").Code);

        var manifest = Manifest(one);
        var parts = manifest["parts"]!.AsArray();
        Assert.Equal(3, parts.Count);
        Assert.Equal(1000, parts.Sum(p => p!["rows"]!.GetValue<long>()));
        Assert.Equal(1000, manifest["rows"]!.GetValue<long>());
        foreach (var part in parts)
        {
            string file = part!["file"]!.GetValue<string>();
            Assert.EndsWith("." + format, file);
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, file)), File.ReadAllBytes(Path.Combine(two, file)));
        }
        if (format == "csv") // each part is a whole CSV file: a header, then its rows
            Assert.Equal(parts[0]!["rows"]!.GetValue<long>() + 1, File.ReadAllLines(Path.Combine(one, parts[0]!["file"]!.GetValue<string>())).Length);
        Assert.Equal(manifest["datasetDigest"]!.GetValue<string>(), Manifest(two)["datasetDigest"]!.GetValue<string>());
    }

    [Fact]
    public void RowsPerFile_SplitsTheRows_TheLastPartTakesTheRest()
    {
        string model = Model(), folder = _cli.PathOf("parts");
        var (code, _, error, _) = _cli.Run("sample", model, "-o", folder, "--rows", "1000", "--rows-per-file", "300", "--format", "csv", "--seed", "5");
        Assert.True(code == 0, error);
        Assert.Equal([300L, 300, 300, 100], Manifest(folder)["parts"]!.AsArray().Select(p => p!["rows"]!.GetValue<long>()));
    }

    [Fact]
    public void ExistingOutput_IsRefusedWithoutForce_AndReplacedWithIt()
    {
        string model = Model(), folder = _cli.PathOf("parts");
        Assert.Equal(0, _cli.Run("sample", model, "-o", folder, "--rows", "200", "--partitions", "2", "--format", "csv", "--seed", "5").Code);
        string before = File.ReadAllText(Path.Combine(folder, "_manifest.json"));

        var (code, _, error, _) = _cli.Run("sample", model, "-o", folder, "--rows", "200", "--partitions", "2", "--format", "csv", "--seed", "6");
        Assert.Equal(6, code);
        Assert.Contains("already holds a complete partitioned output", error);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, "_manifest.json")));

        Assert.Equal(0, _cli.Run("sample", model, "-o", folder, "--rows", "200", "--partitions", "2", "--format", "csv", "--seed", "6", "--force").Code);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(folder, "_manifest.json")));
    }

    [Fact]
    public void Verify_Folder_ChecksEveryPart()
    {
        string model = Model(), folder = _cli.PathOf("parts");
        Assert.Equal(0, _cli.Run("sample", model, "-o", folder, "--rows", "300", "--partitions", "3", "--format", "csv", "--seed", "5").Code);
        var (code, stdout, error, _) = _cli.Run("verify", folder);
        Assert.True(code == 0, error);
        Assert.StartsWith("OK", stdout);

        string part = Path.Combine(folder, Manifest(folder)["parts"]![1]!["file"]!.GetValue<string>());
        var bytes = File.ReadAllBytes(part);
        bytes[^2] = (byte)(bytes[^2] == (byte)'1' ? '2' : '1'); // same length, other content
        File.WriteAllBytes(part, bytes);
        (code, stdout, _, _) = _cli.Run("verify", folder);
        Assert.Equal(3, code);
        Assert.StartsWith("ALTERED", stdout);
        Assert.Contains(Path.GetFileName(part), stdout);

        File.Delete(part);
        Assert.Contains("is missing", _cli.Run("verify", folder).Out);
    }

    [Fact]
    public void SignedManifest_CatchesAnEditWithRecomputedHashes_AndNeverHoldsTheKey()
    {
        string key = _cli.PathOf("key");
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        File.WriteAllBytes(key, secret);
        string model = Model("--signing-key", key), folder = _cli.PathOf("parts");
        var (code, _, error, _) = _cli.Run("sample", model, "-o", folder, "--rows", "300", "--partitions", "2", "--format", "csv", "--seed", "5", "--signing-key", key);
        Assert.True(code == 0, error);
        string text = File.ReadAllText(Path.Combine(folder, "_manifest.json"));
        Assert.StartsWith("hmac-sha256:", Manifest(folder)["signature"]!.GetValue<string>());
        Assert.DoesNotContain(Convert.ToHexStringLower(secret), text);
        Assert.Equal(0, _cli.Run("verify", folder, "--signing-key", key).Code);

        // Edit a part and recompute every hash in the manifest: the unsigned check is fooled, the signature is not.
        var manifest = Manifest(folder);
        string file = manifest["parts"]![0]!["file"]!.GetValue<string>(), path = Path.Combine(folder, file);
        File.AppendAllText(path, File.ReadAllLines(path)[1] + "\n");
        var edited = manifest["parts"]![0]!;
        edited["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        edited["bytes"] = new FileInfo(path).Length;
        edited["rows"] = edited["rows"]!.GetValue<long>() + 1;
        var parts = manifest["parts"]!.AsArray().Select(p => $"{p!["shard"]} {p["rows"]} {p["sha256"]}\n");
        manifest["datasetDigest"] = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(parts))));
        File.WriteAllText(Path.Combine(folder, "_manifest.json"), manifest.ToJsonString());

        Assert.Equal(0, _cli.Run("verify", folder).Code);
        var (signed, stdout, _, _) = _cli.Run("verify", folder, "--signing-key", key);
        Assert.Equal(3, signed);
        Assert.Contains("does not match its signature", stdout);
    }
}
