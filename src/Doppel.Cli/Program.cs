using Doppel.Cli;

return CliApp.Run(args, new CliConsole(Console.Out, Console.Error, Console.OpenStandardOutput, !Console.IsErrorRedirected));
