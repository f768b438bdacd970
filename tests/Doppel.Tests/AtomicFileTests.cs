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
    public void ConcurrentWritersToOnePath_LeaveFileAndCompanionAgreeing()
    {
        // Four writers per round, each with its own content; each takes a different time to make its companion
        // (a manifest holding the content's hash), so a writer that renamed its data first may rename its companion last.
        string path = Path.Combine(_folder, "data.csv"), companion = path + ".manifest.json";
        int disagreements = 0;
        for (int round = 0; round < 30; round++)
        {
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                string content = $"{round}:{i}";
                AtomicFile.Write(path, true, s => s.Write(System.Text.Encoding.UTF8.GetBytes(content)), companion, s =>
                {
                    Thread.Sleep((3 - i + round) % 4 * 2);
                    s.Write(System.Text.Encoding.UTF8.GetBytes(content));
                });
            });
            if (File.ReadAllText(path) != File.ReadAllText(companion)) disagreements++;
        }
        Assert.Equal(0, disagreements);
        Assert.Equal(2, Directory.GetFiles(_folder, "*").Length + Directory.GetFiles(_folder, ".*").Length); // no temporary files left
    }

    [Fact]
    public void Folder_AsTarget_IsAClearError()
    {
        var e = Assert.Throws<DoppelException>(() => AtomicFile.Write(_folder, true, s => s.Write("x"u8)));
        Assert.Equal(ErrorKind.IO, e.Kind);
        Assert.Contains("is a folder", e.Message);
    }
}
