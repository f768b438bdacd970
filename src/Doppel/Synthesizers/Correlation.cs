using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Doppel.Synthesizers;

/// <summary>Pearson correlation of latent scores (pairwise over observed rows) and its Cholesky factor.</summary>
internal static class Correlation
{
    /// <summary>Latent correlations are capped below 1 so the matrix stays well conditioned.</summary>
    private const double MaxCorrelation = 0.995;

    /// <summary>
    /// The d×d latent correlation matrix (row-major): Pearson correlations of <paramref name="scores"/> over rows
    /// observed in both (null means all rows), divided by both dimensions' <see cref="Transforms.Attenuation"/>.
    /// </summary>
    public static double[] Latent(double[][] scores, Data.Validity?[] observed, double[] attenuation)
    {
        int d = scores.Length;
        var matrix = new double[d * d];
        var pairs = new List<(int I, int J)>();
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) pairs.Add((i, j));
        Parallel.ForEach(pairs, pair =>
        {
            double r = Pearson(scores[pair.I], scores[pair.J], observed[pair.I], observed[pair.J]) / (attenuation[pair.I] * attenuation[pair.J]);
            r = Math.Clamp(r, -MaxCorrelation, MaxCorrelation);
            matrix[pair.I * d + pair.J] = r;
            matrix[pair.J * d + pair.I] = r;
        });
        for (int i = 0; i < d; i++) matrix[i * d + i] = 1;
        return matrix;
    }

    private static double Pearson(double[] x, double[] y, Data.Validity? ox, Data.Validity? oy)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long n = 0;
        bool all = ox is null && oy is null;
        for (int r = 0; r < x.Length; r++)
        {
            if (!all && ((ox is not null && !ox.IsValid(r)) || (oy is not null && !oy.IsValid(r)))) continue;
            double a = x[r], b = y[r];
            sx += a; sy += b; sxx += a * a; syy += b * b; sxy += a * b;
            n++;
        }
        if (n < 3) return 0;
        double cov = sxy - sx * sy / n, vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        if (vx <= 1e-12 * n || vy <= 1e-12 * n) return 0;
        return Math.Clamp(cov / Math.Sqrt(vx * vy), -1, 1);
    }

    /// <summary>
    /// The lower Cholesky factor of <paramref name="correlation"/>. Pairwise and corrected estimates need not form a
    /// valid correlation matrix; one that is not positive definite is first replaced by the nearest one with
    /// eigenvalues at least <see cref="MinEigenvalue"/> (eigenvalues clipped, unit diagonal restored), which keeps
    /// far more of the structure than shrinking every correlation towards zero.
    /// </summary>
    public static double[] CholeskyOf(double[] correlation, int d)
    {
        var m = (double[])correlation.Clone();
        if (TryCholesky(m, d)) return m;
        var projected = NearestCorrelation(correlation, d);
        for (double shrink = 0; shrink < 1; shrink = shrink == 0 ? 1e-6 : Math.Min(1, shrink * 4))
        {
            m = new double[d * d];
            for (int i = 0; i < d * d; i++) m[i] = projected[i] * (1 - shrink);
            for (int i = 0; i < d; i++) m[i * d + i] = 1;
            if (TryCholesky(m, d)) return m;
        }
        var identity = new double[d * d];
        for (int i = 0; i < d; i++) identity[i * d + i] = 1;
        return identity;
    }

    private const double MinEigenvalue = 1e-3;

    private static double[] NearestCorrelation(double[] correlation, int d)
    {
        var matrix = Matrix<double>.Build.Dense(d, d, (i, j) => correlation[i * d + j]);
        var evd = matrix.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Map(v => Math.Max(v.Real, MinEigenvalue));
        var clipped = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(Vector<double>.Build.DenseOfEnumerable(values))
                      * evd.EigenVectors.Transpose();
        var result = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                result[i * d + j] = clipped[i, j] / Math.Sqrt(clipped[i, i] * clipped[j, j]);
        return result;
    }

    internal static bool TryCholesky(double[] a, int d)
    {
        for (int j = 0; j < d; j++)
        {
            double sum = a[j * d + j];
            for (int k = 0; k < j; k++) sum -= a[j * d + k] * a[j * d + k];
            if (sum <= 1e-10) return false;
            double diag = Math.Sqrt(sum);
            a[j * d + j] = diag;
            for (int i = j + 1; i < d; i++)
            {
                double s = a[i * d + j];
                for (int k = 0; k < j; k++) s -= a[i * d + k] * a[j * d + k];
                a[i * d + j] = s / diag;
            }
            for (int i = 0; i < j; i++) a[i * d + j] = 0;
        }
        return true;
    }
}
