using Doppel.Data;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Relational;

namespace Doppel.Tests.Relational;

public class DatabaseModelTests
{
    [Fact]
    public void TinyDatabase_IsDetectedWithItsSelfReferenceAndCompositeKey()
    {
        var m = TinyDatabase.Read().Metadata;
        Assert.Equal(["staff_id", "project_id"], m.FindTable("assignments")!.Key);
        var links = m.Relationships.Select(r => r.Describe()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([
            "assignments(project_id) -> projects(project_id)",
            "assignments(staff_id) -> staff(staff_id)",
            "staff(dept_id) -> departments(dept_id)",
            "staff(manager_id) -> staff(staff_id)",
        ], links);
    }

    [Fact]
    public void Sample_KeepsEveryKeyUniqueAndEveryForeignKeyPointingAtAGeneratedRow()
    {
        var real = TinyDatabase.Read();
        var model = DatabaseSynthesizer.Fit(real);
        var synthetic = model.Sample(new DatabaseSampleOptions { Seed = 3 });
        foreach (var table in real.Metadata.Tables)
        {
            var keys = KeyValues.Tuples(synthetic[table.Name], table.Key);
            Assert.All(keys, k => Assert.NotNull(k));
            Assert.Equal(keys.Length, keys.Distinct().Count());
        }
        foreach (var r in real.Metadata.Relationships)
        {
            var parentKeys = KeyValues.Tuples(synthetic[r.ParentTable], r.ParentColumns).ToHashSet();
            var fks = KeyValues.Tuples(synthetic[r.ChildTable], r.ChildColumns);
            Assert.All(fks.Where(v => v is not null), v => Assert.Contains(v, parentKeys));
            bool realHasNulls = KeyValues.Tuples(real[r.ChildTable], r.ChildColumns).Any(v => v is null);
            if (!realHasNulls) Assert.All(fks, v => Assert.NotNull(v));
        }
        // Keys are generated, never copied: staff ids count up from the power of ten at or below the real k-th
        // smallest key (the real minimum, 101, is never stored: issue #10 §1), so from 100.
        Assert.Equal("100", KeyValues.Text(synthetic["staff"]["staff_id"], 0));
        // The real departments (a reference table).
        Assert.Equal(6, synthetic["departments"].RowCount);
    }

    [Fact]
    public void SelfReference_FormsAForestWithoutCycles()
    {
        var real = TinyDatabase.Read();
        var synthetic = DatabaseSynthesizer.Fit(real).Sample(new DatabaseSampleOptions { Seed = 11, Scale = 3 });
        var staff = synthetic["staff"];
        var id = KeyValues.Texts(staff["staff_id"]);
        var manager = KeyValues.Texts(staff["manager_id"]);
        var parentOf = id.Select((v, i) => (v!, manager[i])).ToDictionary(p => p.Item1, p => p.Item2);
        Assert.Contains(manager, m => m is null);
        foreach (string start in id.Select(v => v!))
        {
            var seen = new HashSet<string>();
            for (string? at = start; at is not null; at = parentOf[at]) Assert.True(seen.Add(at), $"cycle through {at}");
        }
    }

    [Fact]
    public void Sample_IsIdenticalForAnyThreadCount_AndScaleMultipliesRoots()
    {
        var model = DatabaseSynthesizer.Fit(TinyDatabase.Read());
        var one = model.Sample(new DatabaseSampleOptions { Seed = 5, Scale = 100, Threads = 1 });
        var four = model.Sample(new DatabaseSampleOptions { Seed = 5, Scale = 100, Threads = 4 });
        Assert.Equal(6, one["departments"].RowCount); // a reference table is never scaled
        Assert.Equal(10, one["projects"].RowCount);
        Assert.InRange(one["staff"].RowCount, 60 * 100 * 0.8, 60 * 100 * 1.2); // its children are
        Assert.True(one["assignments"].RowCount > 8192, "the scale must reach several batches");
        foreach (var table in model.Metadata.Tables)
            Assert.Equal(Fingerprint.Of(one[table.Name]), Fingerprint.Of(four[table.Name]));
        var other = model.Sample(new DatabaseSampleOptions { Seed = 6, Scale = 100 });
        Assert.NotEqual(Fingerprint.Of(one["staff"]), Fingerprint.Of(other["staff"]));
    }

    [Fact]
    public void ModelFile_RoundTripsToTheSameSample()
    {
        var model = DatabaseSynthesizer.Fit(TinyDatabase.Read());
        string path = Path.Combine(Path.GetTempPath(), $"doppel-db-{Guid.NewGuid():N}.doppel");
        try
        {
            DatabaseModelFile.Save(model, path);
            Assert.True(DatabaseModelFile.IsDatabaseModel(path));
            var loaded = DatabaseModelFile.Load(path);
            var options = new DatabaseSampleOptions { Seed = 9 };
            var a = model.Sample(options);
            var b = loaded.Sample(options);
            foreach (var table in model.Metadata.Tables) Assert.Equal(Fingerprint.Of(a[table.Name]), Fingerprint.Of(b[table.Name]));
            // Statistics only: no real salary appears as a string in the file.
            string text = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path));
            Assert.DoesNotContain("\"101,1,,senior", text, StringComparison.Ordinal);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void RowsOption_SizesARoot_AndRefusesAChild()
    {
        var model = DatabaseSynthesizer.Fit(TinyDatabase.Read());
        var db = DatabaseSynthesizer.Fit(Enlarged()).Sample(new DatabaseSampleOptions { Seed = 1, Rows = new Dictionary<string, long> { ["projects"] = 25 } });
        Assert.Equal(25, db["projects"].RowCount);
        var reference = Assert.Throws<DoppelException>(() => model.Sample(new DatabaseSampleOptions { Rows = new Dictionary<string, long> { ["projects"] = 25 } }));
        Assert.Equal(ErrorKind.Usage, reference.Kind);
        Assert.Contains("'projects' is a reference table", reference.Message, StringComparison.Ordinal);
        var e = Assert.Throws<DoppelException>(() => model.Sample(new DatabaseSampleOptions { Rows = new Dictionary<string, long> { ["staff"] = 5 } }));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("child of 'departments'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Tiny with projects grown to 30 rows (ids 1-30, the real rows repeated), so it is a modelled root; departments stays a reference table.</summary>
    private static Database Enlarged()
    {
        var db = TinyDatabase.Read(["departments"]);
        var projects = TableRows.Select(db["projects"], [.. Enumerable.Range(0, 30).Select(i => i % 10)]);
        var columns = projects.Columns.Select(c => c.Name != "project_id" ? c
            : c is NumberColumn ? new NumberColumn(c.Name, [.. Enumerable.Range(1, 30).Select(i => (double)i)])
            : (Column)new StringColumn(c.Name, [.. Enumerable.Range(1, 30).Select(i => i.ToString())])).ToList();
        var tables = db.Tables.ToDictionary(t => t.Key, t => t.Value);
        tables["projects"] = new Table(columns, 30);
        return db with { Tables = tables };
    }

    [Fact]
    public void SmallTables_AreRefusedByName_WithTheWayOut()
    {
        var e = Assert.Throws<DoppelException>(() => DatabaseSynthesizer.Fit(TinyDatabase.Read([])));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("'departments' (6 rows)", e.Message, StringComparison.Ordinal);
        Assert.Contains("'projects' (10 rows)", e.Message, StringComparison.Ordinal);
        Assert.Contains("fewer than 20 rows", e.Message, StringComparison.Ordinal);
        Assert.Contains("--reference departments,projects", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("staff", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceTable_ComesBackAsItIs_WithEveryChildPointingAtIt()
    {
        var real = TinyDatabase.Read();
        var model = DatabaseSynthesizer.Fit(real);
        Assert.Equal(["departments", "projects"], model.ReferenceTables);
        var synthetic = model.Sample(new DatabaseSampleOptions { Seed = 9 });
        foreach (string name in model.ReferenceTables)
            foreach (var column in real.Metadata.FindTable(name)!.Columns)
                Assert.Equal(KeyValues.Texts(real[name][column.Name]), KeyValues.Texts(synthetic[name][column.Name]));
        var departments = KeyValues.Texts(real["departments"]["dept_id"]).ToHashSet();
        var projects = KeyValues.Texts(real["projects"]["project_id"]).ToHashSet();
        Assert.All(KeyValues.Texts(synthetic["staff"]["dept_id"]), v => Assert.Contains(v, departments));
        Assert.All(KeyValues.Texts(synthetic["assignments"]["project_id"]), v => Assert.Contains(v, projects));
        Assert.NotEqual(Fingerprint.Of(real["staff"]), Fingerprint.Of(synthetic["staff"]));
    }

    [Fact]
    public void ReferenceTable_PointingAtAModelledTable_IsRefused()
    {
        var e = Assert.Throws<DoppelException>(() => DatabaseSynthesizer.Fit(TinyDatabase.Read(["departments", "projects", "assignments"])));
        Assert.Equal(ErrorKind.Data, e.Kind);
        Assert.Contains("Reference table 'assignments' points at 'staff'", e.Message, StringComparison.Ordinal);
    }
}
