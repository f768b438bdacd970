using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Schema.Generators;

/// <summary>
/// Numbers from a distribution, rounded as written (whole numbers, or decimals to their places) and kept inside
/// [min, max]: a draw outside is drawn again (up to 64 times, then clamped), so the shape inside is the distribution's.
/// </summary>
internal sealed class NumericGenerator(Distribution distribution, bool integer, int? decimals, double min, double max) : ValueGenerator, IQuantileGenerator
{
    public Distribution Distribution => distribution;

    public override ColumnKind Kind => ColumnKind.Number;

    public override void Fill(ColumnData data, int start, int count, long firstRow, ref RandomStream random)
    {
        var values = data.Numbers!;
        for (int i = start; i < start + count; i++)
        {
            double x = Round(distribution.Sample(ref random));
            for (int attempt = 0; (x < min || x > max) && attempt < 64; attempt++) x = Round(distribution.Sample(ref random));
            values[i] = Math.Clamp(x, min, max);
        }
    }

    public double Quantile(double u) => Math.Clamp(Round(distribution.Quantile(u)), min, max);

    private double Round(double x) => integer ? Math.Round(x) : decimals is { } d ? Math.Round(x, d) : x;

    public override (double Low, double High)? Range
    {
        get
        {
            var (low, high) = distribution.Support;
            return (Math.Max(low, min), Math.Min(high, max));
        }
    }

    // Uniform integers enumerate their values, so they can be unique.
    private bool UniformInteger => integer && distribution is UniformDistribution;

    public override double Distinct => UniformInteger && Range is var (low, high) ? high - low + 1 : base.Distinct;

    public override bool CanRank => UniformInteger;

    public override void FillRank(ColumnData data, int row, ulong rank) => data.Numbers![row] = Range!.Value.Low + rank;
}
