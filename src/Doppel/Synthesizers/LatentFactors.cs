using System.Numerics;
using System.Text.Json.Serialization;
using Doppel.Data;
using Doppel.Sampling;
using Matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;
using Symmetricity = MathNet.Numerics.LinearAlgebra.Symmetricity;

namespace Doppel.Synthesizers;

/// <summary>
/// The latent correlation of a wide table as a factor model, R ≈ F·Fᵀ + diag(1 − |Fᵢ|²): the d×k loadings F are
/// the top k principal directions of the standardized latent scores, found by a randomized thin SVD of the n×d score
/// matrix (Halko, Martinsson and Tropp 2011). Fit, model size and sampling cost O(n·d·k) and O(d·k) instead of the
/// dense matrix's O(n·d²), O(d³) and O(d²), so cost stays linear in columns.
/// </summary>
/// <remarks>
/// k is the number of eigenvalues above the Marchenko–Pastur edge (1 + √(d/n))², where pure noise ends, at most
/// <see cref="MaxFactors"/>: with few rows only the structure the data can tell apart from noise is kept, and the
/// rest of each dimension's variance is its own.
/// </remarks>
internal sealed class LatentFactors
{
    /// <summary>Latent dimensions above which the copula uses factors rather than the dense correlation.</summary>
    public const int WideDimensions = 512;

    /// <summary>Largest number of factors kept (bounds the model at d·k loadings).</summary>
    public const int MaxFactors = 32;

    private const int Oversampling = 10;
    private const int PowerIterations = 2;

    /// <summary>Latent correlations are capped below 1, as in the dense matrix.</summary>
    private const double MaxCorrelation = 0.995;

    private double[]? _uniqueness;

    /// <summary>Factors kept (k).</summary>
    public required int Rank { get; init; }

    /// <summary>Loadings, row-major d×k: dimension i's loading on factor t at i·k + t.</summary>
    public required double[] Loadings { get; init; }

    /// <summary>Latent dimensions (d).</summary>
    [JsonIgnore]
    public int Dimensions => Rank == 0 ? 0 : Loadings.Length / Rank;

    /// <summary>Each dimension's own standard deviation, √(1 − |Fᵢ|²).</summary>
    private double[] Uniqueness => _uniqueness ??= Unique();

    /// <summary>Checks the loadings against the model's latent dimensions.</summary>
    public void Validate(int dimensions)
    {
        if (Rank < 1 || Rank > MaxFactors || Loadings.Length != (long)dimensions * Rank || Loadings.Any(l => !double.IsFinite(l)))
            throw new DoppelException(ErrorKind.Model, $"The model's correlation factors do not fit its {dimensions} latent dimensions.");
        for (int i = 0; i < dimensions; i++)
        {
            double sum = 0;
            for (int t = 0; t < Rank; t++) sum += Loadings[i * Rank + t] * Loadings[i * Rank + t];
            if (sum > 1) throw new DoppelException(ErrorKind.Model, $"The model's correlation factors give latent dimension {i} a variance above 1 ({sum:0.###}).");
        }
    }

