using System.Diagnostics;

namespace Doppel.Bench;

/// <summary>The protocol's timing (GUIDE section 8): one warm-up, then <c>runs</c> timed runs.</summary>
internal static class Timing
{
    public static List<double> Runs(Action once, int runs)
    {
        once(); // warm-up
        var seconds = new List<double>();
        for (int r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            once();
            seconds.Add(watch.Elapsed.TotalSeconds);
        }
        return seconds;
    }
}
