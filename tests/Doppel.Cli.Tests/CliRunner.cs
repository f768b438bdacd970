using System.Text;

namespace Doppel.Cli.Tests;

/// <summary>Runs the CLI in process and captures what it prints.</summary>
internal sealed class CliRunner
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "doppel-cli-" + Guid.NewGuid().ToString("N"));

    public CliRunner() => Directory.CreateDirectory(Folder);

    public static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "adult.csv");

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Write(string name, string content)
    {
        File.WriteAllText(PathOf(name), content);
        return PathOf(name);
    }

    public (int Code, string Out, string Error, byte[] Stdout) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var stdout = new MemoryStream();
        int code = CliApp.Run(args, new CliConsole(output, error, () => new NonClosingStream(stdout), Interactive: false));
        return (code, output.ToString(), error.ToString(), stdout.ToArray());
    }

    private sealed class NonClosingStream(MemoryStream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
