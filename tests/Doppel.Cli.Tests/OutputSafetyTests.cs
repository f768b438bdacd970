using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Doppel.Cli.Tests;

/// <summary>Output never destroys anything: devices, aliases of inputs, broken pipes, signals, concurrent runs, existing files.</summary>
public class OutputSafetyTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly CliRunner _cli = new();
    private readonly string _model;

    public OutputSafetyTests()
    {
        _model = _cli.PathOf("m.doppel");
        Assert.Equal(0, _cli.Run("fit", CliRunner.Sample, "-o", _model, "-q").Code);
    }

    private string[] Temps() => Directory.GetFiles(_cli.Folder, ".*.tmp");

    [Fact]
    public void DevNull_IsWrittenInPlace_NoTempNoRenameNoManifest()
    {
        var (code, _, error, _) = _cli.Run("sample", _model, "--rows", "1000", "-o", "/dev/null", "--force", "--seed", "1");
        Assert.True(code == 0, error);
        Assert.True(Doppel.IO.AtomicFile.IsSpecial("/dev/null")); // still the device
        Assert.False(File.Exists("/dev/null.manifest.json"));
        Assert.Empty(Directory.GetFiles("/dev", ".null*"));
        Assert.DoesNotContain("provenance", error);
        // In place also without --force: a device is not a file that --force protects.
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "--rows", "10", "-o", "/dev/null", "-q").Code);
        Assert.True(Doppel.IO.AtomicFile.IsSpecial("/dev/null"));
    }

    [Fact]
    public async Task Fifo_IsWrittenInPlace_AndStaysAFifo()
    {
        string fifo = _cli.PathOf("rows.csv");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        var reader = Task.Run(() => File.ReadAllLines(fifo));
        var (code, _, error, _) = _cli.Run("sample", _model, "--rows", "100", "-o", fifo, "--seed", "1");
        Assert.True(code == 0, error);
        Assert.Equal(101, (await reader.WaitAsync(Minute)).Length);
        Assert.True(Doppel.IO.AtomicFile.IsSpecial(fifo)); // not replaced by a regular file
        Assert.False(File.Exists(fifo + ".manifest.json"));
        Assert.Empty(Temps());
    }

    [Fact]
    public void OutputNamingAnInput_IsRefusedEvenWithForce_WhateverThePath()
    {
        string data = _cli.PathOf("in.csv");
        File.Copy(CliRunner.Sample, data);
        byte[] original = File.ReadAllBytes(data), model = File.ReadAllBytes(_model);
        Directory.CreateSymbolicLink(_cli.PathOf("alias"), _cli.Folder);
        Directory.CreateDirectory(_cli.PathOf("sub"));
        using (var ln = Process.Start("ln", [data, _cli.PathOf("hard.csv")])) ln.WaitForExit();
        var cases = new[]
        {
            new[] { "generate", data, "-o", Path.Combine(_cli.Folder, "alias", "in.csv"), "--force" },   // symlinked folder
            ["generate", data, "-o", Path.Combine(_cli.Folder, "sub", "..", "in.csv"), "--force"],      // ..
            ["generate", _cli.PathOf("hard.csv"), "-o", data, "--force"],                                 // hard link
            ["fit", data, "-o", Path.Combine(_cli.Folder, "alias", "in.csv"), "--force"],                 // a model over the data
        };
        foreach (var args in cases)
        {
            var (code, _, error, _) = _cli.Run(args);
            Assert.True(code == 2, $"{string.Join(' ', args)} -> {code}: {error}");
            Assert.Contains("never overwrites its input", error);
        }
        // sample -o over the model, through the alias (the model is a .doppel, so name it as a table would be refused first).
        string modelAsCsv = _cli.PathOf("model.csv");
        File.Copy(_model, modelAsCsv);
        var over = _cli.Run("sample", modelAsCsv, "--rows", "5", "-o", Path.Combine(_cli.Folder, "alias", "model.csv"), "--force");
        Assert.Equal(2, over.Code);
        Assert.Contains("never overwrites its input", over.Error);
        Assert.Equal(original, File.ReadAllBytes(data));
        Assert.Equal(model, File.ReadAllBytes(_model));
        Assert.Equal(File.ReadAllBytes(_model), File.ReadAllBytes(modelAsCsv));
    }

    [Fact]
    public void ExistingOutputOrManifest_IsRefusedBeforeAnyWork()
    {
        string output = _cli.PathOf("out.csv");
        _cli.Write("out.csv.manifest.json", "keep");
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", output, "--rows", "5", "--seed", "1");
        Assert.Equal(6, code);
        Assert.Contains("out.csv.manifest.json already exists", error);
        Assert.DoesNotContain("Read ", error); // refused before reading or fitting
        Assert.Equal("keep", File.ReadAllText(output + ".manifest.json"));
        Assert.False(File.Exists(output));

        var fit = _cli.Run("fit", CliRunner.Sample, "-o", _model);
        Assert.Equal(6, fit.Code);
        Assert.DoesNotContain("Read ", fit.Error);
        var sample = _cli.Run("sample", _model, "--rows", "5", "-o", output, "--seed", "1");
        Assert.Equal(6, sample.Code);
        Assert.Equal(0, _cli.Run("sample", _model, "--rows", "5", "-o", output, "--seed", "1", "--force").Code);
        Assert.Equal(0, _cli.Run("verify", output).Code);
    }

    [Fact]
    public async Task BrokenPipe_StopsPromptly_WithAnIoError()
    {
        using var process = CliProcess.Start(_cli.Folder, false, "sample", _model, "--rows", "1000000000000", "-o", "-", "--seed", "1");
        var error = process.StandardError.ReadToEndAsync();
        Assert.StartsWith("age,", process.StandardOutput.ReadLine());
        process.StandardOutput.Close(); // what `| head -1` does
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "still writing after the pipe closed");
        Assert.Equal(6, process.ExitCode);
        string said = await error;
        Assert.Contains("Broken pipe", said);
        Assert.DoesNotContain("Wrote", said);
    }

    [Fact]
    public void StdoutRedirectedToAFile_SharesTheShellsOffset()
    {
        var (code, error) = CliProcess.Shell(_cli.Folder, $"{{ echo first; doppel sample '{_model}' --rows 3 -o - --seed 1 -q; echo last; }} > both.txt", Minute);
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(_cli.PathOf("both.txt"));
        Assert.Equal(6, lines.Length);
        Assert.Equal("first", lines[0]);
        Assert.StartsWith("age,", lines[1]);
        Assert.Equal("last", lines[5]);
    }

    [Fact]
    public void DiskFull_IsAnIoError_OnStdoutAndOnAFile()
    {
        var file = _cli.Run("sample", _model, "--rows", "100000", "-o", "/dev/full", "--seed", "1");
        Assert.Equal(6, file.Code);
        Assert.Contains("No space left", file.Error);
        var (code, error) = CliProcess.Shell(_cli.Folder, $"doppel sample '{_model}' --rows 100000 -o - --seed 1 > /dev/full", Minute);
        Assert.Equal(6, code);
        Assert.Contains("No space left", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void KeyFile_WithoutEnd_IsRefusedAtTheSizeLimit()
    {
        string data = _cli.Write("people.csv", "email\na@example.com\n");
        var (code, _, error, _) = _cli.Run("pseudonymize", data, "-o", _cli.PathOf("p.csv"), "--key-file", "/dev/zero");
        Assert.Equal(2, code);
        Assert.Contains("more than 1 MiB", error);
        Assert.False(File.Exists(_cli.PathOf("p.csv")));
    }

    [Fact]
    public void MetadataOrManifestWithoutEnd_IsRefusedAtTheSizeLimit()
    {
        var metadata = _cli.Run("generate", CliRunner.Sample, "--metadata", "/dev/zero", "-o", _cli.PathOf("o.csv"));
        Assert.Equal(4, metadata.Code);
        Assert.Contains("/dev/zero holds more than 64 MiB", metadata.Error);
        string data = _cli.Write("plain.csv", "a\n1\n");
        var verify = _cli.Run("verify", data, "--manifest", "/dev/zero");
        Assert.Equal(3, verify.Code);
        Assert.Contains("more than 64 MiB", verify.Error);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void Signal_DeletesTheTemporaryFile(string signal)
    {
        using var process = CliProcess.Start(_cli.Folder, false, "sample", _model, "--rows", "1000000000", "-o", "big.csv", "--seed", "1", "-q");
        var watch = Stopwatch.StartNew();
        while (Temps().Length == 0 && watch.Elapsed < Minute) Thread.Sleep(50);
        Assert.NotEmpty(Temps());
        CliProcess.Signal(process, signal);
        Assert.True(process.WaitForExit(Minute));
        Assert.NotEqual(0, process.ExitCode);
        Assert.Empty(Temps());
        Assert.False(File.Exists(_cli.PathOf("big.csv")));
    }

    [Fact]
    public void Kill9_LeavesATemporaryFile_TheNextRunToTheFolderDeletesIt()
    {
        using var process = CliProcess.Start(_cli.Folder, false, "sample", _model, "--rows", "1000000000", "-o", "big.csv", "--seed", "1", "-q");
        var watch = Stopwatch.StartNew();
        while (Temps().Length == 0 && watch.Elapsed < Minute) Thread.Sleep(50);
        process.Kill();
        process.WaitForExit();
        Assert.Single(Temps());
        // A temporary file of a process that still runs is left alone.
        using var alive = Process.Start("sleep", ["60"]);
        string live = _cli.Write($".other.csv.{alive.Id}.{Guid.NewGuid():N}.tmp", "in progress");
        try
        {
            Assert.Equal(0, _cli.Run("sample", _model, "--rows", "5", "-o", _cli.PathOf("small.csv"), "-q").Code);
            Assert.Equal([live], Temps());
        }
        finally
        {
            alive.Kill();
        }
    }

    [Fact]
    public void ConcurrentForcedRuns_LeaveDataAndManifestAgreeing()
    {
        string output = _cli.PathOf("race.csv");
        for (int round = 0; round < 5; round++)
        {
            var runs = Enumerable.Range(0, 4)
                .Select(i => CliProcess.Start(_cli.Folder, false, "sample", _model, "--rows", "3000", "-o", output, "--force", "--seed", $"{round * 4 + i}", "-q"))
                .ToList();
            foreach (var run in runs)
            {
                Assert.True(run.WaitForExit(Minute));
                Assert.True(run.ExitCode == 0, run.StandardError.ReadToEnd());
                run.Dispose();
            }
            var (code, stdout, _, _) = _cli.Run("verify", output);
            Assert.True(code == 0, $"round {round}: {stdout}");
        }
        Assert.Empty(Temps());
    }

    [Fact]
    public void GzipOutputAndInput_RoundTrip_AndVerify()
    {
        string gz = _cli.PathOf("syn.csv.gz");
        Assert.Equal(0, _cli.Run("generate", CliRunner.Sample, "-o", gz, "--rows", "200", "--seed", "3", "-q").Code);
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(gz), CompressionMode.Decompress)))
        {
            Assert.StartsWith("age,workclass", reader.ReadLine());
            int rows = 0;
            while (reader.ReadLine() is not null) rows++;
            Assert.Equal(200, rows);
        }
        Assert.Equal(0, _cli.Run("verify", gz).Code);
        using var manifest = JsonDocument.Parse(File.ReadAllText(gz + ".manifest.json"));
        Assert.Equal("csv.gz", manifest.RootElement.GetProperty("output").GetProperty("format").GetString());
        // Read back, written as gzipped TSV; the table is named without its extensions.
        string tsv = _cli.PathOf("again.tsv.gz");
        var (code, _, error, _) = _cli.Run("generate", gz, "-o", tsv, "--rows", "50", "--seed", "3");
        Assert.True(code == 0, error);
        using var tsvReader = new StreamReader(new GZipStream(File.OpenRead(tsv), CompressionMode.Decompress));
        Assert.StartsWith("age\tworkclass", tsvReader.ReadLine());
        var inspect = _cli.Run("inspect", gz);
        Assert.Contains("\"name\": \"syn\"", inspect.Out);
        // A .gz that is not gzip is bad data, not a crash.
        string fake = _cli.Write("fake.csv.gz", "a,b\n1,2\n");
        var bad = _cli.Run("inspect", fake);
        Assert.Equal(3, bad.Code);
        Assert.Contains("not a valid gzip file", bad.Error);
    }

    [Theory]
    [InlineData("out.json")]
    [InlineData("out.xlsx")]
    [InlineData("out")]
    [InlineData("out.parquet.gz")]
    public void UnknownOutputFormat_IsRefused_ListingTheSupportedOnes(string name)
    {
        var (code, _, error, _) = _cli.Run("generate", CliRunner.Sample, "-o", _cli.PathOf(name), "--rows", "5");
        Assert.Equal(2, code);
        Assert.Contains(".csv, .tsv, .txt, .csv.gz, .tsv.gz, .txt.gz or .parquet", error);
        Assert.DoesNotContain("Read ", error); // before reading the data
        Assert.False(File.Exists(_cli.PathOf(name)));
    }

    [Fact]
    public void UnknownInputFormat_IsRefused()
    {
        string xlsx = _cli.Write("data.xlsx", "PK\u0003\u0004 not csv");
        var (code, _, error, _) = _cli.Run("generate", xlsx, "-o", _cli.PathOf("o.csv"));
        Assert.Equal(2, code);
        Assert.Contains("data.xlsx ends in .xlsx", error);
    }

    [Fact]
    public async Task Stdin_IsReadAsCsv()
    {
        using var process = CliProcess.Start(_cli.Folder, true, "generate", "-", "-o", "from-stdin.csv", "--rows", "20", "--seed", "1");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(File.ReadAllText(CliRunner.Sample));
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(Minute));
        string said = await error;
        Assert.True(process.ExitCode == 0, said);
        Assert.Contains("Read stdin: 3,257 rows", said);
        Assert.Equal(21, File.ReadAllLines(_cli.PathOf("from-stdin.csv")).Length);
        Assert.Equal(0, _cli.Run("verify", _cli.PathOf("from-stdin.csv")).Code);
    }
}
