using System.Text;

namespace Doppel.IO;

/// <summary>
/// Reads a whole file that should be small (a model, metadata, a manifest, a key), refusing one larger than a limit
/// instead of reading without end: <c>/dev/zero</c> or a data file given by mistake ends in a clear error, not in
/// gigabytes of memory and an internal error.
/// </summary>
internal static class SmallFile
{
    /// <summary>The file's bytes; I/O exceptions pass through for the caller to name the file.</summary>
    /// <exception cref="DoppelException"><paramref name="kind"/> when the file holds more than <paramref name="maxBytes"/>.</exception>
    public static byte[] ReadAllBytes(string path, int maxBytes, ErrorKind kind, string what)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        long known = stream.CanSeek ? stream.Length : 0;
        if (known > maxBytes) throw TooLarge(path, maxBytes, kind, what);
        var buffer = new byte[Math.Clamp(known + 1, 4096, (long)maxBytes + 1)];
        int length = 0, read;
        while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                Array.Clear(buffer); // it may have been a key
                throw TooLarge(path, maxBytes, kind, what);
            }
            if (length == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1L));
        }
        if (length == buffer.Length) return buffer;
        var bytes = buffer[..length];
        Array.Clear(buffer);
        return bytes;
    }

    /// <summary>The file as text (UTF-8, or what its byte order mark says), as <see cref="File.ReadAllText(string)"/> reads it.</summary>
    public static string ReadAllText(string path, int maxBytes, ErrorKind kind, string what)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAllBytes(path, maxBytes, kind, what)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static DoppelException TooLarge(string path, int maxBytes, ErrorKind kind, string what) =>
        new(kind, $"{path} holds more than {Size(maxBytes)}, which is more than any {what} Doppel reads; check the path.");

    private static string Size(int bytes) => bytes >= 1 << 30 ? $"{bytes >> 30:N0} GiB" : bytes >= 1 << 20 ? $"{bytes >> 20:N0} MiB" : $"{bytes >> 10:N0} KiB";
}
