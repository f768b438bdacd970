using Doppel.IO;

namespace Doppel.Tests;

public class AtomicFileTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("doppel-atomic-").FullName;

    [Fact]
    public void Cancelled_DeletesTheTemporaryFile_AndLeavesTheTargetAlone()
    {
        string path = Path.Combine(_folder, "out.csv");
        File.WriteAllText(path, "keep");
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.Write(path, true, stream =>
        {
            stream.Write(new byte[1 << 20]);
            cancel.Cancel();
            stream.Write(new byte[1 << 20]); // the next write stops
        }, cancel.Token));
        Assert.Equal("keep", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder, "*", SearchOption.TopDirectoryOnly).Concat(Directory.GetFiles(_folder, ".*")).Distinct());
    }

    [Fact]
    public void Companion_IsWrittenBeside_AndRefusedWhenItExists()
    {
        string path = Path.Combine(_folder, "data.csv"), companion = path + ".manifest.json";
        AtomicFile.Write(path, false, s => s.Write("a\n1\n"u8), companion, s => s.Write("{}"u8));
        Assert.Equal("{}", File.ReadAllText(companion));
        File.Delete(path);
        var e = Assert.Throws<DoppelException>(() => AtomicFile.Write(path, false, s => s.Write("a\n"u8), companion, s => s.Write("{}"u8)));
        Assert.Equal(ErrorKind.IO, e.Kind);
        Assert.Contains("manifest.json already exists", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Folder_AsTarget_IsAClearError()
    {
        var e = Assert.Throws<DoppelException>(() => AtomicFile.Write(_folder, true, s => s.Write("x"u8)));
        Assert.Equal(ErrorKind.IO, e.Kind);
        Assert.Contains("is a folder", e.Message);
    }
}
