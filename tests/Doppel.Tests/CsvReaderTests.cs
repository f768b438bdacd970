using System.Text;
using Doppel.IO;

namespace Doppel.Tests;

public class CsvReaderTests
{
    [Fact]
    public void Read_QuotedFieldsWithDelimitersQuotesAndNewlines()
    {
        var raw = TestData.Csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,,3\n");
        Assert.Equal(["a", "b", "c"], raw.Names);
        Assert.Equal(2, raw.RowCount);
        Assert.Equal("x, y", raw.Columns[0][0]);
        Assert.Equal("say \"hi\"", raw.Columns[1][0]);
        Assert.Equal("two\nlines", raw.Columns[2][0]);
        Assert.Null(raw.Columns[1][1]); // empty field is null
    }

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData("|")]
    [InlineData(",")]
    public void Read_DetectsDelimiter(string delimiter)
    {
        var raw = TestData.Csv($"a{delimiter}b\n1{delimiter}2\n3{delimiter}4\n");
        Assert.Equal(["a", "b"], raw.Names);
        Assert.Equal("4", raw.Columns[1][1]);
    }

    [Fact]
    public void Read_Utf8BomAndCrlf()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("name,city\r\nZoë,Zürich\r\n")).ToArray();
        var raw = CsvReader.Read(new MemoryStream(bytes), "bom.csv");
        Assert.Equal("name", raw.Names[0]);
        Assert.Equal("Zürich", raw.Columns[1][0]);
    }

    [Fact]
    public void Read_HashIsData()
    {
        var raw = TestData.Csv("tag,n\n#1,2\n#2,3\n");
        Assert.Equal("#1", raw.Columns[0][0]);
        Assert.Equal(2, raw.RowCount);
    }

    [Fact]
    public void Read_EmptyFile_IsClearError()
    {
        var e = Assert.Throws<DoppelException>(() => TestData.Csv(""));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Read_HeaderOnly_HasNoRows()
    {
        var raw = TestData.Csv("a,b\n");
        Assert.Equal(0, raw.RowCount);
    }

    [Fact]
    public void Read_RaggedRow_NamesTheRow()
    {
        var e = Assert.Throws<DoppelException>(() => TestData.Csv("a,b\n1,2\n3,4,5\n"));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("row 2", e.Message);
        Assert.Contains("3 field", e.Message);
    }

    [Fact]
    public void Read_UnterminatedQuote_IsClearError()
    {
        var e = Assert.Throws<DoppelException>(() => TestData.Csv("a,b\n1,\"open\n2,3\n"));
        Assert.Equal(ErrorKind.Data, e.Kind);
    }

    [Fact]
    public void Read_InvalidUtf8_IsClearError()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();
        var e = Assert.Throws<DoppelException>(() => CsvReader.Read(new MemoryStream(bytes), "bad.csv"));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Read_DuplicateColumnNames_IsClearError()
    {
        var e = Assert.Throws<DoppelException>(() => TestData.Csv("a,b,a\n1,2,3\n"));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("'a' twice", e.Message);
    }

    [Fact]
    public void Read_MissingFile_IsIOError()
    {
        var e = Assert.Throws<DoppelException>(() => CsvReader.Read("/nonexistent/folder/x.csv"));
        Assert.Equal(ErrorKind.IO, e.Kind);
    }
}

public class CsvBatchReaderTests
{
    [Fact]
    public void ReadBatches_SplitsRowsAndKeepsNames()
    {
        var text = "a,b\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},x{i}\n"));
        var batches = CsvReader.ReadBatches(new MemoryStream(Encoding.UTF8.GetBytes(text)), "b.csv", 4).ToList();
        Assert.Equal([4, 4, 2], batches.Select(b => b.RowCount));
        Assert.All(batches, b => Assert.Equal(["a", "b"], b.Names));
        Assert.Equal("9", batches[2].Columns[0][1]);
    }

    [Fact]
    public void ReadBatches_ErrorInALaterBatch_NamesTheRow()
    {
        var text = "a,b\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},x\n")) + "1,2,3\n";
        var e = Assert.Throws<DoppelException>(() => CsvReader.ReadBatches(new MemoryStream(Encoding.UTF8.GetBytes(text)), "b.csv", 3).ToList());
        Assert.Contains("row 11", e.Message);
    }
}
