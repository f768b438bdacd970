using System.Text;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Tests;

public class CsvTableWriterTests
{
    [Fact]
    public void Write_ThenRead_RoundTripsAwkwardStrings()
    {
        string?[] values = ["plain", "with, comma", "with \"quote\"", "multi\nline", " padded ", null, "ünïcödé"];
        var meta = new TableMetadata("t", [new ColumnMetadata("s", SemanticType.Text), new ColumnMetadata("n", SemanticType.Numerical) { Decimals = 2 }]);
        var table = new Table([new StringColumn("s", values), new NumberColumn("n", [.. Enumerable.Range(0, values.Length).Select(i => i * 1.257)])]);
        string text = CsvTableWriter.ToText(table, meta);
        var raw = CsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "roundtrip.csv");
        Assert.Equal(values, raw.Columns[0]);
        Assert.Equal("1.26", raw.Columns[1][1]);
    }

    [Fact]
    public void Write_FormatsIntegersDatesAndBooleans()
    {
        var meta = new TableMetadata("t",
        [
            new ColumnMetadata("i", SemanticType.Numerical) { Integer = true },
            new ColumnMetadata("d", SemanticType.Datetime) { Format = "dd/MM/yyyy" },
            new ColumnMetadata("b", SemanticType.Boolean),
        ]);
        var table = new Table(
        [
            new NumberColumn("i", [3.0, 1e15]),
            new DateTimeColumn("d", [new DateTime(2024, 2, 29).Ticks, new DateTime(1999, 12, 31).Ticks]),
            new BooleanColumn("b", [true, false]),
        ]);
        Assert.Equal("i,d,b\n3,29/02/2024,true\n1000000000000000,31/12/1999,false\n", CsvTableWriter.ToText(table, meta));
    }

    [Fact]
    public void WriteFile_IntoMissingFolder_IsIOErrorAndLeavesNothing()
    {
        string folder = Path.Combine(TestData.TempFolder(), "missing");
        var meta = new TableMetadata("t", [new ColumnMetadata("n", SemanticType.Numerical)]);
        var e = Assert.Throws<DoppelException>(() => CsvTableWriter.WriteFile(Path.Combine(folder, "out.csv"), new Table([new NumberColumn("n", [1.0])]), meta));
        Assert.Equal(ErrorKind.IO, e.Kind);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void AtomicFile_FailedWrite_LeavesNoPartialFile()
    {
        string folder = TestData.TempFolder();
        string path = Path.Combine(folder, "out.csv");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, false, stream =>
        {
            stream.Write("half a file"u8);
            throw new InvalidOperationException("boom");
        }));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void AtomicFile_ExistingOutput_NeedsOverwrite()
    {
        string path = Path.Combine(TestData.TempFolder(), "out.csv");
        File.WriteAllText(path, "keep me");
        var e = Assert.Throws<DoppelException>(() => AtomicFile.Write(path, false, stream => stream.Write("new"u8)));
        Assert.Contains("overwrite: true", e.Message); // the library's own option, not a CLI flag
        Assert.DoesNotContain("--force", e.Message);
        Assert.Equal("keep me", File.ReadAllText(path));
        AtomicFile.Write(path, true, stream => stream.Write("new"u8));
        Assert.Equal("new", File.ReadAllText(path));
    }
}
