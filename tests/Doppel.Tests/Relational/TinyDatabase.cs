using Doppel.Relational;

namespace Doppel.Tests.Relational;

/// <summary>
/// A four-table database written for the tests: departments ← staff (with a self-reference manager_id, nullable at
/// the top) ← assignments (composite key staff_id + project_id) → projects; department Legal has no staff. Departments and projects are
/// reference tables (too small to model).
/// </summary>
internal static class TinyDatabase
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Relational", "tinydb");

    /// <summary>The lookup tables too small to model (6 and 10 rows), declared reference tables.</summary>
    public static readonly string[] ReferenceTables = ["departments", "projects"];

    public static Database Read() => Read(ReferenceTables);

    /// <summary>The database with <paramref name="reference"/> declared reference tables.</summary>
    public static Database Read(string[] reference)
    {
        using var source = FolderDatabase.Open(Folder);
        var metadata = source.ReadMetadata();
        return Database.Read(source, metadata with { Tables = [.. metadata.Tables.Select(t => reference.Contains(t.Name) ? t with { Reference = true } : t)] });
    }

    /// <summary>A copy of the database's files in a new temporary folder, to edit for a bad-input case.</summary>
    public static string Copy()
    {
        string folder = Path.Combine(Path.GetTempPath(), "doppel-tinydb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(Folder)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }
}
