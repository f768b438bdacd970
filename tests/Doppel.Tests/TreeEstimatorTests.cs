using Doppel.Synthesizers.Mst;

namespace Doppel.Tests;

public class TreeEstimatorTests
{
    /// <summary>A chain a → b → c with known tables: exact measurements must give back the exact marginals.</summary>
    [Fact]
    public void Fit_ExactMeasurementsOfAChain_RecoverTheTrueMarginals()
    {
        double[] pa = [0.2, 0.5, 0.3];
        double[,] pb = { { 0.9, 0.1 }, { 0.3, 0.7 }, { 0.5, 0.5 } }; // P(b | a)
        double[,] pc = { { 0.6, 0.3, 0.1, 0.0 }, { 0.1, 0.2, 0.3, 0.4 } }; // P(c | b)
        const double total = 10_000;
        var ab = new double[3 * 2];
        var bc = new double[2 * 4];
        var a1 = new double[3];
        var b1 = new double[2];
        var c1 = new double[4];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 2; b++)
                for (int c = 0; c < 4; c++)
                {
                    double p = total * pa[a] * pb[a, b] * pc[b, c];
                    ab[a * 2 + b] += p;
                    bc[b * 4 + c] += p;
                    a1[a] += p;
                    b1[b] += p;
                    c1[c] += p;
                }
        // Edge (c, b) is given with c first, to check the orientation is handled.
        var cb = new double[4 * 2];
        for (int b = 0; b < 2; b++) for (int c = 0; c < 4; c++) cb[c * 2 + b] = bc[b * 4 + c];
        var estimator = new TreeEstimator([3, 2, 4], [(0, 1), (2, 1)], [a1, b1, c1],
            [[1, 1, 1], [1, 1], [1, 1, 1, 1]], [ab, cb], [1, 1], total);
        estimator.Fit(5_000);
        var (nodes, joints) = estimator.Marginals();
        for (int x = 0; x < 4; x++) Assert.Equal(c1[x] / total, nodes[2][x], 3);
        for (int x = 0; x < 3; x++) Assert.Equal(pa[x], nodes[0][x], 3);
        // Node 0 is the root; b's joint with a (parent-major) and c's with b.
        Assert.Equal(-1, estimator.Parent[0]);
        for (int j = 0; j < 6; j++) Assert.Equal(ab[j] / total, joints[1]![j], 3);
        for (int j = 0; j < 8; j++) Assert.Equal(bc[j] / total, joints[2]![j], 3);
        Assert.Equal([0, 1, 2], estimator.Order);
    }

    /// <summary>Negative, inconsistent noisy counts still give a proper distribution (non-negative, summing to one).</summary>
    [Fact]
    public void Fit_NoisyInconsistentMeasurements_GiveAConsistentDistribution()
    {
        var estimator = new TreeEstimator([2, 2], [(0, 1)], [[60, -5], [20, 50]], [[100, 100], [100, 100]],
            [new double[] { 30, -10, 25, 5 }], [100], 55);
        estimator.Fit();
        var (nodes, joints) = estimator.Marginals();
        Assert.All(joints[1]!, p => Assert.InRange(p, 0, 1));
        Assert.Equal(1, joints[1]!.Sum(), 9);
        // The node marginal is the joint's margin.
        Assert.Equal(joints[1]![0] + joints[1]![2], nodes[1][0], 9);
    }
}
