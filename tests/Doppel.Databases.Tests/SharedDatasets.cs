namespace Doppel.Databases.Tests;

/// <summary>
/// The real datasets in ../shared/datasets beside the repository. Tests that need them fail in CI (CI=true) when
/// the folder is missing, and are skipped elsewhere (GUIDE section 7).
/// </summary>
internal static class SharedDatasets
{
    public static string File(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Doppel.slnx"))) dir = dir.Parent;
        string path = dir is null ? relative : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets", relative));
        if (System.IO.File.Exists(path)) return path;
        if (Environment.GetEnvironmentVariable("CI") == "true")
            throw new InvalidOperationException($"CI needs {path}: clone the repository beside ../shared.");
        Skip.If(true, $"{path} is not here; clone the repository beside ../shared to run this test.");
        return path;
    }
}
