using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Doppel.IO;

/// <summary>
/// Writes a file all or nothing: into a temporary file in the same folder, renamed over the target only when
/// complete, so a failed or cancelled run never leaves partial output. A device, pipe or socket (<c>/dev/null</c>, a
/// FIFO) is written in place instead: it is never replaced by a regular file.
/// </summary>
/// <remarks>
/// Temporary files are named <c>.NAME.PID.GUID.tmp</c>; those left by a process that no longer runs (killed with
/// <c>kill -9</c>) are deleted by the next write to the same folder. A file and its companion (the manifest that
/// holds its hash) are renamed together under a lock per target, so concurrent writers to one path never leave the
/// data of one beside the companion of another.
/// </remarks>
public static partial class AtomicFile
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Pending = new(StringComparer.Ordinal);
    private static bool _abandoned;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; refuses to replace an existing file unless <paramref name="overwrite"/>.</summary>
    public static void Write(string path, bool overwrite, Action<Stream> write) => Write(path, overwrite, write, CancellationToken.None);

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, stopping (and deleting the temporary file) when <paramref name="cancel"/> fires.</summary>
    public static void Write(string path, bool overwrite, Action<Stream> write, CancellationToken cancel) =>
        Write(path, overwrite, write, null, null, cancel);

    /// <summary>
    /// Writes <paramref name="path"/> and then <paramref name="companionPath"/> (e.g. a manifest that holds the
    /// first file's hash, known once <paramref name="write"/> has run); both are renamed into place together, under a
    /// lock on the target. The companion is skipped when the target is a device or pipe.
    /// </summary>
    public static void Write(string path, bool overwrite, Action<Stream> write, string? companionPath, Action<Stream>? companion, CancellationToken cancel = default)
    {
        string full = Path.GetFullPath(path);
        if (CheckTarget(path, overwrite, companion is null ? [] : [companionPath!]) == FileKind.Special)
        {
            WriteInPlace(path, full, write, cancel);
            return;
        }
        string folder = Path.GetDirectoryName(full)!;
        DeleteStale(folder);
        string? companionFull = companionPath is null ? null : Path.GetFullPath(companionPath);
        string temp = NewTemp(full);
        string? companionTemp = null;
        try
        {
            WriteTemp(temp, write, cancel);
            if (companion is not null)
            {
                companionTemp = NewTemp(companionFull!);
                WriteTemp(companionTemp, companion, cancel);
            }
            using (TargetLock.Acquire(full, cancel))
            {
                if (!overwrite) CheckTarget(path, overwrite, companion is null ? [] : [companionPath!]); // another run may have written it meanwhile
                lock (Gate)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (_abandoned) throw new OperationCanceledException();
                    File.Move(temp, full, overwrite: true);
                    Pending.Remove(temp);
                    if (companionTemp is not null)
                    {
                        File.Move(companionTemp, companionFull!, overwrite: true);
                        Pending.Remove(companionTemp);
                    }
                }
            }
        }
        catch (Exception e)
        {
            Discard(temp);
            if (companionTemp is not null) Discard(companionTemp);
            if (e is UnauthorizedAccessException or IOException)
                throw new DoppelException(ErrorKind.IO, $"Cannot write {path}: {e.Message}", e);
            throw;
        }
    }

    /// <summary>
    /// Checks, before any work, that <paramref name="path"/> can be written: its folder exists, it is not a folder,
    /// and unless <paramref name="overwrite"/> neither it nor any of <paramref name="companions"/> exists (a device or
    /// pipe is written in place, so it needs no overwrite and has no companion).
    /// </summary>
    /// <exception cref="DoppelException"><see cref="ErrorKind.IO"/> when the path cannot or may not be written.</exception>
    public static void Check(string path, bool overwrite, params string[] companions) => CheckTarget(path, overwrite, companions);

    /// <summary>True when <paramref name="path"/> is an existing device, pipe or socket, written in place (no temporary file, rename or companion).</summary>
    public static bool IsSpecial(string path) => FileIdentity.Of(path)?.Kind == FileKind.Special;

    /// <summary>
    /// Deletes the temporary files of every write in progress in this process and makes further writes fail: for a
    /// process about to end on a signal (Ctrl-C, SIGTERM), so it leaves nothing behind.
    /// </summary>
    public static void AbandonAll()
    {
        lock (Gate)
        {
            _abandoned = true;
            foreach (string temp in Pending) TryDelete(temp);
            Pending.Clear();
        }
    }

    private static FileKind CheckTarget(string path, bool overwrite, string[] companions)
    {
        string full = Path.GetFullPath(path);
        var target = FileIdentity.Of(full);
        if (target?.Kind == FileKind.Special) return FileKind.Special;
        if (target?.Kind == FileKind.Directory)
            throw new DoppelException(ErrorKind.IO, $"Cannot write {path}: it is a folder. Name a file inside it.");
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (FileIdentity.Of(folder)?.Kind != FileKind.Directory)
            throw new DoppelException(ErrorKind.IO, $"Cannot write {path}: the folder {folder} does not exist. Create it first.");
        if (!overwrite)
            foreach (string existing in companions.Prepend(path))
                if (FileIdentity.Of(existing) is not null)
                    throw new DoppelException(ErrorKind.IO, $"{existing} already exists; pass overwrite: true to replace it.");
        return target?.Kind ?? FileKind.Regular;
    }

    private static void WriteInPlace(string path, string full, Action<Stream> write, CancellationToken cancel)
    {
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0);
            write(new CancellableStream(stream, cancel));
            stream.Flush();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot write {path}: {e.Message}", e);
        }
    }

    private static void WriteTemp(string temp, Action<Stream> write, CancellationToken cancel)
    {
        // FileShare.Delete: a signal handler may delete it while it is open (Windows).
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.Delete, 1 << 16);
        write(new CancellableStream(stream, cancel));
        stream.Flush(flushToDisk: false);
    }

    /// <summary>A fresh temporary name beside <paramref name="full"/>, registered so a signal can delete it.</summary>
    private static string NewTemp(string full)
    {
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        lock (Gate)
        {
            if (_abandoned) throw new OperationCanceledException();
            Pending.Add(temp);
        }
        return temp;
    }

    private static void Discard(string temp)
    {
        lock (Gate)
        {
            TryDelete(temp);
            Pending.Remove(temp);
        }
    }

    /// <summary>Deletes the temporary files in <paramref name="folder"/> of processes that no longer run.</summary>
    private static void DeleteStale(string folder)
    {
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(folder, ".*.tmp"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        try
        {
            foreach (string file in candidates)
                if (TempName().Match(Path.GetFileName(file)) is { Success: true } match
                    && int.TryParse(match.Groups[1].ValueSpan, out int pid) && !IsRunning(pid))
                    TryDelete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
        catch (System.ComponentModel.Win32Exception) { return true; } // exists, but not ours to inspect
    }

    [GeneratedRegex(@"^\..+\.([0-9]+)\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TempName();

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// A lock per target file shared by every process of the user (a named mutex), held while a file and its
    /// companion are renamed into place. Named after the target's folder identity, so aliases of a folder share it.
    /// </summary>
    private sealed class TargetLock : IDisposable
    {
        private readonly Mutex? _mutex;

        private TargetLock(Mutex? mutex) => _mutex = mutex;

        public static TargetLock Acquire(string full, CancellationToken cancel)
        {
            string folder = Path.GetDirectoryName(full)!;
            string key = (FileIdentity.Of(folder)?.Key ?? folder) + "/" + Path.GetFileName(full);
            string name = @"Global\doppel-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
            Mutex mutex;
            try { mutex = new Mutex(false, name); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or WaitHandleCannotBeOpenedException or PlatformNotSupportedException)
            {
                return new TargetLock(null); // no named mutexes here (another user's, or none): each file is still replaced atomically
            }
            try
            {
                while (true)
                {
                    try
                    {
                        if (mutex.WaitOne(TimeSpan.FromMilliseconds(200))) break;
                    }
                    catch (AbandonedMutexException)
                    {
                        break; // a writer died holding it: ownership passes to this one
                    }
                    cancel.ThrowIfCancellationRequested();
                }
            }
            catch
            {
                mutex.Dispose();
                throw;
            }
            return new TargetLock(mutex);
        }

        public void Dispose()
        {
            _mutex?.ReleaseMutex();
            _mutex?.Dispose();
        }
    }

    /// <summary>Passes writes through, stopping at the first one after cancellation.</summary>
    private sealed class CancellableStream(Stream inner, CancellationToken cancel) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            cancel.ThrowIfCancellationRequested();
            inner.Write(buffer);
        }
    }
}
