namespace Doppel.Synthesizers.Mst;

/// <summary>
/// Private-PGM's estimation step (McKenna, Sheldon and Miklau 2019) on a tree: the distribution of the form
/// p(x) ∝ exp(Σ_v φ_v(x_v) + Σ_edges θ_e(x_u, x_v)) whose marginals best fit every noisy measurement in weighted least
/// squares (weights 1/variance), found by entropic mirror descent with backtracking line search. On a tree, belief
/// propagation gives exact marginals, so each step is cheap; the result is consistent and non-negative, however
/// noisy the measurements. Pure post-processing: it never sees the data.
/// </summary>
internal sealed class TreeEstimator
{
    private readonly int[] _size;
    private readonly int[] _parent;
    private readonly int[] _order;
    private readonly List<int>[] _children;
    private readonly double[][] _phi;
    private readonly double[]?[] _theta; // per non-root node: θ over (parent, node), parent-major
    private readonly double[][] _y1, _w1;
    private readonly double[]?[] _y2; // per non-root node: the edge's measurement, parent-major, as shares
    private readonly double[] _w2;

    /// <summary>Per node its parent (−1 for the root).</summary>
    public IReadOnlyList<int> Parent => _parent;

    /// <summary>Nodes in sampling order: every parent before its children.</summary>
    public IReadOnlyList<int> Order => _order;

    /// <param name="sizes">Per node its number of codes.</param>
    /// <param name="edges">The tree's edges.</param>
    /// <param name="oneWay">Per node its noisy one-way counts.</param>
    /// <param name="oneWayVariance">Per node and code the noise variance of its count.</param>
    /// <param name="twoWay">Per edge its noisy counts, (A, B) with A's code slowest.</param>
    /// <param name="twoWayVariance">Per edge the noise variance of each count.</param>
    /// <param name="total">The estimated number of rows.</param>
    public TreeEstimator(int[] sizes, IReadOnlyList<(int A, int B)> edges, double[][] oneWay, double[][] oneWayVariance,
        IReadOnlyList<double[]> twoWay, IReadOnlyList<double> twoWayVariance, double total)
    {
        int d = sizes.Length;
        _size = sizes;
        _parent = new int[d];
        Array.Fill(_parent, -1);
        _children = [.. Enumerable.Range(0, d).Select(_ => new List<int>())];
        var adjacent = Enumerable.Range(0, d).Select(_ => new List<int>()).ToArray();
        for (int e = 0; e < edges.Count; e++) { adjacent[edges[e].A].Add(e); adjacent[edges[e].B].Add(e); }

        // Breadth-first from node 0 (and from any node a forest leaves unreached).
        var order = new List<int>();
        var seen = new bool[d];
        _theta = new double[d][];
        _y2 = new double[d][];
        _w2 = new double[d];
        for (int start = 0; start < d; start++)
        {
            if (seen[start]) continue;
            seen[start] = true;
            var queue = new Queue<int>([start]);
            while (queue.Count > 0)
            {
                int u = queue.Dequeue();
                order.Add(u);
                foreach (int e in adjacent[u])
                {
                    int v = edges[e].A == u ? edges[e].B : edges[e].A;
                    if (seen[v]) continue;
                    seen[v] = true;
                    _parent[v] = u;
                    _children[u].Add(v);
                    _theta[v] = new double[sizes[u] * sizes[v]];
                    _y2[v] = Transposed(twoWay[e], edges[e].A == u, sizes[u], sizes[v], total);
                    _w2[v] = total * total / twoWayVariance[e];
                    queue.Enqueue(v);
                }
            }
        }
        _order = [.. order];
        _y1 = [.. oneWay.Select(y => y.Select(c => c / total).ToArray())];
        _w1 = [.. oneWayVariance.Select(v => v.Select(x => total * total / x).ToArray())];
        // Start from independence at the clipped one-way shares.
        _phi = [.. _y1.Select(y => y.Select(s => Math.Log(Math.Max(s, 1e-6))).ToArray())];
    }

    /// <summary>Runs mirror descent; returns the final weighted squared error.</summary>
    public double Fit(int iterations = 2000)
    {
        var current = Marginals();
        double loss = Loss(current);
        double max = _w1.SelectMany(w => w).Concat(_w2.Where(w => w > 0)).DefaultIfEmpty(1).Max();
        double step = 1 / max;
        for (int t = 0; t < iterations && step > 1e-300; t++)
        {
            var (g1, g2) = Gradient(current);
            var phi = _phi.Select(p => (double[])p.Clone()).ToArray();
            var theta = _theta.Select(p => (double[]?)p?.Clone()).ToArray();
            while (true)
            {
                for (int v = 0; v < _phi.Length; v++)
                {
                    for (int x = 0; x < _phi[v].Length; x++) _phi[v][x] = phi[v][x] - step * g1[v][x];
                    if (_theta[v] is { } th) for (int j = 0; j < th.Length; j++) th[j] = theta[v]![j] - step * g2[v]![j];
                }
                var next = Marginals();
                double nextLoss = Loss(next);
                // Armijo: accept when the loss fell by at least half the first-order prediction.
                double predicted = Dot(g1, g2, current, next);
                if (loss - nextLoss >= 0.5 * predicted || step < 1e-300)
                {
                    bool converged = loss - nextLoss <= 1e-10 * Math.Max(loss, 1e-12);
                    current = next;
                    loss = nextLoss;
                    step *= 1.5;
                    if (converged && t > 50) return loss;
                    break;
                }
                step *= 0.5;
            }
        }
        return loss;
    }

