using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Doppel.Models;
using Doppel.Privacy.Dp;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;

namespace Doppel.Tests;

/// <summary>
/// A hand-edited model file whose checksum was recomputed is refused at load, as a model error naming what is
/// wrong, instead of crashing sampling or being accepted (issue #10).
/// </summary>
public class ModelCheckTests
{
    private static readonly Lazy<Dictionary<string, byte[]>> Models = new(() =>
    {
        var (table, meta) = RealisticData.Make(600);
        return SynthesizerCatalog.AllNames.ToDictionary(name => name, name => ModelFile.ToBytes(SynthesizerCatalog.Create(name, null,
            SynthesizerCatalog.DifferentiallyPrivate.Contains(name) ? new DifferentialPrivacyOptions { Epsilon = 5, Noise = NoiseSource.InsecureSeededForTests(3) } : null).Fit(table, meta)));
    });

    public static TheoryData<string> Synthesizers() => [.. SynthesizerCatalog.AllNames];

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Load_UntouchedModel_IsAccepted(string synthesizer) =>
        Assert.Equal(synthesizer, ModelFile.FromBytes(Models.Value[synthesizer], "m.doppel").Synthesizer);

    [Theory]
    // Every synthesizer: the name, unknown fields, the source and options.
    [InlineData("gaussian-copula", "Synthesizer", "\"evil\"", "synthesizer 'evil' is unknown")]
    [InlineData("sequential-tree", "Synthesizer", "\"gaussian-copula\"", "a gaussian-copula model cannot hold trees")]
    [InlineData("bayesian-network", "Synthesizer", "\"mst\"", "an mst model must record its privacy budget")]
    [InlineData("independent", "Rows", "-5", "row count is negative")]
    [InlineData("gaussian-copula", "RareThreshold", "0", "threshold must be at least 1")]
    // The copula's column models.
    [InlineData("gaussian-copula", "Levels[0]", "99", "level 99 is out of range")]
    [InlineData("gaussian-copula", "Levels[1]", "-7", "level -7 is out of range")]
    [InlineData("gaussian-copula", "Shares[0]", "-0.5", "shares hold a negative share")]
    [InlineData("gaussian-copula", "Shares", "[0.5]", "shares: 1 entries, expected")]
    [InlineData("gaussian-copula", "Knots", "[3, 2, 1]", "knots are not in ascending order")]
    [InlineData("gaussian-copula", "NullShare", "1.5", "null share 1.5 is not in [0, 1]")]
    [InlineData("gaussian-copula", "DateTimeUnit", "-1", "datetime unit -1")]
    [InlineData("gaussian-copula", "Decimals", "-3", "decimals -3 is negative")]
    [InlineData("independent", "ShapeShares", "[-1]", "shape shares")]
    // Trees, networks and DP networks.
    [InlineData("sequential-tree", "PointShares", "[-0.25]", "point share")]
    [InlineData("sequential-tree", "Feature", "[12345]", "tests a column that does not exist")]
    [InlineData("sequential-tree", "Min", "1e300", "are not an interval")]
    [InlineData("bayesian-network", "Counts", "[-1, 2, 3]", "conditional table")]
    [InlineData("bayesian-network", "Knots", "[5, 4]", "knots are not in ascending order")]
    [InlineData("bayesian-network", "Parents", "[999]", "parent that does not exist")]
    [InlineData("mst", "Epsilon", "-1", "privacy epsilon -1 is not a positive number")]
    [InlineData("mst", "Lower", "[1, 2]", "cell upper ends")]
    public void Load_CraftedField_IsRefusedNamingIt(string synthesizer, string property, string json, string expected)
    {
        var bytes = Edit(Models.Value[synthesizer], root => Assert.True(Set(root, property, JsonNode.Parse(json)), $"no {property} in a {synthesizer} model"));
        var e = Assert.Throws<DoppelException>(() => ModelFile.FromBytes(bytes, "m.doppel"));
        Assert.Equal(ErrorKind.Model, e.Kind);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Load_UnknownField_IsRefused()
    {
        var bytes = Edit(Models.Value["gaussian-copula"], root => root["Backdoor"] = 1);
        var e = Assert.Throws<DoppelException>(() => ModelFile.FromBytes(bytes, "m.doppel"));
        Assert.Equal(ErrorKind.Model, e.Kind);
        Assert.Contains("Backdoor", e.Message);
    }

    [Fact]
    public void Load_CorrelationFactorNotACorrelation_IsRefused()
    {
        var bytes = Edit(Models.Value["gaussian-copula"], root =>
        {
            var factor = root["Cholesky"]!.AsArray();
            factor[0] = 7.0;
        });
        var e = Assert.Throws<DoppelException>(() => ModelFile.FromBytes(bytes, "m.doppel"));
        Assert.Contains("correlation factor", e.Message);
    }

    /// <summary>The model's JSON edited by <paramref name="edit"/>, written back with a matching checksum.</summary>
    internal static byte[] Edit(byte[] model, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(model.AsSpan(16, model.Length - 48))!.AsObject();
        edit(root);
        byte[] payload = System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
        var bytes = new byte[16 + payload.Length + 32];
        model.AsSpan(0, 12).CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), payload.Length);
        payload.CopyTo(bytes.AsSpan(16));
        SHA256.HashData(payload, bytes.AsSpan(16 + payload.Length));
        return bytes;
    }

    /// <summary>
    /// Sets the first property called <paramref name="name"/> (depth first; <c>Name[i]</c>: its element i) to
    /// <paramref name="value"/>.
    /// </summary>
    private static bool Set(JsonNode? node, string name, JsonNode? value)
    {
        int bracket = name.IndexOf('[');
        string key = bracket < 0 ? name : name[..bracket];
        switch (node)
        {
            case JsonObject o:
                if (o.ContainsKey(key) && (bracket < 0 || o[key] is JsonArray { Count: > 1 }))
                {
                    if (bracket < 0) o[key] = value;
                    else o[key]!.AsArray()[int.Parse(name[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
                    return true;
                }
                foreach (var (_, child) in o.ToList()) if (Set(child, name, value)) return true;
                return false;
            case JsonArray a:
                foreach (var child in a) if (Set(child, name, value)) return true;
                return false;
            default:
                return false;
        }
    }
}
