using Doppel.Data;
using Doppel.Metadata;
using Doppel.Relational;

namespace Doppel.Tests.Relational;

public class DatabaseValidatorTests
{
    private static Column Ids(string name, params string?[] values) => new StringColumn(name, values);

    private static TableMetadata Meta(string name, string[] key, params string[] columns) =>
        new(name, [.. columns.Select(c => new ColumnMetadata(c, SemanticType.Id))]) { Key = key };

    private static DoppelException Fails(Database db, ErrorKind kind)
    {
        var e = Assert.Throws<DoppelException>(() => DatabaseSynthesizer.Fit(db));
        Assert.Equal(kind, e.Kind);
        return e;
    }

    private static Database Db(DatasetMetadata metadata, params (string Name, Column[] Columns)[] tables) =>
        new(metadata, tables.ToDictionary(t => t.Name, t => new Table(t.Columns)));

    [Fact]
    public void DuplicateKey_NamesTableKeyAndValue()
    {
        var db = Db(new([Meta("p", ["id"], "id")], []), ("p", [Ids("id", "1", "2", "2")]));
        var e = Fails(db, ErrorKind.Data);
        Assert.Contains("Table 'p': the key (id) is not unique: '2' occurs 2 times (rows 2 and 3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompositeKeyWithANullPart_NamesTheColumnAndRow()
    {
        var db = Db(new([Meta("l", ["a", "b"], "a", "b")], []), ("l", [Ids("a", "1", "1"), Ids("b", "x", null)]));
        var e = Fails(db, ErrorKind.Data);
        Assert.Contains("Table 'l': key column 'b' is empty in row 2 (a part of the key (a, b))", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrphanForeignKey_NamesTableColumnCountAndExample()
    {
        var db = Db(new([Meta("p", ["id"], "id"), Meta("c", ["cid"], "cid", "pid")], [new Relationship("p", "id", "c", "pid")]),
            ("p", [Ids("id", "1", "2")]), ("c", [Ids("cid", "a", "b", "c"), Ids("pid", "1", "9", "8")]));
        var e = Fails(db, ErrorKind.Data);
        Assert.Contains("Table 'c', column 'pid': 2 of 3 rows point at no row of 'p' (e.g. '9' in row 2 is not a key of p(id))", e.Message, StringComparison.Ordinal);
        Assert.Contains("--drop-orphans", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DropOrphans_RemovesOrphansAndTheirOwnChildren_CountedPerRelationship()
    {
        var meta = new DatasetMetadata([Meta("p", ["id"], "id"), Meta("c", ["cid"], "cid", "pid"), Meta("g", ["gid"], "gid", "cid")],
            [new Relationship("p", "id", "c", "pid"), new Relationship("c", "cid", "g", "cid")]);
        var db = Db(meta, ("p", [Ids("id", "1", "2")]), ("c", [Ids("cid", "a", "b", "c", "d"), Ids("pid", "1", "9", "8", null)]),
            ("g", [Ids("gid", "x", "y", "z"), Ids("cid", "a", "b", "q")]));
        var (kept, counts) = OrphanRows.Drop(db);
        Assert.Equal("a,d", string.Join(",", ((StringColumn)kept["c"]["cid"]).Values));
        Assert.Equal("x", string.Join(",", ((StringColumn)kept["g"]["gid"]).Values));
        Assert.Equal(2, counts.Single(c => c.Relationship == meta.Relationships[0].Describe()).Dropped);
        Assert.Equal(2, counts.Single(c => c.Relationship == meta.Relationships[1].Describe()).Dropped);
        DatabaseValidator.Validate(kept);
    }

    [Fact]
    public void ForeignKeyToAMissingTable_IsAMetadataError()
    {
        var db = Db(new([Meta("c", ["cid"], "cid", "pid")], [new Relationship("gone", "id", "c", "pid")]), ("c", [Ids("cid", "a"), Ids("pid", "1")]));
        var e = Fails(db, ErrorKind.Metadata);
        Assert.Contains("refers to table 'gone', which the database does not have", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableWithoutKey_IsAMetadataError()
    {
        var db = Db(new([new TableMetadata("t", [new ColumnMetadata("x", SemanticType.Numerical)])], []), ("t", [new NumberColumn("x", [1, 2])]));
        var e = Fails(db, ErrorKind.Metadata);
        Assert.Contains("Table 't' has no key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyColumn_IsAMetadataError()
    {
        var db = Db(new([Meta("t", ["nope"], "id")], []), ("t", [Ids("id", "1")]));
        var e = Fails(db, ErrorKind.Metadata);
        Assert.Contains("Table 't' has key column 'nope', which it does not have", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CycleOfNonNullableForeignKeys_NamesTheLinks()
    {
        var metadata = new DatasetMetadata([Meta("a", ["id"], "id", "b_id"), Meta("b", ["id"], "id", "a_id")],
            [new Relationship("b", "id", "a", "b_id"), new Relationship("a", "id", "b", "a_id")]);
        var db = Db(metadata, ("a", [Ids("id", "1"), Ids("b_id", "1")]), ("b", [Ids("id", "1"), Ids("a_id", "1")]));
        var e = Fails(db, ErrorKind.Metadata);
        Assert.Contains("a(b_id) -> b(id), b(a_id) -> a(id) form a cycle and none of them may be null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CycleBrokenAtANullableForeignKey_IsGeneratedWithValidLinks()
    {
        var metadata = new DatasetMetadata([Meta("a", ["id"], "id", "b_id"), Meta("b", ["id"], "id", "a_id")],
            [new Relationship("b", "id", "a", "b_id"), new Relationship("a", "id", "b", "a_id")]);
        // 30 and 24 rows: enough to model (a table under 20 rows would have to be a reference table).
        string?[] aIds = [.. Enumerable.Range(1, 30).Select(i => i.ToString())], bIds = [.. Enumerable.Range(1, 24).Select(i => i.ToString())];
        var db = Db(metadata, ("a", [Ids("id", aIds), Ids("b_id", [.. Enumerable.Range(0, 30).Select(i => i % 3 == 1 ? null : bIds[i % 5])])]),
            ("b", [Ids("id", bIds), Ids("a_id", [.. Enumerable.Range(0, 24).Select(i => aIds[i % 7])])]));
        var synthetic = DatabaseSynthesizer.Fit(db).Sample(new DatabaseSampleOptions { Seed = 2 });
        var bKeys = KeyValues.Texts(synthetic["b"]["id"]).ToHashSet();
        Assert.All(KeyValues.Texts(synthetic["a"]["b_id"]).Where(v => v is not null), v => Assert.Contains(v, bKeys));
        var aKeys = KeyValues.Texts(synthetic["a"]["id"]).ToHashSet();
        Assert.All(KeyValues.Texts(synthetic["b"]["a_id"]), v => Assert.Contains(v, aKeys));
    }

    [Fact]
    public void NonNullableSelfReference_IsACycle()
    {
        var db = Db(new([Meta("e", ["id"], "id", "boss")], [new Relationship("e", "id", "e", "boss")]), ("e", [Ids("id", "1", "2"), Ids("boss", "1", "1")]));
        var e = Fails(db, ErrorKind.Metadata);
        Assert.Contains("points at its own table and may not be null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderWithAnUnknownTable_NamesItAndTheTablesFound()
    {
        using var source = FolderDatabase.Open(TinyDatabase.Folder);
        var e = Assert.Throws<DoppelException>(() => source.ReadTable(new TableMetadata("ghosts", [new ColumnMetadata("id", SemanticType.Id)], "id")));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains("table 'ghosts', but", e.Message, StringComparison.Ordinal);
        Assert.Contains("assignments, departments, projects, staff", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderWithAnUnknownColumn_IsAMetadataError()
    {
        using var source = FolderDatabase.Open(TinyDatabase.Folder);
        var e = Assert.Throws<DoppelException>(() => source.ReadTable(new TableMetadata("projects", [new ColumnMetadata("project_id", SemanticType.Id), new ColumnMetadata("budget", SemanticType.Numerical)], "project_id")));
        Assert.Equal(ErrorKind.Metadata, e.Kind);
        Assert.Contains("budget", e.Message, StringComparison.Ordinal);
    }
}
