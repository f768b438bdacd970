using System.Text;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Tests;

/// <summary>The typed CSV path (<see cref="TableFiles.Load"/>) against the text path (read cells, detect, convert).</summary>
public class CsvTableReaderTests
{
    /// <summary>Files whose reading has a trap: spellings, precision, separators, null tokens, CRLF, BOM, quotes, dates.</summary>
    public static TheoryData<string, string> Corpus => new()
    {
        { "booleans", "a,b,c\nyes,T,True\nno,F,False\nyes,T,\nno,f,True\n" },
        { "precision", "x,y,z\n1.00,7.0,0.5\n2.50,8.0,1e3\n0.00,9.0,-0.25\n-0,10.0,NaN\n" },
        { "thousands", "amount,n\n\"123,456\",1\n\"1,234,567.5\",2\n12,3\n\"-4,000\",4\n" },
        { "nulls", "n,when,flag\n1,2024-01-01,yes\nn/a,NA,N/A\n3,2024-01-03,no\nnull,-,--\n5,,yes\n" },
        { "crlf-bom", "\uFEFFid,city,score\r\n1,Zürich,1.5\r\n2,\"Genève, GE\",2.25\r\n3,Zürich,\r\n" },
        { "dates", "d,t,o\n01/31/2024,2024-01-31 12:00:00.125,2024-01-31T12:00:00+02:00\n02/01/2024,2024-02-01 08:30:00.5,2024-02-01T08:30:00+02:00\n" },
        { "quotes", "a,b\n\"say \"\"hi\"\"\",\"two\nlines\"\n\"x, y\",plain\n,\n\"x, y\",plain\n" },
        { "mixed", "code,v\nA1,1\nB2,x\nA1,3\n\u00e9t\u00e9,4\n" },
        { "big-integers", "v\n123456789012345678\n99999999999999999999\n-5\n" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Load_GivesTheTextPathsTableAndMetadata(string name, string csv)
    {
        string path = Write(name, csv);
        var raw = TableFiles.ReadRaw(path);
        var expectedMetadata = MetadataDetector.Detect(raw, TableFiles.NameOf(path));
        var expected = TableConverter.Convert(raw, expectedMetadata);

        var (table, metadata) = TableFiles.Load(path);
        Assert.Equal(Json(expectedMetadata), Json(metadata));
        AssertSameTable(expected, table);

        // Detected from one row, then given the full metadata: the same conversion, row by row.
        var (declared, _) = TableFiles.Load(path, expectedMetadata, options: ParseOptions.Default with { DetectRows = 1 });
        AssertSameTable(expected, declared);
    }

    [Fact]
    public void Load_LaterValueBreakingADetectedType_NamesRowAndColumn()
    {
        var csv = new StringBuilder("id,age\n");
        for (int i = 1; i <= 20; i++) csv.Append($"k{i},{i % 7 + 20}\n");
        csv.Append("k21,unknown\n");
        string path = Write("breaking", csv.ToString());
        var error = Assert.Throws<DoppelException>(() => TableFiles.Load(path, options: ParseOptions.Default with { DetectRows = 10 }));
        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("column 'age', row 21 holds 'unknown', which is not a number", error.Message);
        Assert.Contains("first 10 rows", error.Message);
        Assert.Contains("--detect-rows", error.Message);
        // Detected on every row, the column is text and nothing is refused.
        var (_, metadata) = TableFiles.Load(path);
        Assert.NotEqual(SemanticType.Numerical, metadata.Columns[1].Type);
    }

    [Fact]
    public void Load_LaterNumbersWithMoreDecimalsOrSeparators_WidenTheWrittenForm()
    {
        var csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 10; i++) csv.Append($"{i},{i}.5\n");
        csv.Append("2.25,\"1,234.5\"\n");
        string path = Write("widening", csv.ToString());
        var (_, metadata) = TableFiles.Load(path, options: ParseOptions.Default with { DetectRows = 5 });
        Assert.False(metadata.Columns[0].Integer);
        Assert.Equal(2, metadata.Columns[0].Decimals);
        Assert.Equal("0.##", metadata.Columns[0].Format);
        Assert.Equal("#,##0.0", metadata.Columns[1].Format);
        // As if detected on every row.
        var all = TableFiles.Load(path).Metadata;
        Assert.Equal(Json(all), Json(metadata));
    }

    private static string Json(TableMetadata metadata) => MetadataJson.Write(DatasetMetadata.Single(metadata));

    private static string Write(string name, string csv)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"doppel-csvtable-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".csv");
        File.WriteAllText(path, csv, new UTF8Encoding(false));
        return path;
    }

    private static void AssertSameTable(Table expected, Table actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Kind)), actual.Columns.Select(c => (c.Name, c.Kind)));
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            var e = expected.Columns[c];
            var a = actual.Columns[c];
            for (int r = 0; r < expected.RowCount; r++)
            {
                Assert.Equal(e.IsNull(r), a.IsNull(r));
                if (e.IsNull(r)) continue;
                object? Value(Column column) => column switch
                {
                    NumberColumn n => BitConverter.DoubleToInt64Bits(n.Values[r]),
                    CategoryColumn k => k.Categories[k.Codes[r]],
                    BooleanColumn b => b.Values[r],
                    DateTimeColumn d => d.Ticks[r],
                    StringColumn s => s.Values[r],
                    _ => null,
                };
                Assert.Equal(Value(e), Value(a));
            }
            if (e is CategoryColumn ek) Assert.Equal(ek.Categories, ((CategoryColumn)a).Categories);
        }
    }
}
