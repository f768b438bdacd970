using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Schema.Generators;

/// <summary>
/// A value from a list with weights (equal when none are given): text as dictionary codes, numbers and booleans as
/// their values. Unique columns enumerate the list.
/// </summary>
internal sealed class CategoryGenerator : ValueGenerator
{
    private readonly ColumnKind _kind;
    private readonly string[] _labels;
    private readonly double[] _numbers;
    private readonly CdfSearch _cdf;

    public CategoryGenerator(ColumnKind kind, string[] labels, double[] numbers, double[] weights)
    {
        _kind = kind;
        _labels = labels;
        _numbers = numbers;
        var cdf = new double[weights.Length];
        double sum = weights.Sum(), running = 0;
        for (int i = 0; i < weights.Length; i++) cdf[i] = (running += weights[i]) / sum;
        cdf[^1] = 1;
        _cdf = new CdfSearch(cdf);
    }

    public IReadOnlyList<string> Labels => _labels;

    public override ColumnKind Kind => _kind;

    public override string[]? Categories => _kind == ColumnKind.Category ? _labels : null;

    public override void Fill(ColumnData data, int start, int count, long firstRow, ref RandomStream random)
    {
        for (int i = start; i < start + count; i++) Set(data, i, Draw(random.NextDouble()));
    }

    private int Draw(double u) => _cdf.FirstAbove(u);

    private void Set(ColumnData data, int row, int code)
    {
        switch (_kind)
        {
            case ColumnKind.Category: data.Codes![row] = code; break;
            case ColumnKind.Number: data.Numbers![row] = _numbers[code]; break;
            default: data.Bools![row] = _numbers[code] != 0; break;
        }
    }

    public override (double Low, double High)? Range => _kind == ColumnKind.Number ? (_numbers.Min(), _numbers.Max()) : null;

    public override double Distinct => _labels.Length;

    public override bool CanRank => true;

    public override void FillRank(ColumnData data, int row, ulong rank) => Set(data, row, (int)rank);
}

/// <summary>The same value in every row.</summary>
internal sealed class ConstantGenerator(ColumnKind kind, string label, double number) : ValueGenerator
{
    private readonly string[] _labels = [label];

    public override ColumnKind Kind => kind;

    public override string[]? Categories => kind == ColumnKind.Category ? _labels : null;

    public override void Fill(ColumnData data, int start, int count, long firstRow, ref RandomStream random)
    {
        for (int i = start; i < start + count; i++)
        {
            switch (kind)
            {
                case ColumnKind.Category: data.Codes![i] = 0; break;
                case ColumnKind.Number: data.Numbers![i] = number; break;
                case ColumnKind.DateTime: data.Ticks![i] = (long)number; break;
                default: data.Bools![i] = number != 0; break;
            }
        }
    }

    public override (double Low, double High)? Range => kind is ColumnKind.Number or ColumnKind.DateTime ? (number, number) : null;

    public override double Distinct => 1;
}
