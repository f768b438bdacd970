using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Doppel.Evaluation;

/// <summary>
/// Brute-force nearest-neighbour searches over <see cref="CandidateBlocks"/>: a block of rows at a time, summing the
/// capped per-column terms min(|a − b|, 1) in scan order, and leaving a block as soon as every lane's partial sum
/// has reached the current bound (terms are never negative, so such rows can no longer change the result).
/// Distances are returned as sums over the layout's columns; divide by the column count for the Gower mean.
/// Results do not depend on the vector width or on which thread runs the search.
/// </summary>
internal static class NearestNeighbors
{
    /// <summary>Lowers <paramref name="best"/> and <paramref name="second"/> to the two smallest distances to a candidate.</summary>
    public static void TopTwo(CandidateBlocks candidates, ReadOnlySpan<Vector<float>> query, ref float best, ref float second)
    {
        var data = MemoryMarshal.Cast<float, Vector<float>>(candidates.Data);
        int width = query.Length, lanes = CandidateBlocks.Lanes, count = candidates.Count;
        for (int b = 0, blocks = candidates.BlockCount; b < blocks; b++)
        {
            if (!Sum(data.Slice(b * width, width), query, second, out var sum)) continue;
            for (int l = 0, end = Math.Min(lanes, count - b * lanes); l < end; l++)
            {
                float s = sum[l];
                if (s < best) { second = best; best = s; }
                else if (s < second) second = s;
            }
        }
    }

    /// <summary>Lowers <paramref name="best"/> to the smallest distance to a candidate.</summary>
    public static void Nearest(CandidateBlocks candidates, ReadOnlySpan<Vector<float>> query, ref float best)
    {
        var data = MemoryMarshal.Cast<float, Vector<float>>(candidates.Data);
        int width = query.Length, lanes = CandidateBlocks.Lanes, count = candidates.Count;
        for (int b = 0, blocks = candidates.BlockCount; b < blocks; b++)
        {
            if (!Sum(data.Slice(b * width, width), query, best, out var sum)) continue;
            for (int l = 0, end = Math.Min(lanes, count - b * lanes); l < end; l++) best = Math.Min(best, sum[l]);
        }
    }

    /// <summary>
    /// The <c>k = distances.Length</c> nearest candidates, nearest first, as positions in <paramref name="candidates"/>
    /// (ties go to the lower position). Fills <paramref name="distances"/> and <paramref name="positions"/>.
    /// </summary>
    public static void TopK(CandidateBlocks candidates, ReadOnlySpan<Vector<float>> query, Span<float> distances, Span<int> positions)
    {
        distances.Fill(float.PositiveInfinity);
        positions.Fill(-1);
        var data = MemoryMarshal.Cast<float, Vector<float>>(candidates.Data);
        int width = query.Length, lanes = CandidateBlocks.Lanes, count = candidates.Count, k = distances.Length;
        for (int b = 0, blocks = candidates.BlockCount; b < blocks; b++)
        {
            if (!Sum(data.Slice(b * width, width), query, distances[k - 1], out var sum)) continue;
            for (int l = 0, end = Math.Min(lanes, count - b * lanes); l < end; l++)
            {
                float s = sum[l];
                if (!(s < distances[k - 1])) continue;
                int at = k - 1;
                while (at > 0 && distances[at - 1] > s)
                {
                    distances[at] = distances[at - 1];
                    positions[at] = positions[at - 1];
                    at--;
                }
                distances[at] = s;
                positions[at] = b * lanes + l;
            }
        }
    }

    /// <summary>
    /// The distance sums of one block; false when no lane can be below <paramref name="bound"/> (then the sums may be
    /// partial).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Sum(ReadOnlySpan<Vector<float>> block, ReadOnlySpan<Vector<float>> query, float bound, out Vector<float> sum)
    {
        var one = Vector<float>.One;
        var limit = new Vector<float>(bound);
        var s = Vector<float>.Zero;
        int width = query.Length, j = 0;
        for (; j + 1 < width; j += 2)
        {
            s += Vector.Min(Vector.Abs(block[j] - query[j]), one);
            s += Vector.Min(Vector.Abs(block[j + 1] - query[j + 1]), one);
            if (Vector.GreaterThanOrEqualAll(s, limit))
            {
                sum = s;
                return false;
            }
        }
        if (j < width) s += Vector.Min(Vector.Abs(block[j] - query[j]), one);
        sum = s;
        return Vector.LessThanAny(s, limit);
    }
}
