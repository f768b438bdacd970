namespace Doppel.IO;

/// <summary>
/// Writes a file all or nothing: into a temporary file in the same folder, renamed over the target only when
/// complete, so a failed run never leaves partial output.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; refuses to replace an existing file unless <paramref name="overwrite"/>.</summary>
    /// <exception cref="DoppelException">The folder does not exist, the file exists and <paramref name="overwrite"/> is false, or writing fails (<see cref="ErrorKind.IO"/>).</exception>
    public static void Write(string path, bool overwrite, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new DoppelException(ErrorKind.IO, $"Cannot write {path}: the folder {folder} does not exist. Create it first.");
        if (File.Exists(full) && !overwrite)
            throw new DoppelException(ErrorKind.IO, $"{path} already exists; pass overwrite: true to replace it.");
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: false);
            }
            File.Move(temp, full, overwrite);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (e is UnauthorizedAccessException or IOException)
                throw new DoppelException(ErrorKind.IO, $"Cannot write {path}: {e.Message}", e);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
