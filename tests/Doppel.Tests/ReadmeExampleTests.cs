using Doppel.Data;
using Doppel.IO;
using Doppel.Models;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Tests;

/// <summary>The README's C# example, run as written (against a temporary copy of the sample data).</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_Runs()
    {
        string folder = TestData.TempFolder();
        string sample = Path.Combine(folder, "adult.csv");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "adult.csv"), sample);

        var (table, metadata) = TableFiles.Load(sample);
        SynthesisModel model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        ModelFile.Save(model, Path.Combine(folder, "adult.doppel"));

        Table synthetic = model.Sample(10_000, new SampleOptions { Seed = 42 });
        Assert.Equal(10_000, synthetic.RowCount);
        Assert.Equal(table.Columns.Select(c => c.Name), synthetic.Columns.Select(c => c.Name));

        string output = Path.Combine(folder, "synthetic.csv");
        using (var file = File.Create(output))
        using (var writer = new CsvTableWriter(file, model.Metadata))
            model.Sample(100_000, new SampleOptions { Seed = 42 }, writer);
        Assert.Equal(100_001, File.ReadLines(output).Count());
    }
}
