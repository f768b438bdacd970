namespace Doppel.Synthesizers.Trees;

/// <summary>
/// Grows one CART tree, depth first, by histogram split search: per node and predictor, per-bin class counts
/// (Gini) or score sums (squared error), scanned over ordered bins; categories ordered by their target mean
/// (for several classes: by the share of each of the node's two largest classes), the standard exact-for-two-classes
/// shortcut to the best binary partition. Deterministic: ties keep the first predictor and the first cut.
/// </summary>
internal sealed class TreeBuilder
{
    private readonly Predictor[] _predictors;
    private readonly TreeTarget _target;
    private readonly TreeSettings _settings;
    private readonly int _stride; // per-bin histogram width: the classes, or (rows, scored rows, score sum)
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly double[] _hist;
    private readonly double[] _binRows;
    private readonly double[] _left;
    private readonly double[] _total;
    private readonly List<int> _feature = [], _leftChild = [], _rightChild = [], _maskStart = [];
    private readonly List<double> _threshold = [];
    private readonly List<bool> _nullLeft = [];
    private readonly List<ulong> _masks = [];
    private readonly List<(int Start, int End)> _leaves = [];
    private double _minGain;

    private TreeBuilder(Predictor[] predictors, TreeTarget target, TreeSettings settings, int rowCount)
    {
        _predictors = predictors;
        _target = target;
        _settings = settings;
        _stride = target.Classes > 0 ? target.Classes : 3;
        _rows = [.. Enumerable.Range(0, rowCount)];
        _scratch = new int[rowCount];
        int maxBins = predictors.Length == 0 ? 1 : predictors.Max(p => p.Bins);
        _hist = new double[maxBins * _stride];
        _binRows = new double[maxBins];
        _left = new double[_stride];
        _total = new double[_stride];
    }

    /// <summary>Fits a tree; returns it with the training rows of each leaf (for the leaf summaries, then dropped).</summary>
    public static (DecisionTree Tree, int[][] LeafRows) Build(Predictor[] predictors, TreeTarget target, TreeSettings settings, int rowCount)
    {
        var builder = new TreeBuilder(predictors, target, settings, rowCount);
        builder._minGain = Math.Max(settings.Complexity * builder.RootRisk(), 1e-9);
        builder.Grow(0, rowCount, 0);
        var tree = new DecisionTree
        {
            Feature = [.. builder._feature],
            Threshold = [.. builder._threshold],
            NullLeft = [.. builder._nullLeft],
            MaskStart = [.. builder._maskStart],
            Masks = [.. builder._masks],
            Left = [.. builder._leftChild],
            Right = [.. builder._rightChild],
        };
        var leaves = builder._leaves.Select(l => builder._rows[l.Start..l.End]).ToArray();
        return (tree, leaves);
    }

    private double RootRisk()
    {
        if (_target.Labels is { } labels)
        {
            var counts = new double[_target.Classes];
            foreach (int l in labels) counts[l]++;
            return labels.Length - counts.Sum(c => c * c) / Math.Max(1, labels.Length);
        }
        double s = 0, sq = 0, m = 0;
        foreach (double v in _target.Scores!) if (!double.IsNaN(v)) { s += v; sq += v * v; m++; }
        return m == 0 ? 0 : sq - s * s / m;
    }