    /// <summary>
    /// The randomized SVD of the standardized scores (unobserved rows at the mean): the eigenvalues of the latent
    /// correlation in the sketch, the loadings of each direction, and its row scores (the principal components).
    /// </summary>
    public static Decomposition Decompose(double[][] scores, Validity?[] observed, ulong seed)
    {
        int d = scores.Length, n = scores[0].Length;
        var x = new double[d][];
        Parallelism.For(0, d, j => x[j] = Standardized(scores[j], observed[j]));
        int l = Math.Max(1, Math.Min(MaxFactors + Oversampling, Math.Min(n, d)));
        var random = new RandomStream(seed, 0xFAC7_0000UL);
        var omega = new double[d * l];
        random.FillNormal(omega);
        var y = Times(x, omega, l, n);
        Orthonormalize(y);
        for (int q = 0; q < PowerIterations; q++)
        {
            y = Times(x, TransposeTimes(x, y), l, n);
            Orthonormalize(y);
        }
        var b = TransposeTimes(x, y);                  // d×l: Xᵀ·Q
        var small = Matrix.Build.Dense(l, l);  // Bᵀ·B = Qᵀ·X·Xᵀ·Q
        Parallelism.For(0, l, s =>
        {
            for (int t = 0; t <= s; t++)
            {
                double sum = 0;
                for (int j = 0; j < d; j++) sum += b[j * l + s] * b[j * l + t];
                small[s, t] = sum;
                small[t, s] = sum;
            }
        });
        var evd = small.Evd(Symmetricity.Symmetric);
        int[] order = [.. Enumerable.Range(0, l).OrderByDescending(t => evd.EigenValues[t].Real)];
        var eigen = new double[l];
        var loadings = new double[d * l];
        var components = new double[l][];
        for (int r = 0; r < l; r++)
        {
            int t = order[r];
            eigen[r] = Math.Max(0, evd.EigenValues[t].Real);
            var w = evd.EigenVectors.Column(t);
            for (int j = 0; j < d; j++)
            {
                double sum = 0;
                for (int s = 0; s < l; s++) sum += b[j * l + s] * w[s];
                loadings[j * l + r] = sum;
            }
            var u = new double[n];
            for (int s = 0; s < l; s++) MultiplyAdd(y[s], w[s], u);
            components[r] = u;
        }
        return new Decomposition(eigen, loadings, l, components, NoiseEdge(d, n));
    }

    /// <summary>The factor model of a decomposition: the factors above the noise edge, corrected for attenuation.</summary>
    public static LatentFactors? Of(Decomposition decomposition, double[] attenuation)
    {
        int k = decomposition.SignificantFactors;
        if (k == 0) return null;
        int d = attenuation.Length, l = decomposition.Width;
        var loadings = new double[d * k];
        for (int i = 0; i < d; i++)
        {
            double norm = 0;
            for (int t = 0; t < k; t++)
            {
                double f = decomposition.Loadings[i * l + t] / attenuation[i];
                loadings[i * k + t] = f;
                norm += f * f;
            }
            // A dimension cannot be explained beyond the correlation cap: its loadings are scaled down to it.
            if (norm > MaxCorrelation * MaxCorrelation)
            {
                double scale = MaxCorrelation / Math.Sqrt(norm);
                for (int t = 0; t < k; t++) loadings[i * k + t] *= scale;
            }
        }
        return new LatentFactors { Rank = k, Loadings = loadings };
    }

    /// <summary>
    /// Fills a batch's latent scores (column-major, <paramref name="count"/> per dimension): k common normals, then
    /// per dimension its loadings on them plus its own normal scaled by its uniqueness.
    /// </summary>
    public void Fill(Span<double> z, int count, ref RandomStream random, double[] scratch)
    {
        int k = Rank, d = Dimensions;
        var common = scratch.AsSpan(0, k * count);
        var own = scratch.AsSpan(k * count, count);
        random.FillNormal(common);
        var uniqueness = Uniqueness;
        for (int i = 0; i < d; i++)
        {
            var target = z.Slice(i * count, count);
            random.FillNormal(own);
            for (int r = 0; r < count; r++) target[r] = uniqueness[i] * own[r];
            for (int t = 0; t < k; t++)
            {
                double f = Loadings[i * k + t];
                if (f != 0) MultiplyAdd(common.Slice(t * count, count), f, target);
            }
        }
    }

    /// <summary>Scratch doubles <see cref="Fill"/> needs for a batch of <paramref name="count"/> rows.</summary>
    public int ScratchLength(int count) => (Rank + 1) * count;

    /// <summary>What <see cref="Decompose"/> finds.</summary>
    /// <param name="Eigenvalues">Eigenvalues of the latent correlation in the sketch, largest first.</param>
    /// <param name="Loadings">Row-major d×<paramref name="Width"/>: each dimension's loading on each direction.</param>
    /// <param name="Width">Directions in the sketch.</param>
    /// <param name="Components">Per direction, its unit-length row scores.</param>
    /// <param name="NoiseEdge">Largest eigenvalue pure noise would give.</param>
    internal sealed record Decomposition(double[] Eigenvalues, double[] Loadings, int Width, double[][] Components, double NoiseEdge)
    {
        /// <summary>Directions whose eigenvalue stands above the noise (at most <see cref="MaxFactors"/>).</summary>
        public int SignificantFactors => Math.Min(MaxFactors, Eigenvalues.Count(e => e > NoiseEdge));
    }

