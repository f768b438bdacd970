using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>Which of the three compared tables a row comes from.</summary>
internal enum PrivacyPart
{
    /// <summary>The training data the generator saw.</summary>
    Train = 0,
    /// <summary>Real rows the generator never saw.</summary>
    Holdout = 1,
    /// <summary>The generated rows.</summary>
    Synthetic = 2,
}

/// <summary>How a scored column enters the distance.</summary>
internal enum DistanceKind
{
    /// <summary>|x − y| / training range, capped at 1.</summary>
    Scaled,
    /// <summary>0 when equal, 1 otherwise (categories, booleans, and numbers whose training range is 0 or unknown).</summary>
    Exact,
}

/// <summary>
/// The scored columns of the training, holdout and synthetic tables encoded once, row-major:
/// <list type="bullet">
/// <item>exact codes: per column one dictionary shared by the three tables (categories compared by string, numbers by
/// value, −1 for null), so equal codes mean equal values;</item>
/// <item>distance values as floats, so that the Gower-like term of every column is min(|a − b|, 1): numbers scaled
/// by the training range, exact columns as their code (codes differ by at least 1), null as
/// <see cref="NullValue"/> (0 from another null, capped to 1 from anything else).</item>
/// </list>
/// </summary>
internal sealed class PrivacyEncoding
{
    /// <summary>The distance value of a null: far from every value, equal to itself.</summary>
    public const float NullValue = -1e30f;

    /// <summary>Scaled values are clamped to ±this so that no float overflows; any such value is capped anyway.</summary>
    private const double Limit = 1e20;

    private const int MaxCodes = 1 << 24; // codes are exact as floats below 2^24

    private readonly int[][] _codes;
    private readonly float[][] _values;
    private readonly double[]?[][] _numbers;

    private PrivacyEncoding(ColumnMetadata[] columns, int[] rowCounts, int[][] codes, float[][] values, double[]?[][] numbers,
        DistanceKind[] kinds, ColumnKind[] storage, double[] ranges, int[] codeCounts)
    {
        Columns = columns;
        RowCounts = rowCounts;
        _codes = codes;
        _values = values;
        _numbers = numbers;
        Kinds = kinds;
        Storage = storage;
        Ranges = ranges;
        CodeCounts = codeCounts;
    }

    /// <summary>The scored columns.</summary>
    public ColumnMetadata[] Columns { get; }

    /// <summary>Number of scored columns.</summary>
    public int Width => Columns.Length;

    /// <summary>Rows per <see cref="PrivacyPart"/>.</summary>
    public int[] RowCounts { get; }

    /// <summary>How each column enters the distance.</summary>
    public DistanceKind[] Kinds { get; }

    /// <summary>The physical kind of each column.</summary>
    public ColumnKind[] Storage { get; }

    /// <summary>Training range (max − min of non-null values) of number and datetime columns; NaN otherwise or when all null.</summary>
    public double[] Ranges { get; }

    /// <summary>Number of distinct codes of each column over the three tables.</summary>
    public int[] CodeCounts { get; }

    /// <summary>The exact code of a cell, −1 for null.</summary>
    public int Code(PrivacyPart part, int row, int column) => _codes[(int)part][row * Width + column];

    /// <summary>The codes of a row (one per column).</summary>
    public ReadOnlySpan<int> Codes(PrivacyPart part, int row) => _codes[(int)part].AsSpan(row * Width, Width);

    /// <summary>The distance value of a cell.</summary>
    public float Value(PrivacyPart part, int row, int column) => _values[(int)part][row * Width + column];

    /// <summary>
    /// The raw number of a cell of a number column, or of a datetime column its ticks after the training minimum;
    /// NaN for null. Only for columns stored as numbers or datetimes.
    /// </summary>
    public double Number(PrivacyPart part, int row, int column) => _numbers[(int)part][column]![row];

    /// <summary>The Gower-like distance between two rows: the mean over columns of min(|a − b|, 1).</summary>
    public double Distance(PrivacyPart partA, int rowA, PrivacyPart partB, int rowB)
    {
        float sum = 0;
        for (int c = 0; c < Width; c++) sum += MathF.Min(MathF.Abs(Value(partA, rowA, c) - Value(partB, rowB, c)), 1f);
        return (double)sum / Width;
    }