    private int Grow(int start, int end, int depth)
    {
        int node = _feature.Count;
        _feature.Add(-1); _threshold.Add(0); _nullLeft.Add(false); _maskStart.Add(-1); _leftChild.Add(0); _rightChild.Add(0);
        if (end - start >= _settings.MinSplit && end - start >= 2 * _settings.MinLeaf && depth < _settings.MaxDepth
            && FindSplit(start, end) is { } split)
        {
            var p = _predictors[split.Predictor];
            _feature[node] = p.Column;
            if (p.Categorical)
            {
                _maskStart[node] = _masks.Count;
                var words = new ulong[(p.Bins + 63) / 64];
                for (int c = 0; c < p.Bins; c++) if (split.LeftCodes![c]) words[c >> 6] |= 1UL << (c & 63);
                _masks.AddRange(words);
            }
            else
            {
                _threshold[node] = split.Bin < 0 ? double.MinValue : split.Bin >= p.Cuts.Length ? double.MaxValue : p.Cuts[split.Bin];
                _nullLeft[node] = split.NullLeft;
            }
            int mid = Partition(start, end, p, split);
            int left = Grow(start, mid, depth + 1);
            int right = Grow(mid, end, depth + 1);
            _leftChild[node] = left;
            _rightChild[node] = right;
        }
        else
        {
            _leftChild[node] = _leaves.Count;
            _leaves.Add((start, end));
        }
        return node;
    }

    /// <summary>A chosen split: numbers go left up to bin <see cref="Bin"/> (−1: none), categories by <see cref="LeftCodes"/>.</summary>
    private sealed record Split(int Predictor, double Gain, int Bin, bool NullLeft, bool[]? LeftCodes);

    private Split? FindSplit(int start, int end)
    {
        Split? best = null;
        var order = new List<int>();
        for (int pi = 0; pi < _predictors.Length; pi++)
        {
            var p = _predictors[pi];
            FillHistogram(p, start, end);
            order.Clear();
            if (p.Categorical)
            {
                for (int b = 0; b < p.Bins; b++) if (_binRows[b] > 0) order.Add(b);
                if (order.Count < 2) continue;
                foreach (var key in OrderingKeys())
                {
                    var sorted = order.OrderBy(b => key(b)).ThenBy(b => b).ToList();
                    var (gain, cut) = Scan(sorted);
                    if (cut >= 0 && gain > (best?.Gain ?? _minGain))
                    {
                        var codes = new bool[p.Bins];
                        for (int j = 0; j <= cut; j++) codes[sorted[j]] = true;
                        best = new Split(pi, gain, 0, false, codes);
                    }
                }
            }
            else
            {
                for (int b = 0; b < p.NullBin; b++) if (_binRows[b] > 0) order.Add(b);
                bool nulls = _binRows[p.NullBin] > 0;
                if (order.Count + (nulls ? 1 : 0) < 2) continue;
                if (!nulls)
                {
                    var (gain, cut) = Scan(order);
                    if (cut >= 0 && gain > (best?.Gain ?? _minGain)) best = new Split(pi, gain, order[cut], false, null);
                    continue;
                }
                // Nulls first (they go left with the low values) or last (they go right).
                order.Insert(0, p.NullBin);
                var (g1, c1) = Scan(order);
                if (c1 >= 0 && g1 > (best?.Gain ?? _minGain)) best = new Split(pi, g1, c1 == 0 ? -1 : order[c1], true, null);
                order.RemoveAt(0);
                order.Add(p.NullBin);
                var (g2, c2) = Scan(order);
                if (c2 >= 0 && g2 > (best?.Gain ?? _minGain)) best = new Split(pi, g2, order[c2], false, null);
            }
        }
        return best;
    }

    /// <summary>Sort keys for category bins: mean score, or the share of each of the node's two largest classes.</summary>
    private IEnumerable<Func<int, double>> OrderingKeys()
    {
        int s = _stride;
        if (_target.Classes == 0)
        {
            yield return b => _hist[b * s + 1] > 0 ? _hist[b * s + 2] / _hist[b * s + 1] : -1;
            yield break;
        }
        var largest = Enumerable.Range(0, s).OrderByDescending(c => _total[c]).ThenBy(c => c).Take(s == 2 ? 1 : 2).ToArray();
        foreach (int c in largest)
            yield return b => _hist[b * s + c] / _binRows[b];
    }

