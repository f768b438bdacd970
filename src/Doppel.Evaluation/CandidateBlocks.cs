using System.Numerics;

namespace Doppel.Evaluation;

/// <summary>
/// Rows of one table laid out for SIMD neighbour searches: blocks of <see cref="Lanes"/> rows, and within a block one
/// vector per column holding that column's distance values of the block's rows. The last block is padded.
/// </summary>
internal sealed class CandidateBlocks
{
    /// <summary>Rows per block: the width of <see cref="Vector{T}"/> of float.</summary>
    public static readonly int Lanes = Vector<float>.Count;

    /// <summary>The value of padding lanes (never read as results).</summary>
    private const float PadValue = 1e30f;

    private CandidateBlocks(float[] data, int[] rows, int[] columns)
    {
        Data = data;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Block-major distance values: block b, column j, lane l at ((b · columns) + j) · lanes + l.</summary>
    public float[] Data { get; }

    /// <summary>For candidate position r (block r / lanes, lane r % lanes): its row in the source table.</summary>
    public int[] Rows { get; }

    /// <summary>The encoded columns held, in scan order.</summary>
    public int[] Columns { get; }

    /// <summary>Number of candidate rows.</summary>
    public int Count => Rows.Length;

    /// <summary>Number of blocks.</summary>
    public int BlockCount => (Rows.Length + Lanes - 1) / Lanes;

    /// <summary>Lays out <paramref name="rows"/> of <paramref name="part"/> over <paramref name="columns"/>.</summary>
    public static CandidateBlocks Build(PrivacyEncoding encoding, PrivacyPart part, int[] rows, int[] columns)
    {
        int width = columns.Length, blocks = (rows.Length + Lanes - 1) / Lanes;
        var data = new float[blocks * width * Lanes];
        Array.Fill(data, PadValue);
        for (int r = 0; r < rows.Length; r++)
        {
            int block = r / Lanes, lane = r % Lanes;
            for (int j = 0; j < width; j++) data[(block * width + j) * Lanes + lane] = encoding.Value(part, rows[r], columns[j]);
        }
        return new CandidateBlocks(data, rows, columns);
    }

    /// <summary>Broadcasts the values of a query row over this layout's columns into <paramref name="query"/>.</summary>
    public void Broadcast(PrivacyEncoding encoding, PrivacyPart part, int row, Span<Vector<float>> query)
    {
        for (int j = 0; j < Columns.Length; j++) query[j] = new Vector<float>(encoding.Value(part, row, Columns[j]));
    }
}