    /// <summary>Encodes the scored <paramref name="columns"/> of the three tables (training, holdout, synthetic).</summary>
    public static PrivacyEncoding Create(Table train, Table holdout, Table synthetic, ColumnMetadata[] columns)
    {
        Table[] tables = [train, holdout, synthetic];
        int width = columns.Length;
        int[] rowCounts = [.. tables.Select(t => t.RowCount)];
        var codes = rowCounts.Select(n => new int[n * width]).ToArray();
        var values = rowCounts.Select(n => new float[n * width]).ToArray();
        var numbers = tables.Select(_ => new double[]?[width]).ToArray();
        var kinds = new DistanceKind[width];
        var storage = new ColumnKind[width];
        var ranges = new double[width];
        var codeCounts = new int[width];
        for (int c = 0; c < width; c++)
        {
            var meta = columns[c];
            var cells = tables.Select(t => t[meta.Name]).ToArray();
            storage[c] = cells[0].Kind;
            codeCounts[c] = EncodeCodes(cells, c, width, codes);
            if (codeCounts[c] > MaxCodes)
                throw new DoppelException(ErrorKind.Data, $"Column '{meta.Name}' has {codeCounts[c]:N0} distinct values; privacy risk handles at most {MaxCodes:N0} per column.");

            ranges[c] = double.NaN;
            if (cells[0] is NumberColumn or DateTimeColumn)
            {
                for (int p = 0; p < 3; p++) numbers[p][c] = Numbers(cells[p], cells[0]);
                ranges[c] = Range(numbers[0][c]!);
            }
            bool numeric = meta.Type is (SemanticType.Numerical or SemanticType.Datetime) && cells[0] is (NumberColumn or DateTimeColumn);
            kinds[c] = numeric && ranges[c] > 0 && double.IsFinite(ranges[c]) ? DistanceKind.Scaled : DistanceKind.Exact;

            double min = kinds[c] == DistanceKind.Scaled ? Min(numbers[0][c]!) : 0;
            for (int p = 0; p < 3; p++)
            {
                var target = values[p];
                var source = codes[p];
                var raw = numbers[p][c];
                for (int i = 0; i < rowCounts[p]; i++)
                {
                    int k = i * width + c;
                    target[k] = source[k] < 0 ? NullValue
                        : kinds[c] == DistanceKind.Scaled ? (float)Math.Clamp((raw![i] - min) / ranges[c], -Limit, Limit)
                        : source[k];
                }
            }
        }
        return new PrivacyEncoding(columns, rowCounts, codes, values, numbers, kinds, storage, ranges, codeCounts);
    }

    /// <summary>Fills column <paramref name="c"/> of the code arrays from one shared dictionary; returns the number of codes.</summary>
    private static int EncodeCodes(Column[] cells, int c, int width, int[][] codes)
    {
        switch (cells[0])
        {
            case NumberColumn:
            {
                var lookup = new Dictionary<double, int>();
                for (int p = 0; p < 3; p++)
                {
                    var column = (NumberColumn)cells[p];
                    for (int i = 0; i < column.Length; i++)
                    {
                        double x = column.Values[i];
                        codes[p][i * width + c] = column.IsNull(i) || double.IsNaN(x) ? -1 : CodeOf(lookup, x == 0 ? 0.0 : x); // −0 equals 0
                    }
                }
                return lookup.Count;
            }
            case DateTimeColumn:
            {
                var lookup = new Dictionary<long, int>();
                for (int p = 0; p < 3; p++)
                {
                    var column = (DateTimeColumn)cells[p];
                    for (int i = 0; i < column.Length; i++) codes[p][i * width + c] = column.IsNull(i) ? -1 : CodeOf(lookup, column.Ticks[i]);
                }
                return lookup.Count;
            }
            case BooleanColumn:
            {
                for (int p = 0; p < 3; p++)
                {
                    var column = (BooleanColumn)cells[p];
                    for (int i = 0; i < column.Length; i++) codes[p][i * width + c] = column.IsNull(i) ? -1 : column.Values[i] ? 1 : 0;
                }
                return 2;
            }
            default:
            {
                // Categories and strings are compared by their text: each table has its own dictionary.
                var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int p = 0; p < 3; p++)
                {
                    if (cells[p] is CategoryColumn category)
                    {
                        var shared = category.Categories.Select(label => CodeOf(lookup, label)).ToArray();
                        for (int i = 0; i < category.Length; i++) codes[p][i * width + c] = category.IsNull(i) ? -1 : shared[category.Codes[i]];
                    }
                    else
                    {
                        var strings = (StringColumn)cells[p];
                        for (int i = 0; i < strings.Length; i++)
                            codes[p][i * width + c] = strings.IsNull(i) || strings.Values[i] is not { } s ? -1 : CodeOf(lookup, s);
                    }
                }
                return lookup.Count;
            }
        }
    }

    private static int CodeOf<T>(Dictionary<T, int> lookup, T key) where T : notnull
    {
        if (!lookup.TryGetValue(key, out int code))
        {
            code = lookup.Count;
            lookup.Add(key, code);
        }
        return code;
    }

    /// <summary>Numbers as doubles, datetimes as ticks after the training minimum (exact differences); NaN for null.</summary>
    private static double[] Numbers(Column column, Column training)
    {
        var result = new double[column.Length];
        if (column is NumberColumn numbers)
        {
            for (int i = 0; i < result.Length; i++) result[i] = column.IsNull(i) ? double.NaN : numbers.Values[i];
            return result;
        }
        var dates = (DateTimeColumn)column;
        var trainingDates = (DateTimeColumn)training;
        long origin = long.MaxValue;
        for (int i = 0; i < trainingDates.Length; i++) if (!trainingDates.IsNull(i)) origin = Math.Min(origin, trainingDates.Ticks[i]);
        if (origin == long.MaxValue) origin = 0;
        for (int i = 0; i < result.Length; i++) result[i] = column.IsNull(i) ? double.NaN : dates.Ticks[i] - origin;
        return result;
    }

    private static double Min(double[] values)
    {
        double min = double.PositiveInfinity;
        foreach (double x in values) if (x < min) min = x; // NaN compares false
        return min;
    }

    private static double Range(double[] values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double x in values)
        {
            if (x < min) min = x;
            if (x > max) max = x;
        }
        return max >= min ? max - min : double.NaN;
    }
}
