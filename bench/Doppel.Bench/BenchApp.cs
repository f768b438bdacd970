namespace Doppel.Bench;

internal static class BenchApp
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick") return Quick.Run(args[1..]);
        if (args.Length > 0 && args[0] == "speed") return Speed.Run(args[1..]);
        if (args.Length > 0 && args[0] == "ceiling") return Ceiling.Run(args[1..]);
        Console.Error.WriteLine("usage: quick DATASET [synth]");
        return 2;
    }
}
