using System.Text;
using Doppel.Metadata;

namespace Doppel.Tests;

public class NumberFormatTests
{
    // The scaled fast path must write what the runtime's formatting writes, byte for byte, for every format it takes.
    [Fact]
    public void ScaledPath_WritesWhatTheGeneralPathWrites()
    {
        var random = new Random(20261204);
        var fast = new byte[NumberFormat.MaxLength];
        var general = new byte[NumberFormat.MaxLength];
        int checkedValues = 0;
        for (int max = 0; max <= 10; max++)
            for (int min = 0; min <= max; min++)
            {
                var format = new NumberFormat(false, min, max);
                for (int i = 0; i < 20_000; i++)
                {
                    double value = Value(random, max);
                    int a = format.Format(value, fast), b = format.General(value, general);
                    Assert.True(fast.AsSpan(0, a).SequenceEqual(general.AsSpan(0, b)),
                        $"{format.Text} of {value:R}: {Encoding.ASCII.GetString(fast, 0, a)} vs {Encoding.ASCII.GetString(general, 0, b)}");
                    checkedValues++;
                }
            }
        Assert.Equal(66 * 20_000, checkedValues);
    }

    [Theory]
    [InlineData("0.00", 1.0, "1.00")]
    [InlineData("0.00", -0.004, "0.00")]
    [InlineData("0.0#", 2.5, "2.5")]
    [InlineData("0.0#", -0.05, "-0.05")]
    [InlineData("0.##", 3.0, "3")]
    [InlineData("0", 2.5, "2")]
    [InlineData("0.00", 123456789.125, "123456789.12")]
    public void Format_WritesTheInputsSpelling(string text, double value, string expected)
    {
        var buffer = new byte[NumberFormat.MaxLength];
        int written = NumberFormat.Parse(text)!.Format(value, buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, written));
    }

    // Magnitudes from 1e-12 to 1e17 (past the fast path's limit), signs, whole numbers and exact midpoints.
    private static double Value(Random random, int decimals)
    {
        double magnitude = Math.Pow(10, random.Next(-12, 18));
        double value = random.Next(4) switch
        {
            0 => random.NextDouble() * magnitude,
            1 => Math.Round(random.NextDouble() * 1e6),
            2 => (random.Next(-1_000_000, 1_000_000) + 0.5) / Math.Pow(10, decimals),
            _ => Math.Round(random.NextDouble() * magnitude, Math.Min(15, decimals + 1)),
        };
        return random.Next(2) == 0 ? -value : value;
    }
}
