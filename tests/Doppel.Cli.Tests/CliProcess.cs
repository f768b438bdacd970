using System.Diagnostics;

namespace Doppel.Cli.Tests;

/// <summary>Runs the built CLI as a child process, for what only a real process shows: pipes, signals, stdin, concurrency.</summary>
internal static class CliProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "Doppel.Cli.dll");

    public static Process Start(string folder, bool redirectInput, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>) and returns the exit code and stderr.</summary>
    public static (int Code, string Out, string Error) Run(string folder, TimeSpan timeout, params string[] args)
    {
        using var process = Start(folder, false, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(timeout), $"doppel {string.Join(' ', args)} did not finish in {timeout}");
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Sends a POSIX signal (kill(1)), as a terminal or a service manager would.</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Runs a shell command line (for redirections such as <c>&gt; /dev/full</c>).</summary>
    public static (int Code, string Error) Shell(string folder, string commandLine, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("sh") { WorkingDirectory = folder, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(commandLine.Replace("doppel ", $"\"{Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet"}\" \"{Dll}\" ", StringComparison.Ordinal));
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(timeout), $"{commandLine} did not finish in {timeout}");
        return (process.ExitCode, error.Result);
    }
}
