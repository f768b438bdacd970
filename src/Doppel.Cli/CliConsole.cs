namespace Doppel.Cli;

/// <summary>Where the CLI writes: text to stdout/stderr, data to the raw stdout stream; swappable for in-process tests.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStdout, bool Interactive);
