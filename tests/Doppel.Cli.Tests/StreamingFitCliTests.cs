namespace Doppel.Cli.Tests;

/// <summary>Issue #13: <c>fit</c> over several files or a folder of parts, out of core.</summary>
public class StreamingFitCliTests
{
    private readonly CliRunner _cli = new();

    /// <summary>The shipped Adult sample split into three parts with the header on each.</summary>
    private string[] Parts()
    {
        var lines = File.ReadAllLines(CliRunner.Sample);
        Directory.CreateDirectory(_cli.PathOf("parts"));
        int size = (lines.Length - 1 + 2) / 3;
        return [.. Enumerable.Range(0, 3).Select(p =>
        {
            string path = _cli.PathOf(Path.Combine("parts", $"part-{p}.csv"));
            File.WriteAllLines(path, [lines[0], .. lines.Skip(1 + p * size).Take(size)]);
            return path;
        })];
    }

    [Fact]
    public void SeveralFiles_AndTheirFolder_FitTheSameCopula()
    {
        var parts = Parts();
        var files = _cli.Run(["fit", .. parts, "-o", _cli.PathOf("files.doppel")]);
        Assert.True(files.Code == 0, files.Error);
        Assert.Contains("out of core on 3 file(s)", files.Error);
        var folder = _cli.Run("fit", _cli.PathOf("parts"), "--streaming", "-o", _cli.PathOf("folder.doppel"));
        Assert.True(folder.Code == 0, folder.Error);
        var a = _cli.Run("sample", _cli.PathOf("files.doppel"), "--rows", "500", "--seed", "3", "-o", "-");
        var b = _cli.Run("sample", _cli.PathOf("folder.doppel"), "--rows", "500", "--seed", "3", "-o", "-");
        Assert.Equal(0, a.Code);
        Assert.Equal(a.Stdout, b.Stdout);
    }

    [Fact]
    public void ATreeOutOfCore_FitsOnASeededSample_RecordedInTheModel()
    {
        var parts = Parts();
        var fit = _cli.Run(["fit", .. parts, "--synthesizer", "sequential-tree", "--sample-rows", "1000", "-o", _cli.PathOf("tree.doppel")]);
        Assert.True(fit.Code == 0, fit.Error);
        Assert.Contains("Sampled 1,000 rows", fit.Error);
        var model = _cli.Run("model", _cli.PathOf("tree.doppel"), "--json");
        Assert.Contains("\"sampleRows\": 1000", model.Out);
    }

    [Fact]
    public void Stdin_CannotBeReadTwice()
    {
        var fit = _cli.Run("fit", "-", "--streaming", "-o", _cli.PathOf("x.doppel"));
        Assert.Equal(2, fit.Code);
        Assert.Contains("stdin", fit.Error);
    }

    [Fact]
    public void ConstraintsOutOfCore_AreRefusedForTheCopula()
    {
        var parts = Parts();
        var fit = _cli.Run(["fit", .. parts, "--constraint", "age >= 0", "-o", _cli.PathOf("c.doppel")]);
        Assert.Equal(2, fit.Code);
        Assert.Contains("constraints", fit.Error);
    }
}
