using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Doppel.Cli.Tests;

/// <summary>
/// Signed provenance (issue #10): --signing-key signs manifests and models with HMAC-SHA256; verify detects any
/// edit even when the SHA-256 was recomputed; a model loaded with the key must carry its valid signature.
/// </summary>
public class SigningTests
{
    private readonly CliRunner _cli = new();

    private string Key(string name = "key", int bytes = 32)
    {
        string path = _cli.PathOf(name);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(bytes));
        return path;
    }

    [Fact]
    public void Generate_SignedManifest_Verifies_AndNeverHoldsTheKey()
    {
        string key = Key(), output = _cli.PathOf("syn.csv");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--seed", "7", "--rows", "200", "--signing-key", key);
        Assert.Equal(0, code);
        string manifest = File.ReadAllText(output + ".manifest.json");
        Assert.Matches("\"signature\": \"hmac-sha256:[0-9a-f]{64}\"", manifest);
        string keyHex = Convert.ToHexStringLower(File.ReadAllBytes(key));
        Assert.DoesNotContain(keyHex, manifest);
        Assert.DoesNotContain(keyHex, error);
        var verified = _cli.Run("verify", output, "--signing-key", key);
        Assert.Equal(0, verified.Code);
        Assert.StartsWith("OK", verified.Out);
        Assert.Contains("signed manifest", verified.Out);
    }

    [Fact]
    public void Verify_EditWithRecomputedHash_IsDetected()
    {
        string key = Key(), output = _cli.PathOf("syn.csv");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", output, "--seed", "7", "--rows", "50", "--signing-key", key).Code);
        // The forger edits the data and recomputes the hash and size in the manifest: the hash check alone passes.
        File.AppendAllText(output, string.Join(",", Enumerable.Repeat("1", File.ReadLines(output).First().Split(',').Length)) + "\n");
        string sidecar = output + ".manifest.json";
        var json = JsonNode.Parse(File.ReadAllText(sidecar))!;
        json["output"]!["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output)));
        json["output"]!["bytes"] = new FileInfo(output).Length;
        File.WriteAllText(sidecar, json.ToJsonString());
        Assert.Equal(0, _cli.Run("verify", output).Code); // unsigned verification is fooled …
        var (code, stdout, _, _) = _cli.Run("verify", output, "--signing-key", key); // … the signature is not
        Assert.Equal(3, code);
        Assert.StartsWith("ALTERED", stdout);
        Assert.Contains("signature", stdout);
    }

    [Fact]
    public void Pseudonymize_SignedManifest_Verifies_AndAnEditWithRecomputedHashIsDetected()
    {
        string key = Key(), output = _cli.PathOf("pseudo.csv");
        string input = _cli.Write("people.csv", "id,email\n1,anna.real@mail-real.de\n2,jonas.real@mail-real.de\n");
        string pseudonymKey = _cli.Write("pseudonym.key", "a-secret-key-of-32-characters-xx\n");
        var (code, _, error, _) = _cli.Run("pseudonymize", input, "-o", output, "--key-file", pseudonymKey, "--signing-key", key);
        Assert.True(code == 0, error);
        string sidecar = output + ".manifest.json";
        Assert.Matches("\"signature\": \"hmac-sha256:[0-9a-f]{64}\"", File.ReadAllText(sidecar));
        var verified = _cli.Run("verify", output, "--signing-key", key);
        Assert.Equal(0, verified.Code);
        Assert.Contains("signed manifest", verified.Out);

        File.AppendAllText(output, "3,someone@example.org\n");
        var json = JsonNode.Parse(File.ReadAllText(sidecar))!;
        json["output"]!["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output)));
        json["output"]!["bytes"] = new FileInfo(output).Length;
        json["rows"] = 3;
        File.WriteAllText(sidecar, json.ToJsonString());
        Assert.Equal(0, _cli.Run("verify", output).Code); // the hash alone is fooled …
        var (edited, stdout, _, _) = _cli.Run("verify", output, "--signing-key", key); // … the signature is not
        Assert.Equal(3, edited);
        Assert.StartsWith("ALTERED", stdout);
    }

    [Fact]
    public void Verify_OtherKeyOrUnsignedManifest_IsRefused()
    {
        string key = Key(), other = Key("other"), output = _cli.PathOf("syn.csv"), plain = _cli.PathOf("plain.csv");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", output, "--seed", "7", "--rows", "50", "--signing-key", key).Code);
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", plain, "--seed", "7", "--rows", "50").Code);
        Assert.StartsWith("ALTERED", _cli.Run("verify", output, "--signing-key", other).Out);
        var unsigned = _cli.Run("verify", plain, "--signing-key", key);
        Assert.Equal(3, unsigned.Code);
        Assert.StartsWith("UNSIGNED", unsigned.Out);
    }

    [Fact]
    public void Sample_SignedModel_LoadsWithItsKey_AndAnEditedOrUnsignedOneIsRefused()
    {
        string key = Key(), model = _cli.PathOf("m.doppel"), unsignedModel = _cli.PathOf("u.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model, "--signing-key", key).Code);
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", unsignedModel).Code);
        Assert.Equal(0, _cli.Run("sample", model, "--rows", "10", "-o", _cli.PathOf("a.csv"), "--seed", "1", "--signing-key", key).Code);
        Assert.StartsWith("OK", _cli.Run("verify", model, "--signing-key", key).Out);
        // Without the key a signed model still loads (the signature is simply not checked).
        Assert.Equal(0, _cli.Run("sample", model, "--rows", "10", "-o", _cli.PathOf("b.csv"), "--seed", "1").Code);

        var unsigned = _cli.Run("sample", unsignedModel, "--rows", "10", "-o", _cli.PathOf("c.csv"), "--signing-key", key);
        Assert.Equal(5, unsigned.Code);
        Assert.Contains("not signed", unsigned.Error);

        // An edit that keeps the checksum valid: change one byte of the payload and recompute its SHA-256.
        var bytes = File.ReadAllBytes(model);
        int length = BitConverter.ToInt32(bytes, 12);
        int at = Array.IndexOf(bytes, (byte)'7', 16);
        bytes[at] = (byte)'8';
        SHA256.HashData(bytes.AsSpan(16, length), bytes.AsSpan(16 + length, 32));
        string edited = _cli.PathOf("edited.doppel");
        File.WriteAllBytes(edited, bytes);
        var refused = _cli.Run("sample", edited, "--rows", "10", "-o", _cli.PathOf("d.csv"), "--signing-key", key);
        Assert.Equal(5, refused.Code);
        Assert.Contains("valid signature", refused.Error);
        Assert.StartsWith("ALTERED", _cli.Run("verify", edited, "--signing-key", key).Out);
        Assert.False(File.Exists(_cli.PathOf("d.csv")));
    }

    [Fact]
    public void SigningKey_TooShort_IsAUsageErrorBeforeFitting()
    {
        string key = Key("short", 8);
        var (code, _, error, _) = _cli.Run("fit", CliRunner.Sample, "-o", _cli.PathOf("m.doppel"), "--signing-key", key);
        Assert.Equal(2, code);
        Assert.Contains("at least 32", error);
        Assert.False(File.Exists(_cli.PathOf("m.doppel")));
    }
}
