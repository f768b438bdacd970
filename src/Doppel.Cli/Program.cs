using System.Runtime.InteropServices;
using Doppel.Cli;
using Doppel.IO;
using Microsoft.Win32.SafeHandles;

// Ctrl-C and SIGTERM end the process as usual, but first delete the temporary files of writes in progress.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => AtomicFile.AbandonAll());
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => AtomicFile.AbandonAll());
return CliApp.Run(args, new CliConsole(Console.Out, Console.Error, OpenStdout, !Console.IsErrorRedirected));

// Console's stream pretends a closed pipe (EPIPE) accepted the data, so `doppel sample ... -o - | head` would run to
// the end and report success: on a pipe or terminal write to file descriptor 1 itself. On a file, keep Console's
// stream: a FileStream writes at its own offset and would leave the shell's (`{ ...; echo; } > file`) behind.
static Stream OpenStdout()
{
    if (OperatingSystem.IsWindows()) return Console.OpenStandardOutput();
    var direct = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1);
    if (!direct.CanSeek) return direct;
    direct.Dispose();
    return Console.OpenStandardOutput();
}
