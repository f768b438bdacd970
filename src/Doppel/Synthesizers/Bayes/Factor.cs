namespace Doppel.Synthesizers.Bayes;

/// <summary>
/// A dense non-negative function of a few discrete columns (their codes), the unit of variable elimination:
/// values in mixed radix, the first variable slowest.
/// </summary>
internal sealed class Factor
{
    public Factor(int[] vars, int[] radix, double[] values)
    {
        Vars = vars;
        Radix = radix;
        Values = values;
    }

    /// <summary>The columns (metadata indices).</summary>
    public int[] Vars { get; }

    /// <summary>Per variable: its number of codes.</summary>
    public int[] Radix { get; }

    /// <summary>One value per assignment.</summary>
    public double[] Values { get; }

    /// <summary>Cells a factor over <paramref name="radix"/> would have (saturating, to test against a limit).</summary>
    public static long SizeOf(IEnumerable<int> radix) => radix.Aggregate(1L, (a, r) => a > int.MaxValue ? a : a * r);

    /// <summary>The product of <paramref name="factors"/> over the scope <paramref name="vars"/> (which covers theirs).</summary>
    public static Factor Product(IReadOnlyList<Factor> factors, int[] vars, int[] radix)
    {
        int n = vars.Length;
        var values = new double[SizeOf(radix)];
        // Per factor, the stride of each scope variable in that factor (0 when it does not appear).
        var strides = new int[factors.Count][];
        for (int f = 0; f < factors.Count; f++)
        {
            strides[f] = new int[n];
            int stride = 1;
            for (int v = factors[f].Vars.Length - 1; v >= 0; v--)
            {
                strides[f][Array.IndexOf(vars, factors[f].Vars[v])] = stride;
                stride *= factors[f].Radix[v];
            }
        }
        var assignment = new int[n];
        var index = new int[factors.Count];
        for (int cell = 0; cell < values.Length; cell++)
        {
            double product = 1;
            for (int f = 0; f < factors.Count && product != 0; f++) product *= factors[f].Values[index[f]];
            values[cell] = product;
            // Odometer step, last variable fastest, keeping each factor's index in step.
            for (int v = n - 1; v >= 0; v--)
            {
                if (++assignment[v] < radix[v])
                {
                    for (int f = 0; f < index.Length; f++) index[f] += strides[f][v];
                    break;
                }
                for (int f = 0; f < index.Length; f++) index[f] -= strides[f][v] * (radix[v] - 1);
                assignment[v] = 0;
            }
        }
        return new Factor(vars, radix, values);
    }

    /// <summary>This factor with its last variable summed out.</summary>
    public Factor SumOutLast()
    {
        int last = Radix[^1];
        var values = new double[Values.Length / last];
        for (int i = 0; i < values.Length; i++)
        {
            double sum = 0;
            for (int c = 0; c < last; c++) sum += Values[i * last + c];
            values[i] = sum;
        }
        return new Factor(Vars[..^1], Radix[..^1], values);
    }
}
