using System.Text;
using Doppel.Data;
using Doppel.Models;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Tests;

public class ModelFileTests
{
    private static SynthesisModel Model()
    {
        var (real, meta) = RealisticData.Make(3_000);
        return new GaussianCopulaSynthesizer().Fit(real, meta);
    }

    [Fact]
    public void SaveThenLoad_SamplesIdentically()
    {
        var model = Model();
        string path = Path.Combine(TestData.TempFolder(), "m.doppel");
        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);
        Assert.Equal(model.Metadata.Columns, loaded.Metadata.Columns);
        var options = new SampleOptions { Seed = 4 };
        Assert.Equal(ModelFile.ToBytes(model), ModelFile.ToBytes(loaded));
        Assert.Equal(Doppel.IO.CsvTableWriter.ToText(model.Sample(1000, options), model.Metadata),
                     Doppel.IO.CsvTableWriter.ToText(loaded.Sample(1000, options), loaded.Metadata));
    }

    [Fact]
    public void Model_HoldsNoInputRows()
    {
        var (real, meta) = RealisticData.Make(3_000);
        string text = Encoding.UTF8.GetString(ModelFile.ToBytes(new GaussianCopulaSynthesizer().Fit(real, meta)));
        Assert.DoesNotContain("@realmail.com", text);  // no PII value
        Assert.DoesNotContain("unique-r", text);        // no rare category
        // At most 1,000 knots per numeric column, whatever the row count.
        Assert.True(text.Length < 200_000, $"model is {text.Length} bytes");
    }

    [Fact]
    public void Load_NotAModel_IsModelError()
    {
        string path = Path.Combine(TestData.TempFolder(), "x.doppel");
        File.WriteAllText(path, "a,b\n1,2\n");
        var e = Assert.Throws<DoppelException>(() => ModelFile.Load(path));
        Assert.Equal(ErrorKind.Model, e.Kind);
        Assert.Contains("not a Doppel model", e.Message);
    }

    [Fact]
    public void Load_FlippedByte_IsDamaged()
    {
        var bytes = ModelFile.ToBytes(Model());
        bytes[bytes.Length / 2] ^= 0x20;
        var e = Assert.Throws<DoppelException>(() => ModelFile.FromBytes(bytes, "m.doppel"));
        Assert.Equal(ErrorKind.Model, e.Kind);
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public void Load_Truncated_IsDamaged()
    {
        var bytes = ModelFile.ToBytes(Model());
        var e = Assert.Throws<DoppelException>(() => ModelFile.FromBytes(bytes[..(bytes.Length - 10)], "m.doppel"));
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public void Load_FutureVersion_SaysSo()
    {
        var bytes = ModelFile.ToBytes(Model());
        bytes[8] = 99;
        var e = Assert.Throws<DoppelException>(() => ModelFile.FromBytes(bytes, "m.doppel"));
        Assert.Contains("version 99", e.Message);
    }

    [Theory]
    [InlineData("gaussian-copula", 1)]
    [InlineData("independent", 1)]
    [InlineData("sequential-tree", 2)]
    [InlineData("bayesian-network", 3)]
    public void Save_WritesTheLowestVersionThatHoldsTheModel(string synthesizer, int version)
    {
        // Older builds keep reading the models they know: copula files stay version 1, tree files version 2.
        var (table, meta) = TestData.Load(TestData.Rows("a,b", 20, i => $"{i + 1},{(i % 2 == 0 ? "x" : "y")}"));
        var bytes = ModelFile.ToBytes(SynthesizerCatalog.Create(synthesizer).Fit(table, meta));
        Assert.Equal(version, BitConverter.ToInt32(bytes, 8));
        Assert.Equal(synthesizer, ModelFile.FromBytes(bytes, "m.doppel").Synthesizer);
    }

    [Fact]
    public void Load_MissingFile_IsIOError()
    {
        var e = Assert.Throws<DoppelException>(() => ModelFile.Load("/nonexistent/m.doppel"));
        Assert.Equal(ErrorKind.IO, e.Kind);
    }

    [Fact]
    public void Load_EmptyTable_ModelStillSamples()
    {
        var table = new Table([new NumberColumn("v", [.. Enumerable.Range(1, 20).Select(i => (double)i)])]);
        var meta = new Doppel.Metadata.TableMetadata("t", [new Doppel.Metadata.ColumnMetadata("v", Doppel.Metadata.SemanticType.Numerical)]);
        var model = ModelFile.FromBytes(ModelFile.ToBytes(new IndependentSynthesizer().Fit(table, meta)), "m");
        Assert.Equal(0, model.Sample(0, new SampleOptions()).RowCount);
        Assert.Equal(IndependentSynthesizer.SynthesizerName, model.Synthesizer);
    }
}
