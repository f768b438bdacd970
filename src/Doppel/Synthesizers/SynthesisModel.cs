using System.Buffers;
using System.Numerics;
using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Sampling;
using Doppel.Synthesizers.Columns;

namespace Doppel.Synthesizers;

/// <summary>
/// A fitted model: immutable and thread-safe. Holds statistics (quantile knots, category shares, shapes, a
/// correlation factor), never input rows. Sampling is a pure function of (model, seed, rows).
/// </summary>
public sealed class SynthesisModel
{
    private readonly int[] _offsets; // first latent dimension of each column

    internal SynthesisModel(string synthesizer, TableMetadata metadata, ColumnModel[] columns, double[]? cholesky, SourceFingerprint source, SynthesizerOptions options)
    {
        Synthesizer = synthesizer;
        Metadata = metadata;
        Columns = columns;
        Cholesky = cholesky;
        Source = source;
        Options = options;
        _offsets = new int[columns.Length];
        int d = 0;
        for (int c = 0; c < columns.Length; c++) { _offsets[c] = d; d += columns[c].Dimensions; }
        Dimensions = d;
        if (cholesky is not null && cholesky.Length != d * d)
            throw new DoppelException(ErrorKind.Model, $"The model's correlation factor has {cholesky.Length} entries, expected {d * d}.");
    }

    /// <summary>The synthesizer that made the model.</summary>
    public string Synthesizer { get; }

    /// <summary>The metadata of the table the model generates.</summary>
    public TableMetadata Metadata { get; }

    /// <summary>Rows in the training data.</summary>
    public long TrainingRows => Source.Rows;

    /// <summary>Fingerprints of the training data and metadata (for the provenance manifest).</summary>
    public SourceFingerprint Source { get; }

    /// <summary>The options the model was fitted with.</summary>
    public SynthesizerOptions Options { get; }

    internal ColumnModel[] Columns { get; }

    internal double[]? Cholesky { get; }

    internal int Dimensions { get; }

    /// <summary>Streams <paramref name="rows"/> synthetic rows into <paramref name="writer"/>.</summary>
    /// <remarks>Parallel over batches; byte-identical output for the same seed whatever <see cref="SampleOptions.Threads"/>.</remarks>
    public void Sample(long rows, SampleOptions options, ITableWriter writer, IProgress<long>? progress = null, CancellationToken cancel = default)
    {
        if (rows < 0) throw new DoppelException(ErrorKind.Usage, $"The number of rows must be 0 or more, not {rows}.");
        SamplingPipeline.Run(this, rows, options, writer, progress, cancel);
    }

    /// <summary>Samples <paramref name="rows"/> rows into one in-memory table.</summary>
    public Table Sample(int rows, SampleOptions options)
    {
        using var memory = new MemoryTableWriter();
        Sample(rows, options, memory);
        return TableConcat.Concat(memory.Batches, Metadata, rows);
    }

    /// <summary>One batch: latent normals, correlated through the Cholesky factor, decoded column by column.</summary>
    internal Table SampleBatch(long batch, long firstRow, int count, ulong seed)
    {
        int d = Dimensions;
        // Pooled scratch: the latent scores never outlive the batch.
        var pool = ArrayPool<double>.Shared;
        var zArray = pool.Rent(Math.Max(1, d * count));
        var epsilonArray = pool.Rent(count);
        var z = zArray.AsSpan(0, d * count);
        var epsilon = epsilonArray.AsSpan(0, count);
        var latent = new RandomStream(seed, (ulong)batch << 16);
        if (Cholesky is null)
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
        pool.Return(zArray);
        pool.Return(epsilonArray);
        return new Table(columns, count);
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
