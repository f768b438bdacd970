using System.Globalization;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// Diverging colour scales for the heatmaps: a neutral centre at 0 that darkens towards one hue for negative and
/// another for positive values, so the sign reads at a glance and strength by depth.
/// </summary>
/// <param name="Negative">The colour at −1, as 0xRRGGBB.</param>
/// <param name="Positive">The colour at +1, as 0xRRGGBB.</param>
internal readonly record struct ColorScale(int Negative, int Positive)
{
    private const int Centre = 0xF7F7F7;

    /// <summary>Blue for negative, red for positive association (ColorBrewer RdBu).</summary>
    public static ColorScale Association => new(0x2166AC, 0xB2182B);

    /// <summary>Green where synthetic is lower, purple where it is higher (ColorBrewer PRGn).</summary>
    public static ColorScale Difference => new(0x1B7837, 0x762A83);

    /// <summary>The colour of <paramref name="t"/> in [−1, 1] (clamped) as #rrggbb.</summary>
    public string At(double t)
    {
        t = Math.Clamp(t, -1, 1);
        int end = t < 0 ? Negative : Positive;
        double w = Math.Abs(t);
        return "#" + Mix(Centre >> 16, end >> 16, w) + Mix((Centre >> 8) & 0xFF, (end >> 8) & 0xFF, w) + Mix(Centre & 0xFF, end & 0xFF, w);
    }

    /// <summary>Whether text on the colour of <paramref name="t"/> should be white rather than dark.</summary>
    public static bool IsDark(double t) => Math.Abs(t) > 0.55;

    private static string Mix(int from, int to, double w) =>
        ((int)Math.Round(from + (to - from) * w)).ToString("x2", CultureInfo.InvariantCulture);
}
