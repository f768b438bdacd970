using Doppel.Relational;

namespace Doppel.Tests.Relational;

/// <summary>
/// A four-table database written for the tests: departments ← staff (with a self-reference manager_id, nullable at
/// the top) ← assignments (composite key staff_id + project_id) → projects; department Legal has no staff.
/// </summary>
internal static class TinyDatabase
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Relational", "tinydb");

    public static Database Read()
    {
        using var source = FolderDatabase.Open(Folder);
        return Database.Read(source);
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