    /// <summary>The Marchenko–Pastur upper edge for d dimensions and n rows.</summary>
    private static double NoiseEdge(int d, int n) => Math.Pow(1 + Math.Sqrt((double)d / Math.Max(1, n - 1)), 2);

    /// <summary>(z − mean) / (sd·√(n − 1)) over observed rows, 0 elsewhere: so Xᵀ·X is the correlation matrix.</summary>
    private static double[] Standardized(double[] z, Validity? observed)
    {
        int n = z.Length;
        double sum = 0, squares = 0;
        long m = 0;
        for (int r = 0; r < n; r++)
        {
            if (observed is not null && !observed.IsValid(r)) continue;
            sum += z[r]; squares += z[r] * z[r]; m++;
        }
        var x = new double[n];
        if (m < 2) return x;
        double mean = sum / m, variance = (squares - m * mean * mean) / (m - 1);
        if (variance <= 1e-12) return x;
        double scale = 1 / Math.Sqrt(variance * (n - 1));
        for (int r = 0; r < n; r++)
            x[r] = observed is not null && !observed.IsValid(r) ? 0 : (z[r] - mean) * scale;
        return x;
    }

    /// <summary>X·M for M row-major d×l: l columns of n.</summary>
    private static double[][] Times(double[][] x, double[] m, int l, int n)
    {
        var y = new double[l][];
        Parallelism.For(0, l, t =>
        {
            var column = new double[n];
            for (int j = 0; j < x.Length; j++)
            {
                double f = m[j * l + t];
                if (f != 0) MultiplyAdd(x[j], f, column);
            }
            y[t] = column;
        });
        return y;
    }

    /// <summary>Xᵀ·Y for Y as l columns: row-major d×l.</summary>
    private static double[] TransposeTimes(double[][] x, double[][] y)
    {
        int l = y.Length;
        var result = new double[x.Length * l];
        Parallelism.For(0, x.Length, j =>
        {
            for (int t = 0; t < l; t++) result[j * l + t] = Dot(x[j], y[t]);
        });
        return result;
    }

    /// <summary>Modified Gram–Schmidt, twice for stability; a column that vanishes stays zero.</summary>
    private static void Orthonormalize(double[][] y)
    {
        for (int pass = 0; pass < 2; pass++)
            for (int t = 0; t < y.Length; t++)
            {
                for (int s = 0; s < t; s++) MultiplyAdd(y[s], -Dot(y[s], y[t]), y[t]);
                double norm = Math.Sqrt(Dot(y[t], y[t]));
                if (norm < 1e-12) { Array.Clear(y[t]); continue; }
                for (int r = 0; r < y[t].Length; r++) y[t][r] /= norm;
            }
    }

    private double[] Unique()
    {
        int k = Rank, d = Dimensions;
        var uniqueness = new double[d];
        for (int i = 0; i < d; i++)
        {
            double norm = 0;
            for (int t = 0; t < k; t++) norm += Loadings[i * k + t] * Loadings[i * k + t];
            uniqueness[i] = Math.Sqrt(Math.Max(0, 1 - norm));
        }
        return uniqueness;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<double>.Zero;
            for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
                acc += new Vector<double>(a[i..]) * new Vector<double>(b[i..]);
            sum = Vector.Sum(acc);
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>target += factor · source, vectorized.</summary>
    internal static void MultiplyAdd(ReadOnlySpan<double> source, double factor, Span<double> target)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<double>(factor);
            for (; i <= source.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(target[i..]) + new Vector<double>(source[i..]) * f).CopyTo(target[i..]);
        }
        for (; i < source.Length; i++) target[i] += factor * source[i];
    }
}
