using Doppel.Data;
using Doppel.Streaming;

namespace Doppel.Tests.Streaming;

public sealed class TableSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("doppel-source-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Rows(int from, int to) =>
        "x,colour\n" + string.Concat(Enumerable.Range(from, to - from).Select(i => $"{i},{(i % 3 == 0 ? "red" : "blue")}\n"));

    [Fact]
    public void AFolder_IsItsDataFilesInNameOrder_AsBatchesOfOneMetadata()
    {
        Write("part-1.csv", Rows(50, 120));
        Write("part-0.csv", Rows(0, 50));
        Write("notes.md", "not data");
        var source = TableSource.Open([_folder], batchRows: 30);
        Assert.Equal(["part-0.csv", "part-1.csv"], source.Files.Select(Path.GetFileName));
        var batches = source.Read().ToList();
        Assert.Equal([30, 20, 30, 30, 10], batches.Select(b => b.Table.RowCount));
        Assert.Equal([0, 0, 1, 1, 1], batches.Select(b => b.File));
        Assert.Equal([0L, 30, 0, 30, 60], batches.Select(b => b.FirstRow));
        var x = batches.SelectMany(b => ((NumberColumn)b.Table.Columns[0]).Values).ToArray();
        Assert.Equal(Enumerable.Range(0, 120).Select(i => (double)i), x);
    }

    [Fact]
    public void ALaterValueThatBreaksTheDetectedType_IsADataError()
    {
        var path = Write("a.csv", Rows(0, 40) + "oops,red\n");
        var source = TableSource.Open([path], batchRows: 25); // detected on the first 25 rows: x is a number
        var error = Assert.Throws<DoppelException>(() => source.Read().ToList());
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("oops", error.Message);
    }

    [Fact]
    public void APartWithOtherColumns_IsRefusedNamingIt()
    {
        Write("a.csv", Rows(0, 30));
        Write("b.csv", "x,size\n1,2\n");
        var source = TableSource.Open([_folder]);
        var error = Assert.Throws<DoppelException>(() => source.Read().ToList());
        Assert.Contains("b.csv", error.Message);
    }

    [Fact]
    public void TheRowSample_DoesNotDependOnBatchesOrOnHowItIsMerged()
    {
        Write("a.csv", Rows(0, 3_000));
        Write("b.csv", Rows(0, 2_000));
        var whole = StreamedFit.Sample(TableSource.Open([_folder], batchRows: 700), 500, 7);
        var other = StreamedFit.Sample(TableSource.Open([_folder], batchRows: 10_000), 500, 7);
        Assert.Equal(500, whole.RowCount);
        Assert.Equal(((NumberColumn)whole.Columns[0]).Values, ((NumberColumn)other.Columns[0]).Values);

        // Per-file reservoirs merged give the reservoir of both files.
        var source = TableSource.Open([_folder], batchRows: 300);
        var parts = new[] { new RowReservoir(500, 7, source.Metadata), new RowReservoir(500, 7, source.Metadata) };
        foreach (var batch in source.Read()) parts[batch.File].Add(batch.Table, batch.File, batch.FirstRow);
        parts[0].Merge(parts[1]);
        var merged = parts[0].ToTable();
        Assert.Equal(((NumberColumn)whole.Columns[0]).Values, ((NumberColumn)merged.Columns[0]).Values);
        var colours = (CategoryColumn)merged.Columns[1];
        var expected = ((NumberColumn)merged.Columns[0]).Values.Select(v => (int)v % 3 == 0 ? "red" : "blue");
        Assert.Equal(expected, Enumerable.Range(0, merged.RowCount).Select(i => colours.Categories[colours.Codes[i]]));
    }
}
