namespace Doppel.Evaluation.ML;

/// <summary>
/// Encoded rows in compact form: per row the numeric features (NaN for null) and, per categorical column, the
/// one slot of its block that is hot. <see cref="Fill"/> expands a row into the dense vector.
/// </summary>
internal sealed class FeatureMatrix
{
    private readonly int _numeric, _categorical;
    private readonly float[] _numbers;
    private readonly int[] _hot;

    public FeatureMatrix(int rows, int width, int[] categoricalRanges, int numeric, int categorical, float[] numbers, int[] hot)
    {
        Rows = rows;
        Width = width;
        CategoricalRanges = categoricalRanges;
        _numeric = numeric;
        _categorical = categorical;
        _numbers = numbers;
        _hot = hot;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Length of the dense feature vector.</summary>
    public int Width { get; }

    /// <summary>Number of columns encoded (numeric ones, then one per one-hot block).</summary>
    public int Columns => _numeric + _categorical;

    /// <summary>Inclusive [first, last] slot pairs of the one-hot blocks.</summary>
    public int[] CategoricalRanges { get; }

    /// <summary>Writes row <paramref name="row"/> as a dense vector into <paramref name="destination"/>.</summary>
    public void Fill(int row, Span<float> destination)
    {
        destination.Clear();
        _numbers.AsSpan(row * _numeric, _numeric).CopyTo(destination);
        foreach (int slot in _hot.AsSpan(row * _categorical, _categorical))
            destination[slot] = 1f;
    }

    /// <summary>Rows <paramref name="rows"/> of this matrix, in that order.</summary>
    public FeatureMatrix Select(int[] rows)
    {
        var numbers = new float[rows.Length * _numeric];
        var hot = new int[rows.Length * _categorical];
        for (int i = 0; i < rows.Length; i++)
        {
            _numbers.AsSpan(rows[i] * _numeric, _numeric).CopyTo(numbers.AsSpan(i * _numeric));
            _hot.AsSpan(rows[i] * _categorical, _categorical).CopyTo(hot.AsSpan(i * _categorical));
        }
        return new FeatureMatrix(rows.Length, Width, CategoricalRanges, _numeric, _categorical, numbers, hot);
    }

    /// <summary>
    /// A copy in which feature <paramref name="feature"/> (a numeric column's value, or a categorical column's hot
    /// slot, in <see cref="Featurizer.Columns"/> order) of row i is taken from row <paramref name="source"/>[i].
    /// </summary>
    public FeatureMatrix WithFeatureFrom(int feature, int[] source)
    {
        var numbers = (float[])_numbers.Clone();
        var hot = (int[])_hot.Clone();
        for (int i = 0; i < Rows; i++)
        {
            if (feature < _numeric) numbers[i * _numeric + feature] = _numbers[source[i] * _numeric + feature];
            else hot[i * _categorical + feature - _numeric] = _hot[source[i] * _categorical + feature - _numeric];
        }
        return new FeatureMatrix(Rows, Width, CategoricalRanges, _numeric, _categorical, numbers, hot);
    }

    /// <summary>The rows of <paramref name="first"/> followed by those of <paramref name="second"/> (same encoding).</summary>
    public static FeatureMatrix Concat(FeatureMatrix first, FeatureMatrix second)
    {
        if (first.Width != second.Width || first._numeric != second._numeric)
            throw new InvalidOperationException("Feature matrices of different encodings cannot be joined.");
        return new FeatureMatrix(first.Rows + second.Rows, first.Width, first.CategoricalRanges, first._numeric, first._categorical,
            [.. first._numbers, .. second._numbers], [.. first._hot, .. second._hot]);
    }
}
