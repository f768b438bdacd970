using Doppel.Sampling;

namespace Doppel.Schema.Generators;

/// <summary>A univariate distribution: a quantile function (for copulas and histograms) and a fast direct draw.</summary>
internal abstract class Distribution
{
    public abstract double Quantile(double u);

    public virtual double Sample(ref RandomStream random) => Quantile(random.NextOpenDouble());

    /// <summary>The support's bounds (may be infinite).</summary>
    public abstract (double Low, double High) Support { get; }

    /// <summary>The mean, for fan-out checks.</summary>
    public abstract double Mean { get; }
}

internal sealed class UniformDistribution(double low, double high, bool integer) : Distribution
{
    // Integers: each of low..high equally likely.
    public override double Quantile(double u) => integer ? Math.Min(high, Math.Floor(low + u * (high - low + 1))) : low + u * (high - low);
    public override double Sample(ref RandomStream random) => integer ? low + StreamIds.NextLong(ref random, (long)(high - low) + 1) : low + random.NextDouble() * (high - low);
    public override (double Low, double High) Support => (low, high);
    public override double Mean => (low + high) / 2;
}

internal sealed class NormalDistribution(double mean, double sd) : Distribution
{
    public override double Quantile(double u) => mean + sd * Normal.Quantile(u);
    public override double Sample(ref RandomStream random) => mean + sd * random.NextNormal();
    public override (double Low, double High) Support => (double.NegativeInfinity, double.PositiveInfinity);
    public override double Mean => mean;
}

internal sealed class LogNormalDistribution(double mu, double sigma) : Distribution
{
    public override double Quantile(double u) => Math.Exp(mu + sigma * Normal.Quantile(u));
    public override double Sample(ref RandomStream random) => Math.Exp(mu + sigma * random.NextNormal());
    public override (double Low, double High) Support => (0, double.PositiveInfinity);
    public override double Mean => Math.Exp(mu + sigma * sigma / 2);
}

internal sealed class ExponentialDistribution(double mean) : Distribution
{
    public override double Quantile(double u) => -mean * Math.Log(1 - u);
    public override (double Low, double High) Support => (0, double.PositiveInfinity);
    public override double Mean => mean;
}

/// <summary>Poisson by inversion from the mode outwards' cumulative table (exact up to mean 10,000; normal approximation beyond).</summary>
internal sealed class PoissonDistribution : Distribution
{
    private readonly double _mean;
    private readonly double[]? _cdf;
    private readonly CdfSearch? _search;

    public PoissonDistribution(double mean)
    {
        _mean = mean;
        if (mean > 10_000) return;
        int top = (int)Math.Ceiling(mean + 12 * Math.Sqrt(mean) + 12);
        _cdf = new double[top + 1];
        double logP = -mean, sum = 0;
        for (int k = 0; k <= top; k++)
        {
            if (k > 0) logP += Math.Log(mean / k);
            sum += Math.Exp(logP);
            _cdf[k] = sum;
        }
        _search = new CdfSearch(_cdf);
    }

    public override double Quantile(double u)
    {
        if (_cdf is null) return Math.Max(0, Math.Round(_mean + Math.Sqrt(_mean) * Normal.Quantile(u)));
        return _search!.FirstAtLeast(u * _cdf[^1]);
    }

    public override (double Low, double High) Support => (0, _cdf is null ? double.PositiveInfinity : _cdf.Length - 1);
    public override double Mean => _mean;
}

/// <summary>Zipf over ranks 1..n with exponent s: P(k) ∝ 1 / k^s.</summary>
internal sealed class ZipfDistribution : Distribution
{
    private readonly double[] _cdf;
    private readonly CdfSearch _search;

    public ZipfDistribution(int n, double s)
    {
        _cdf = new double[n];
        double sum = 0, weighted = 0;
        for (int k = 1; k <= n; k++)
        {
            double p = 1 / Math.Pow(k, s);
            sum += p;
            weighted += k * p;
            _cdf[k - 1] = sum;
        }
        Mean = weighted / sum;
        _search = new CdfSearch(_cdf);
    }

    public override double Quantile(double u) => 1 + _search.FirstAtLeast(u * _cdf[^1]);

    public override (double Low, double High) Support => (1, _cdf.Length);
    public override double Mean { get; }
}

/// <summary>
/// An empirical histogram: bins [edge i, edge i+1] with weights, values uniform inside a bin; a bin whose two edges
/// are equal is a point mass (e.g. the zeros of a capital-gain column). Discrete values are bins of width zero.
/// </summary>
internal sealed class HistogramDistribution : Distribution
{
    private readonly double[] _low, _high, _cdf;
    private readonly CdfSearch _search;

    public HistogramDistribution(IReadOnlyList<(double Low, double High, double Weight)> bins)
    {
        _low = [.. bins.Select(b => b.Low)];
        _high = [.. bins.Select(b => b.High)];
        _cdf = new double[bins.Count];
        double sum = 0, mean = 0;
        for (int i = 0; i < bins.Count; i++)
        {
            sum += bins[i].Weight;
            mean += bins[i].Weight * (bins[i].Low + bins[i].High) / 2;
            _cdf[i] = sum;
        }
        for (int i = 0; i < _cdf.Length; i++) _cdf[i] /= sum;
        Mean = mean / sum;
        _search = new CdfSearch(_cdf);
    }

    public override double Quantile(double u)
    {
        int bin = _search.FirstAtLeast(u);
        double start = bin == 0 ? 0 : _cdf[bin - 1], width = _cdf[bin] - start;
        double within = width > 0 ? (u - start) / width : 0.5;
        return _low[bin] + within * (_high[bin] - _low[bin]);
    }

    public override (double Low, double High) Support => (_low.Min(), _high.Max());
    public override double Mean { get; }
}