    /// <summary>Per node its marginal; per non-root node the joint with its parent (parent-major).</summary>
    public (double[][] Nodes, double[]?[] Edges) Marginals()
    {
        int d = _size.Length;
        var inside = new double[d][];
        var up = new double[d][]; // message from a node to its parent, over the parent's codes
        var psi = new double[d][];
        for (int i = d - 1; i >= 0; i--)
        {
            int v = _order[i];
            inside[v] = Normalized(Exp(_phi[v]));
            foreach (int c in _children[v]) Multiply(inside[v], up[c]);
            Normalize(inside[v]);
            if (_parent[v] < 0) continue;
            int p = _parent[v], kp = _size[p], kv = _size[v];
            psi[v] = Exp(_theta[v]!);
            var m = new double[kp];
            for (int a = 0; a < kp; a++)
            {
                double s = 0;
                for (int b = 0; b < kv; b++) s += psi[v][a * kv + b] * inside[v][b];
                m[a] = s;
            }
            up[v] = Normalized(m);
        }
        var outside = new double[d][]; // everything above a node, over its codes
        var nodes = new double[d][];
        var edges = new double[d][];
        foreach (int v in _order)
        {
            if (_parent[v] < 0) outside[v] = [.. Enumerable.Repeat(1.0, _size[v])];
            else
            {
                int p = _parent[v], kp = _size[p], kv = _size[v];
                var above = AboveChild(p, v, outside, up);
                var o = new double[kv];
                var joint = new double[kp * kv];
                for (int a = 0; a < kp; a++)
                    for (int b = 0; b < kv; b++)
                    {
                        double w = above[a] * psi[v][a * kv + b];
                        o[b] += w;
                        joint[a * kv + b] = w * inside[v][b];
                    }
                outside[v] = Normalized(o);
                edges[v] = Normalized(joint);
            }
            var node = (double[])outside[v].Clone();
            Multiply(node, inside[v]);
            nodes[v] = Normalized(node);
        }
        return (nodes, edges);
    }

    /// <summary>The parent's outside message times its own factor and its other children's messages.</summary>
    private double[] AboveChild(int p, int child, double[][] outside, double[][] up)
    {
        var above = Exp(_phi[p]);
        Multiply(above, outside[p]);
        foreach (int c in _children[p]) if (c != child) Multiply(above, up[c]);
        return Normalized(above);
    }

    private double Loss((double[][] Nodes, double[]?[] Edges) m)
    {
        double loss = 0;
        for (int v = 0; v < _size.Length; v++)
        {
            for (int x = 0; x < _size[v]; x++) loss += 0.5 * _w1[v][x] * Square(m.Nodes[v][x] - _y1[v][x]);
            if (_y2[v] is { } y2) for (int j = 0; j < y2.Length; j++) loss += 0.5 * _w2[v] * Square(m.Edges[v]![j] - y2[j]);
        }
        return loss;
    }

    private (double[][] G1, double[]?[] G2) Gradient((double[][] Nodes, double[]?[] Edges) m)
    {
        var g1 = new double[_size.Length][];
        var g2 = new double[_size.Length][];
        for (int v = 0; v < _size.Length; v++)
        {
            g1[v] = [.. Enumerable.Range(0, _size[v]).Select(x => _w1[v][x] * (m.Nodes[v][x] - _y1[v][x]))];
            if (_y2[v] is { } y2) g2[v] = [.. Enumerable.Range(0, y2.Length).Select(j => _w2[v] * (m.Edges[v]![j] - y2[j]))];
        }
        return (g1, g2);
    }

    private static double Dot(double[][] g1, double[]?[] g2, (double[][] Nodes, double[]?[] Edges) from, (double[][] Nodes, double[]?[] Edges) to)
    {
        double s = 0;
        for (int v = 0; v < g1.Length; v++)
        {
            for (int x = 0; x < g1[v].Length; x++) s += g1[v][x] * (from.Nodes[v][x] - to.Nodes[v][x]);
            if (g2[v] is { } g) for (int j = 0; j < g.Length; j++) s += g[j] * (from.Edges[v]![j] - to.Edges[v]![j]);
        }
        return s;
    }

    private static double[] Transposed(double[] counts, bool parentFirst, int kp, int kv, double total)
    {
        var shares = new double[kp * kv];
        for (int a = 0; a < kp; a++)
            for (int b = 0; b < kv; b++)
                shares[a * kv + b] = (parentFirst ? counts[a * kv + b] : counts[b * kp + a]) / total;
        return shares;
    }

    private static double[] Exp(double[] logits)
    {
        double max = logits.Max();
        return [.. logits.Select(l => Math.Exp(l - max))];
    }

    private static void Multiply(double[] into, double[] by) { for (int i = 0; i < into.Length; i++) into[i] *= by[i]; }

    private static double[] Normalized(double[] values)
    {
        Normalize(values);
        return values;
    }

    private static void Normalize(double[] values)
    {
        double sum = values.Sum();
        if (sum > 0 && double.IsFinite(sum)) for (int i = 0; i < values.Length; i++) values[i] /= sum;
        else Array.Fill(values, 1.0 / values.Length);
    }

    private static double Square(double x) => x * x;
}
