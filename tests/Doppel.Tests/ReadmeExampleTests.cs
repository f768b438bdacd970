using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Models;
using Doppel.Sampling;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;

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
        RunExample(folder, sample);
    }

    /// <summary>A user runs the example again in the same folder: the files of the first run are replaced.</summary>
    [Fact]
    public void ReadmeExample_RunsTwice()
    {
        string folder = TestData.TempFolder();
        string sample = Path.Combine(folder, "adult.csv");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "adult.csv"), sample);
        RunExample(folder, sample);
        RunExample(folder, sample);

        // The README says what this test runs: its Save replaces the first run's model.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Doppel.slnx"))) root = root.Parent;
        string readme = File.ReadAllText(Path.Combine(root!.FullName, "README.md"));
        Assert.Contains("ModelFile.Save(model, \"adult.doppel\", overwrite: true);", readme, StringComparison.Ordinal);
    }

    private static void RunExample(string folder, string sample)
    {
        var (table, metadata) = TableFiles.Load(sample);
        SynthesisModel model = new GaussianCopulaSynthesizer().Fit(table, metadata);
        ModelFile.Save(model, Path.Combine(folder, "adult.doppel"), overwrite: true);

        Table synthetic = model.Sample(10_000, new SampleOptions { Seed = 42 });
        Assert.Equal(10_000, synthetic.RowCount);
        Assert.Equal(table.Columns.Select(c => c.Name), synthetic.Columns.Select(c => c.Name));

        string output = Path.Combine(folder, "synthetic.csv");
        using (var file = File.Create(output))
        using (var writer = new CsvTableWriter(file, model.Metadata))
            model.Sample(100_000, new SampleOptions { Seed = 42 }, writer);
        Assert.Equal(100_001, File.ReadLines(output).Count());

        var privacy = new DifferentialPrivacyOptions { Epsilon = 1, PublicDomain = true, Target = "income" };
        var dpModel = new MstSynthesizer(privacy).Fit(table, DomainDescriber.Describe(table, metadata));
        var constrained = dpModel.Sample(1_000, new SampleOptions { Seed = 7, Where = "age >= 30", Constraints = ["hours-per-week <= 60"] });
        Assert.Equal(1_000, constrained.RowCount);
        Assert.All(TestData.Numbers(constrained, "age"), age => Assert.True(age >= 30));
        Assert.All(TestData.Numbers(constrained, "hours-per-week"), hours => Assert.True(hours <= 60));
        Assert.Equal(1, dpModel.Privacy!.Epsilon);
    }
}
