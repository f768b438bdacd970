using System.Text.Json;

namespace Doppel.Cli.Tests;

public class ProvenanceTests
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void Generate_WritesManifestThatVerifies()
    {
        string output = _cli.PathOf("syn.csv");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", output, "--seed", "7", "--rows", "300").Code);
        string sidecar = output + ".manifest.json";
        using var manifest = JsonDocument.Parse(File.ReadAllText(sidecar));
        var root = manifest.RootElement;
        Assert.Equal("doppel-manifest", root.GetProperty("format").GetString());
        Assert.Equal(7UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(300, root.GetProperty("rows").GetInt64());
        Assert.Equal("gaussian-copula", root.GetProperty("synthesizer").GetString());
        Assert.Equal(3_257, root.GetProperty("source").GetProperty("rows").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("source").GetProperty("dataSha256").GetString()!);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(output))),
                     root.GetProperty("output").GetProperty("sha256").GetString());

        var (code, stdout, _, _) = _cli.Run("verify", output);
        Assert.Equal(0, code);
        Assert.StartsWith("OK", stdout);
    }

    [Fact]
    public void Verify_AlteredFile_IsDetected()
    {
        string output = _cli.PathOf("syn.csv");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", output, "--seed", "7", "--rows", "50").Code);
        File.AppendAllText(output, "1,2,3\n");
        var (code, stdout, _, _) = _cli.Run("verify", output);
        Assert.Equal(3, code);
        Assert.StartsWith("ALTERED", stdout);
    }

    [Fact]
    public void Verify_WithoutManifest_IsClearError()
    {
        string file = _cli.Write("plain.csv", "a\n1\n");
        var (code, _, error, _) = _cli.Run("verify", file);
        Assert.Equal(6, code);
        Assert.Contains("manifest", error);
    }

    [Fact]
    public void SameSeed_SameDataHash_WhateverTheThreads()
    {
        string a = _cli.PathOf("a.csv"), b = _cli.PathOf("b.csv");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", a, "--seed", "5", "--rows", "20000", "--threads", "1").Code);
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", b, "--seed", "5", "--rows", "20000", "--threads", "2").Code);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        static string Hash(string path) => JsonDocument.Parse(File.ReadAllText(path + ".manifest.json")).RootElement.GetProperty("output").GetProperty("sha256").GetString()!;
        Assert.Equal(Hash(a), Hash(b));
    }

    [Fact]
    public void MarkSynthetic_AddsAColumnTrueOnEveryRow()
    {
        string output = _cli.PathOf("marked.csv");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", output, "--rows", "100", "--seed", "1", "--mark-synthetic").Code);
        var lines = File.ReadAllLines(output);
        Assert.EndsWith(",synthetic", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.EndsWith(",true", line));
        Assert.Contains("\"syntheticMarkerColumn\": \"synthetic\"", File.ReadAllText(output + ".manifest.json"));
    }

    [Fact]
    public void Parquet_CarriesTheManifestInside_AndStaysDeterministic()
    {
        string a = _cli.PathOf("a.parquet"), b = _cli.PathOf("b.parquet");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", a, "--rows", "500", "--seed", "3").Code);
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", b, "--rows", "500", "--seed", "3").Code);
        byte[] bytes = File.ReadAllBytes(a);
        Assert.Equal(bytes, File.ReadAllBytes(b)); // no creation time inside the file
        string text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("doppel.manifest", text);
        Assert.Contains("\"seed\": 3", text);
        Assert.Equal(0, _cli.Run("verify", a).Code);
    }
}
