using System.Buffers;
using System.Numerics;
using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;

namespace Doppel.Synthesizers;

/// <summary>
/// The Gaussian copula's (and the independent baseline's) generator: latent normals correlated through a Cholesky
/// factor (none for the baseline) or, for a wide table, through latent factors, decoded column by column.
/// </summary>
internal sealed class CopulaGenerator : ModelGenerator
{
    private readonly int[] _offsets; // first latent dimension of each column

    public CopulaGenerator(ColumnModel[] columns, double[]? cholesky, LatentFactors? factors = null)
    {
        Columns = columns;
        Cholesky = cholesky;
        Factors = factors;
        _offsets = new int[columns.Length];
        int d = 0;
        for (int c = 0; c < columns.Length; c++) { _offsets[c] = d; d += columns[c].Dimensions; }
        Dimensions = d;
        if (cholesky is not null && cholesky.Length != d * d)
            throw new DoppelException(ErrorKind.Model, $"The model's correlation factor has {cholesky.Length} entries, expected {d * d}.");
        if (factors is not null && cholesky is not null)
            throw new DoppelException(ErrorKind.Model, "The model holds both a dense correlation factor and latent factors.");
        factors?.Validate(d);
    }

    public ColumnModel[] Columns { get; }

    /// <summary>The first latent dimension of column <paramref name="column"/>.</summary>
    public int Offset(int column) => _offsets[column];

    public double[]? Cholesky { get; }

    /// <summary>A wide table's correlation as latent factors (instead of <see cref="Cholesky"/>), or null.</summary>
    public LatentFactors? Factors { get; }

    public int Dimensions { get; }

    public override void Validate(TableMetadata metadata)
    {
        if (Columns.Length != metadata.Columns.Count)
            throw new DoppelException(ErrorKind.Model, "The model's column models do not match its metadata.");
    }

    /// <summary>One batch: latent normals, correlated through the Cholesky factor, decoded column by column.</summary>
    public override Table SampleBatch(long batch, long firstRow, int count, ulong seed) => SampleBatch(batch, firstRow, count, seed, null);

    /// <inheritdoc/>
    public override Func<long, long, int, ulong, Table>? ConditionalBatches(IReadOnlyDictionary<string, Expressions.ColumnCondition> conditions, TableMetadata metadata)
    {
        // The conditional sampler needs the dense correlation; a factor model's conditions are met by filtering.
        if (Factors is not null || CopulaConditional.For(this, conditions, metadata) is not { } conditional) return null;
        if (conditional.Mass <= 0)
            throw new DoppelException(ErrorKind.Unsatisfiable, "The condition asks for values the model never generates (a category it does not know, or a range outside the data).");
        return (batch, first, count, seed) => SampleBatch(batch, first, count, seed, conditional);
    }

    /// <summary>One batch; with <paramref name="conditional"/>, the latent scores come from its conditional distribution.</summary>
    private Table SampleBatch(long batch, long firstRow, int count, ulong seed, CopulaConditional? conditional)
    {
        int d = Dimensions;
        // Pooled scratch: the latent scores never outlive the batch.
        var pool = ArrayPool<double>.Shared;
        var zArray = pool.Rent(Math.Max(1, d * count));
        var epsilonArray = pool.Rent(Factors?.ScratchLength(count) ?? count);
        try
        {
            var z = zArray.AsSpan(0, d * count);
            var epsilon = epsilonArray.AsSpan(0, count);
            var latent = new RandomStream(seed, (ulong)batch << 16);
            if (conditional is not null)
            {
                conditional.Fill(z, epsilon, count, ref latent);
            }
            else if (Factors is not null)
            {
                Factors.Fill(z, count, ref latent, epsilonArray);
            }
            else if (Cholesky is null)
            {
                latent.FillNormal(z);
            }
            else
            {
                z.Clear();
                for (int k = 0; k < d; k++)
                {
                    latent.FillNormal(epsilon);
                    for (int i = k; i < d; i++)
                    {
                        double l = Cholesky[i * d + k];
                        if (l != 0) MultiplyAdd(epsilon, l, z.Slice(i * count, count));
                    }
                }
            }
            var columns = new Column[Columns.Length];
            for (int c = 0; c < Columns.Length; c++)
            {
                var random = new RandomStream(seed, ((ulong)batch << 16) + 1 + (ulong)c);
                var slice = z.Slice(_offsets[c] * count, Columns[c].Dimensions * count);
                columns[c] = Columns[c].Decode(slice, count, firstRow, ref random);
            }
            return new Table(columns, count);
        }
        finally
        {
            pool.Return(zArray);
            pool.Return(epsilonArray);
        }
    }

    /// <summary>target += factor · source, vectorized.</summary>
    private static void MultiplyAdd(ReadOnlySpan<double> source, double factor, Span<double> target)
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