    private void FillHistogram(Predictor p, int start, int end)
    {
        int s = _stride;
        Array.Clear(_hist, 0, p.Bins * s);
        Array.Clear(_binRows, 0, p.Bins);
        var codes = p.NarrowCodes;
        if (_target.Labels is { } labels)
        {
            for (int j = start; j < end; j++)
            {
                int row = _rows[j];
                _hist[codes[row] * s + labels[row]]++;
            }
            for (int b = 0; b < p.Bins; b++)
            {
                double n = 0;
                for (int c = 0; c < s; c++) n += _hist[b * s + c];
                _binRows[b] = n;
            }
        }
        else
        {
            var scores = _target.Scores!;
            for (int j = start; j < end; j++)
            {
                int row = _rows[j];
                int at = codes[row] * s;
                _hist[at]++;
                double v = scores[row];
                if (!double.IsNaN(v)) { _hist[at + 1]++; _hist[at + 2] += v; }
            }
            for (int b = 0; b < p.Bins; b++) _binRows[b] = _hist[b * s];
        }
        Array.Clear(_total);
        for (int b = 0; b < p.Bins; b++)
            for (int c = 0; c < s; c++) _total[c] += _hist[b * s + c];
    }

    /// <summary>Best cut of the bins in <paramref name="order"/>: left takes order[0..cut]. Returns the gain and the cut (−1: none).</summary>
    private (double Gain, int Cut) Scan(List<int> order)
    {
        int s = _stride;
        int minLeaf = _settings.MinLeaf;
        Array.Clear(_left);
        double n = 0;
        for (int c = 0; c < s && _target.Classes > 0; c++) n += _total[c];
        if (_target.Classes == 0) n = _total[0];
        double bestGain = double.NegativeInfinity;
        int bestCut = -1;
        if (_target.Classes > 0)
        {
            double sqTotal = 0;
            for (int c = 0; c < s; c++) sqTotal += _total[c] * _total[c];
            double sqLeft = 0, sqRight = sqTotal, nLeft = 0;
            for (int j = 0; j < order.Count - 1; j++)
            {
                int at = order[j] * s;
                for (int c = 0; c < s; c++)
                {
                    double h = _hist[at + c];
                    if (h == 0) continue;
                    double l = _left[c], r = _total[c] - l;
                    sqLeft += h * (2 * l + h);
                    sqRight += h * (h - 2 * r);
                    _left[c] = l + h;
                }
                nLeft += _binRows[order[j]];
                double nRight = n - nLeft;
                if (nLeft < minLeaf || nRight < minLeaf) continue;
                double gain = sqLeft / nLeft + sqRight / nRight - sqTotal / n;
                if (gain > bestGain) { bestGain = gain; bestCut = j; }
            }
        }
        else
        {
            double m = _total[1], sum = _total[2];
            double nLeft = 0, mLeft = 0, sLeft = 0;
            double baseline = m > 0 ? sum * sum / m : 0;
            for (int j = 0; j < order.Count - 1; j++)
            {
                int at = order[j] * s;
                nLeft += _hist[at];
                mLeft += _hist[at + 1];
                sLeft += _hist[at + 2];
                double nRight = n - nLeft;
                if (nLeft < minLeaf || nRight < minLeaf) continue;
                double mRight = m - mLeft, sRight = sum - sLeft;
                double gain = (mLeft > 0 ? sLeft * sLeft / mLeft : 0) + (mRight > 0 ? sRight * sRight / mRight : 0) - baseline;
                if (gain > bestGain) { bestGain = gain; bestCut = j; }
            }
        }
        return (bestGain, bestCut);
    }

    /// <summary>Stable partition of the node's rows: those going left first. Returns the first right row.</summary>
    private int Partition(int start, int end, Predictor p, Split split)
    {
        var codes = p.NarrowCodes;
        int l = start, r = 0;
        for (int j = start; j < end; j++)
        {
            int row = _rows[j];
            int code = codes[row];
            bool left = p.Categorical ? split.LeftCodes![code]
                : code == p.NullBin ? split.NullLeft : code <= split.Bin;
            if (left) _rows[l++] = row;
            else _scratch[r++] = row;
        }
        Array.Copy(_scratch, 0, _rows, l, r);
        return l;
    }
}
