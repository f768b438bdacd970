using System.Globalization;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Parquet;
using Parquet.Schema;

namespace Doppel.Tests;

public sealed class ParquetTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "doppel-parquet-" + Guid.NewGuid().ToString("N"));

    public ParquetTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly TableMetadata Metadata = new("people",
    [
        new ColumnMetadata("id", SemanticType.Id),
        new ColumnMetadata("count", SemanticType.Numerical) { Integer = true },
        new ColumnMetadata("price", SemanticType.Numerical) { Decimals = 2 },
        new ColumnMetadata("ratio", SemanticType.Numerical),
        new ColumnMetadata("color", SemanticType.Categorical),
        new ColumnMetadata("active", SemanticType.Boolean),
        new ColumnMetadata("created", SemanticType.Datetime) { Format = "yyyy-MM-dd HH:mm:ss" },
        new ColumnMetadata("birthday", SemanticType.Datetime) { Format = "yyyy-MM-dd" },
        new ColumnMetadata("note", SemanticType.Text),
        new ColumnMetadata("email", SemanticType.Pii) { Pii = PiiKind.Email },
    ]);

    private static readonly string[] Colors = ["red", "green", "blue"];

    private static Validity NullsAt(int length, params int[] rows)
    {
        var validity = new Validity(length);
        foreach (int row in rows) validity.Set(row, false);
        return validity;
    }

    private static long Ticks(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0) =>
        new DateTime(y, mo, d, h, mi, s, ms, DateTimeKind.Unspecified).Ticks;

    private static Table FirstBatch() => new(
    [
        new StringColumn("id", ["A-1", "A-2", "A-3"]),
        new NumberColumn("count", [1, -42, 0], NullsAt(3, 2)),
        new NumberColumn("price", [3.14159, 2.5, 0.1]),
        new NumberColumn("ratio", [0.1 + 0.2, 0, 1e-7], NullsAt(3, 1)),
        new CategoryColumn("color", [0, 2, 1], Colors, NullsAt(3, 1)),
        new BooleanColumn("active", [true, false, false], NullsAt(3, 2)),
        new DateTimeColumn("created", [Ticks(2024, 3, 5, 14, 30), Ticks(2024, 3, 5, 14, 30, 1, 250), 0], NullsAt(3, 2)),
        new DateTimeColumn("birthday", [Ticks(1990, 12, 31), 0, Ticks(2000, 2, 29)], NullsAt(3, 1)),
        new StringColumn("note", ["hello, world", null, "naïve \"quoted\"\nline"]),
        new StringColumn("email", ["a@example.com", "b@example.org", null]),
    ]);

    private static Table SecondBatch() => new(
    [
        new StringColumn("id", ["B-1", "B-2"]),
        new NumberColumn("count", [123456789012, 7]),
        new NumberColumn("price", [0, 99.999], NullsAt(2, 0)),
        new NumberColumn("ratio", [-1.5, 12345.678]),
        new CategoryColumn("color", [2, 0], Colors),
        new BooleanColumn("active", [true, true]),
        new DateTimeColumn("created", [0, Ticks(1969, 7, 20, 20, 17, 40)], NullsAt(2, 0)),
        new DateTimeColumn("birthday", [Ticks(1970, 1, 1), 0], NullsAt(2, 1)),
        new StringColumn("note", ["", "🙂"]),
        new StringColumn("email", [null, "c@example.net"]),
    ]);

    private static void AssertCells(string?[] expected, string?[] actual) => Assert.Equal(expected, actual);

    private string WriteFile(string name, IEnumerable<Table> batches, IDictionary<string, string>? keyValues = null)
    {
        string path = Path.Combine(_folder, name);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new ParquetTableWriter(stream, Metadata);
        if (keyValues is not null)
            foreach (var (key, value) in keyValues) writer.KeyValueMetadata[key] = value;
        foreach (var batch in batches) writer.Write(writer.Encode(batch));
        writer.Complete();
        return path;
    }

    private static async Task<T> WithReader<T>(string path, Func<ParquetReader, T> read)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        return read(reader);
    }

    [Fact]
    public void RoundTrip_EveryColumnTypeWithNulls_ReadsBackEveryCell()
    {
        string path = WriteFile("all.parquet", [FirstBatch(), SecondBatch()]);

        var raw = ParquetTableReader.Read(path);

        Assert.Equal(Metadata.Columns.Select(c => c.Name), raw.Names);
        Assert.Equal(path, raw.Source);
        Assert.Equal(5, raw.RowCount);
        string?[][] expected =
        [
            ["A-1", "A-2", "A-3", "B-1", "B-2"],
            ["1", "-42", null, "123456789012", "7"],
            ["3.14", "2.5", "0.1", null, "100"],
            ["0.30000000000000004", null, "1E-07", "-1.5", "12345.678"],
            ["red", null, "green", "blue", "red"],
            ["true", "false", null, "true", "true"],
            ["2024-03-05 14:30:00", "2024-03-05 14:30:01.25", null, null, "1969-07-20 20:17:40"],
            ["1990-12-31", null, "2000-02-29", "1970-01-01", null],
            ["hello, world", null, "naïve \"quoted\"\nline", null, "🙂"],
            ["a@example.com", "b@example.org", null, null, "c@example.net"],
        ];
        for (int c = 0; c < expected.Length; c++)
            Assert.Equal(expected[c], raw.Columns[c]);
    }

    [Fact]
    public async Task Writer_TwoBatches_WritesTwoTypedRowGroups()
    {
        string path = WriteFile("typed.parquet", [FirstBatch(), SecondBatch()]);

        var (groups, rows, fields) = await WithReader(path, r =>
            (r.RowGroupCount, Enumerable.Range(0, r.RowGroupCount).Select(g => r.OpenRowGroupReader(g).RowCount).ToArray(), r.Schema.DataFields));

        Assert.Equal(2, groups);
        Assert.Equal([3L, 2L], rows);
        Assert.Equal(typeof(ReadOnlyMemory<char>), fields[0].ClrType);
        Assert.Equal(typeof(long), fields[1].ClrType);
        Assert.Equal(typeof(double), fields[2].ClrType);
        Assert.Equal(typeof(ReadOnlyMemory<char>), fields[4].ClrType);
        Assert.Equal(typeof(bool), fields[5].ClrType);
        Assert.Equal(DateTimeFormat.Timestamp, Assert.IsType<DateTimeDataField>(fields[6]).DateTimeFormat);
        Assert.Equal(DateTimeFormat.Date, Assert.IsType<DateTimeDataField>(fields[7]).DateTimeFormat);
        Assert.All(fields, f => Assert.True(f.IsNullable));
    }

    [Fact]
    public async Task KeyValueMetadata_IsWrittenIntoTheFooter()
    {
        var keyValues = new Dictionary<string, string> { ["doppel.manifest"] = "{\"seed\":42}", ["doppel.version"] = "0.1.0" };
        string path = WriteFile("meta.parquet", [FirstBatch()], keyValues);

        var custom = await WithReader(path, r => r.CustomMetadata);

        Assert.Equal("{\"seed\":42}", custom["doppel.manifest"]);
        Assert.Equal("0.1.0", custom["doppel.version"]);
    }

    [Fact]
    public async Task ZeroRows_WritesReadableFileWithTheSchema()
    {
        string path = WriteFile("empty.parquet", []);

        var raw = ParquetTableReader.Read(path);
        int groups = await WithReader(path, r => r.RowGroupCount);

        Assert.Equal(Metadata.Columns.Select(c => c.Name), raw.Names);
        Assert.Equal(0, raw.RowCount);
        Assert.All(raw.Columns, column => Assert.Empty(column));
        Assert.Equal(0, groups);
    }

    [Fact]
    public void Reader_TextFileNamedParquet_ThrowsDataErrorNamingThePath()
    {
        string path = Path.Combine(_folder, "x.parquet");
        File.WriteAllText(path, "id,name\n1,Ada\n2,Grace\n");

        var error = Assert.Throws<DoppelException>(() => ParquetTableReader.Read(path));

        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a readable Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_TruncatedFile_ThrowsDataError()
    {
        string path = WriteFile("whole.parquet", [FirstBatch()]);
        byte[] bytes = File.ReadAllBytes(path);
        string truncated = Path.Combine(_folder, "truncated.parquet");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length - 20)]);

        var error = Assert.Throws<DoppelException>(() => ParquetTableReader.Read(truncated));

        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains(truncated, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_MissingFile_ThrowsIOError()
    {
        string path = Path.Combine(_folder, "missing.parquet");

        var error = Assert.Throws<DoppelException>(() => ParquetTableReader.Read(path));

        Assert.Equal(ErrorKind.IO, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_ListColumn_ThrowsDataErrorNamingTheColumn()
    {
        string path = Path.Combine(_folder, "nested.parquet");
        var schema = new ParquetSchema(new DataField<int>("id"), new ListField("tags", new DataField<string>("item")));
        await using (var stream = File.Create(path))
        await using (await ParquetWriter.CreateAsync(schema, stream))
        {
        }

        var error = Assert.Throws<DoppelException>(() => ParquetTableReader.Read(path));

        Assert.Equal(ErrorKind.Data, error.Kind);
        Assert.Contains("'tags'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_ForeignColumnTypes_FormatsInvariantText()
    {
        string path = Path.Combine(_folder, "foreign.parquet");
        var required = new DataField<long>("required");
        var small = new DataField<int?>("small");
        var single = new DataField<float?>("single");
        var money = new DecimalDataField("money", 10, 3, isNullable: true);
        var nanos = new DateTimeDataField("nanos", DateTimeFormat.Timestamp, isAdjustedToUTC: true, DateTimeTimeUnit.Nanos, isNullable: true);
        var impala = new DateTimeDataField("impala", DateTimeFormat.Impala, isAdjustedToUTC: false, unit: null, isNullable: true);
        var time = new TimeDataField("time", TimeUnitPrecision.Micros, isNullable: true);
        var schema = new ParquetSchema(required, small, single, money, nanos, impala, time);
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<long>(required, new long[] { long.MinValue, 5 });
            await rowGroup.WriteAsync<int>(small, new int?[] { -7, null });
            await rowGroup.WriteAsync<float>(single, new float?[] { 0.1f, float.NaN });
            await rowGroup.WriteAsync<decimal>(money, new decimal?[] { 1234.5m, -0.001m });
            await rowGroup.WriteAsync<DateTime>(nanos, new DateTime?[] { new DateTime(2021, 6, 1, 12, 0, 0, 123), null });
            await rowGroup.WriteAsync<DateTime>(impala, new DateTime?[] { null, new DateTime(1999, 12, 31, 23, 59, 59) });
            await rowGroup.WriteAsync<long>(time, new long?[] { 3_723_500_000, 0 }); // 01:02:03.5, midnight
        }

        var raw = ParquetTableReader.Read(path);

        Assert.Equal(["required", "small", "single", "money", "nanos", "impala", "time"], raw.Names);
        AssertCells(["-9223372036854775808", "5"], raw.Columns[0]);
        AssertCells(["-7", null], raw.Columns[1]);
        AssertCells(["0.1", "NaN"], raw.Columns[2]);
        AssertCells(["1234.500", "-0.001"], raw.Columns[3]);
        AssertCells(["2021-06-01 12:00:00.123", null], raw.Columns[4]);
        AssertCells([null, "1999-12-31 23:59:59"], raw.Columns[5]);
        AssertCells(["01:02:03.5", "00:00:00"], raw.Columns[6]);
    }

    [Fact]
    public void Reader_RleBooleansWrittenByArrowRs_ReadsEveryTrueAndNull()
    {
        // Files/README.md says how the file was made; Parquet.Net 6.1.0 alone reads its 6 trues as false.
        string path = Path.Combine(AppContext.BaseDirectory, "Files", "rle-boolean.parquet");

        var raw = ParquetTableReader.Read(path);

        AssertCells(Enumerable.Range(1, 20).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(), raw.Columns[0]);
        AssertCells(Enumerable.Range(0, 20).Select(ExpectedFlag).ToArray(), raw.Columns[1]);
        Assert.Equal(6, raw.Columns[1].Count(c => c == "true"));
    }

    [Theory]
    [InlineData("rle-boolean-v1-snappy.parquet")]
    [InlineData("rle-boolean-v2-zstd.parquet")]
    public void Reader_RleBooleansInManyPagesAndRowGroups_ReadAsWritten(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Files", file);

        var raw = ParquetTableReader.Read(path);

        Assert.Equal(["id", "flag", "always"], raw.Names);
        AssertCells(Enumerable.Range(0, 5000).Select(ExpectedFlag).ToArray(), raw.Columns[1]);
        AssertCells(Enumerable.Range(0, 5000).Select(i => i < 100 || 7 * i % 5 < 2 ? "true" : "false").ToArray(), raw.Columns[2]);
    }

    /// <summary>The <c>flag</c> column of make-rle-boolean.js.</summary>
    private static string? ExpectedFlag(int i) => i % 3 == 0 ? null : i % 2 == 0 ? "true" : "false";

    [Fact]
    public void RleBitPackedHybrid_SpecExamples_Decode()
    {
        // Encodings.md: 0..7 bit-packed with width 3 are the bytes 10001000 11000110 11111010; then a run of five 1s.
        byte[] encoded = [0b0000_0011, 0b1000_1000, 0b1100_0110, 0b1111_1010, 5 << 1, 1];
        var values = new int[13];

        RleBitPackedHybrid.Decode(encoded, 3, values);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 1, 1, 1, 1, 1], values);
        Assert.Throws<InvalidDataException>(() => RleBitPackedHybrid.Decode(encoded, 3, new int[14]));
    }

    [Fact]
    public void Writer_SpelledBooleansAndMillisecondTimestamps_ReadBackAsWritten()
    {
        var metadata = new TableMetadata("t",
        [
            new ColumnMetadata("y", SemanticType.Boolean) { Format = "yes/no" },
            new ColumnMetadata("flag", SemanticType.Boolean),
            new ColumnMetadata("at", SemanticType.Datetime) { Format = "yyyy-MM-dd HH:mm:ss.fff" },
        ]);
        var table = new Table(
        [
            new BooleanColumn("y", [true, false]),
            new BooleanColumn("flag", [false, true]),
            new DateTimeColumn("at", [Ticks(2024, 1, 31, 12, 0, 0, 125), Ticks(2024, 2, 1, 0, 0, 1, 0)]),
        ], 2);
        string path = Path.Combine(_folder, "spelled.parquet");
        using (var stream = File.Create(path))
        using (var writer = new ParquetTableWriter(stream, metadata))
        {
            writer.Write(writer.Encode(table));
            writer.Complete();
        }

        var raw = ParquetTableReader.Read(path);

        AssertCells(["yes", "no"], raw.Columns[0]);
        AssertCells(["false", "true"], raw.Columns[1]);
        AssertCells(["2024-01-31 12:00:00.125", "2024-02-01 00:00:01"], raw.Columns[2]);
        Assert.Equal("Millis", ReadUnit(path, "at"));
    }

    private static string ReadUnit(string path, string column) =>
        WithReader(path, reader => ((DateTimeDataField)reader.Schema.DataFields.Single(f => f.Name == column)).Unit.ToString()!).GetAwaiter().GetResult();

    [Fact]
    public void Writer_DisposedWithoutComplete_LeavesNoFooter()
    {
        string path = Path.Combine(_folder, "aborted.parquet");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new ParquetTableWriter(stream, Metadata))
            writer.Write(writer.Encode(FirstBatch()));

        var error = Assert.Throws<DoppelException>(() => ParquetTableReader.Read(path));

        Assert.Equal(ErrorKind.Data, error.Kind);
    }
}
