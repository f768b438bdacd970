using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Doppel.Cli.Tests;

/// <summary>Issue #10 at the command line: tables too small to protect, and crafted model files.</summary>
public class ModelPrivacyCliTests
{
    private readonly CliRunner _cli = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(19)]
    public void Generate_TooFewRows_IsBadDataSayingTheMinimum(int rows)
    {
        string input = _cli.Write("tiny.csv", "age,city\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{30 + i},Oslo\n")));
        string output = _cli.PathOf("out.csv");
        var (code, _, error, _) = _cli.Run("generate", input, "-o", output, "--seed", "1");
        Assert.Equal(3, code);
        Assert.Contains("at least 20", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Sample_CraftedModelWithValidChecksum_IsExitFiveNamingTheField()
    {
        string model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", model).Code);
        var bytes = File.ReadAllBytes(model);
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        string json = Encoding.UTF8.GetString(bytes, 16, length).Replace("\"Synthesizer\":\"gaussian-copula\"", "\"Synthesizer\":\"evil\"", StringComparison.Ordinal);
        byte[] payload = Encoding.UTF8.GetBytes(json);
        var crafted = new byte[16 + payload.Length + 32];
        bytes.AsSpan(0, 12).CopyTo(crafted);
        BinaryPrimitives.WriteInt32LittleEndian(crafted.AsSpan(12), payload.Length);
        payload.CopyTo(crafted, 16);
        SHA256.HashData(payload, crafted.AsSpan(16 + payload.Length));
        File.WriteAllBytes(model, crafted);
        var (code, _, error, _) = _cli.Run("sample", model, "--rows", "10", "-o", _cli.PathOf("out.csv"));
        Assert.Equal(5, code);
        Assert.Contains("synthesizer 'evil' is unknown", error);
    }
}
