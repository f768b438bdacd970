using Doppel.Data;

namespace Doppel.Evaluation;

/// <summary>
/// A numerical or datetime column of both tables as doubles (datetimes as ticks): every row, NaN for null, and
/// the non-null values sorted.
/// </summary>
internal sealed class NumericValues
{
    private NumericValues(double[] real, double[] synthetic)
    {
        Real = real;
        Synthetic = synthetic;
        RealSorted = SortedNonNull(real);
        SyntheticSorted = SortedNonNull(synthetic);
    }

    /// <summary>Real values by row; NaN for null.</summary>
    public double[] Real { get; }

    /// <summary>Synthetic values by row; NaN for null.</summary>
    public double[] Synthetic { get; }

    /// <summary>The real non-null values, ascending.</summary>
    public double[] RealSorted { get; }

    /// <summary>The synthetic non-null values, ascending.</summary>
    public double[] SyntheticSorted { get; }

    /// <summary>Reads the column from both tables (checked by <see cref="TablePair"/> to be numbers or datetimes).</summary>
    public static NumericValues Of(Column real, Column synthetic) => new(Read(real), Read(synthetic));

    /// <summary>The values of a number or datetime column, NaN for null (a NaN value also counts as null).</summary>
    public static double[] Read(Column column)
    {
        var result = new double[column.Length];
        switch (column)
        {
            case NumberColumn n:
                for (int i = 0; i < result.Length; i++) result[i] = column.IsNull(i) ? double.NaN : n.Values[i];
                break;
            case DateTimeColumn d:
                for (int i = 0; i < result.Length; i++) result[i] = column.IsNull(i) ? double.NaN : d.Ticks[i];
                break;
            default:
                throw new InvalidOperationException($"Column '{column.Name}' is not numeric.");
        }
        return result;
    }

    private static double[] SortedNonNull(double[] values)
    {
        var result = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(result);
        return result;
    }
}
