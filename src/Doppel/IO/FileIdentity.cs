using System.Runtime.InteropServices;
using System.Text;

namespace Doppel.IO;

/// <summary>What a path names on disk.</summary>
internal enum FileKind
{
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A device, pipe or socket: written in place, never replaced.</summary>
    Special,
}

/// <summary>
/// The file a path names, after symbolic links, <c>..</c> and hard links: device and inode where the system says
/// them (Linux), else the path with every link resolved. Two paths name the same file when their identities are equal,
/// whatever their text.
/// </summary>
internal readonly record struct FileIdentity(string Key, FileKind Kind)
{
    /// <summary>The identity of an existing path, or null when nothing exists there.</summary>
    public static FileIdentity? Of(string path)
    {
        if (OperatingSystem.IsLinux() && Statx(path) is { } stat) return stat.Exists ? stat.Identity : null;
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return new(Resolve(full), FileKind.Directory);
        if (!File.Exists(full)) return null;
        // Without stat, devices are known by where they live.
        bool special = OperatingSystem.IsWindows() ? full.StartsWith(@"\\.\", StringComparison.Ordinal) : full.StartsWith("/dev/", StringComparison.Ordinal);
        return new(Resolve(full), special ? FileKind.Special : FileKind.Regular);
    }

    /// <summary>True when both paths exist and name the same file.</summary>
    public static bool Same(string a, string b) => Of(a) is { } x && Of(b) is { } y && x.Key == y.Key;

    /// <summary>The full path with each existing component's symbolic link followed.</summary>
    private static string Resolve(string full)
    {
        string? parent = Path.GetDirectoryName(full);
        string resolved = parent is null ? full : Path.Combine(Resolve(parent), Path.GetFileName(full));
        for (int hops = 0; hops < 40; hops++)
        {
            FileSystemInfo info = Directory.Exists(resolved) ? new DirectoryInfo(resolved) : new FileInfo(resolved);
            if (info.LinkTarget is not { } target) break;
            resolved = Path.GetFullPath(target, Path.GetDirectoryName(resolved) ?? "/");
            if (Path.GetDirectoryName(resolved) is { } folder) resolved = Path.Combine(Resolve(folder), Path.GetFileName(resolved));
        }
        return OperatingSystem.IsWindows() ? resolved.ToUpperInvariant() : resolved;
    }

    private readonly record struct StatResult(bool Exists, FileIdentity Identity);

    /// <summary>statx(2), whose layout is the same on every Linux architecture; null when unavailable.</summary>
    private static StatResult? Statx(string path)
    {
        const int AtFdCwd = -100, TypeAndIno = 0x1 | 0x100, ENOENT = 2, ENOTDIR = 20;
        var buffer = new byte[256];
        int result;
        try { result = NativeMethods.statx(AtFdCwd, Encoding.UTF8.GetBytes(path + "\0"), 0, TypeAndIno, buffer); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return null; }
        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is ENOENT or ENOTDIR ? new StatResult(false, default) : null;
        }
        int mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        ulong inode = BitConverter.ToUInt64(buffer, 32);
        uint major = BitConverter.ToUInt32(buffer, 136), minor = BitConverter.ToUInt32(buffer, 140);
        var kind = mode switch { 0x8000 => FileKind.Regular, 0x4000 => FileKind.Directory, _ => FileKind.Special };
        return new StatResult(true, new FileIdentity($"{major}:{minor}:{inode}", kind));
    }

    private static class NativeMethods
    {
        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code, which this library does not allow
        public static extern int statx(int dirfd, byte[] path, int flags, int mask, byte[] buffer);
#pragma warning restore SYSLIB1054
    }
}
