using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// <c>Total = a + b − c …</c> between numeric columns: the synthesizer models the residual Total − (a + b − c), in
/// Total's precision (0 in every row that keeps the sum, or one of a few amounts such as a surcharge), so sampling
/// writes the parts' sum plus the residual and every row keeps the relation as the real rows did.
/// </summary>
internal sealed class SumRule : LearnedRule
{
    /// <summary>The column derived as the sum.</summary>
    public required string Total { get; init; }

    /// <summary>The columns added (never null in the real data).</summary>
    public required string[] Added { get; init; }

    /// <summary>The columns subtracted (never null in the real data).</summary>
    public string[] Subtracted { get; init; } = [];

    /// <summary>Total (and so the residual) is a whole number.</summary>
    public bool Integer { get; init; }

    /// <summary>Digits Total keeps after the point.</summary>
    public int Decimals { get; init; }

    /// <summary>
    /// Distinct amounts the residual takes in the real rows: 1 for an exact sum; more for a sum plus one of a few
    /// amounts (a taxi total is fare + tip + tolls plus one of a handful of surcharges).
    /// </summary>
    public int Amounts { get; init; } = 1;

    /// <summary>
    /// For a sum plus amounts, the amounts held by at least k real rows, ascending (an aggregate, as a category is):
    /// each generated residual is written as the nearest of them, so every row's total is its parts plus a real amount.
    /// </summary>
    public double[] AmountValues { get; init; } = [];

    public override string Derived => Total;

    public override IReadOnlyList<string> Reads => [.. Added, .. Subtracted];

    public override string Text => $"{Total} = {string.Join(" + ", Added)}{string.Concat(Subtracted.Select(s => " - " + s))}" + (Amounts > 1 ? $" + one of {Amounts} amounts" : "");

    public override string Describe() => Amounts > 1
        ? $"{Text} (learned: all {Rows:N0} real rows; the synthesizer models the amount)"
        : base.Describe();

    public override ColumnMetadata Encoded(ColumnMetadata derived) =>
        new(derived.Name, SemanticType.Numerical) { Integer = Integer, Decimals = Decimals };

    public override Column Encode(Table real)
    {
        var (sums, validity) = Sums(real);
        var total = (NumberColumn)real[Total];
        var residuals = new double[real.RowCount];
        for (int i = 0; i < residuals.Length; i++)
        {
            if (total.IsNull(i)) validity.Set(i, false);
            if (validity.IsValid(i)) residuals[i] = Math.Round(total.Values[i] - sums[i], Decimals);
        }
        return new NumberColumn(Total, residuals, validity);
    }

    public override Column Decode(Table batch, ColumnMetadata derived)
    {
        var (sums, validity) = Sums(batch);
        var residuals = (NumberColumn)batch[Total];
        var values = new double[batch.RowCount];
        for (int i = 0; i < values.Length; i++)
        {
            if (residuals.IsNull(i)) validity.Set(i, false);
            if (validity.IsValid(i)) values[i] = Math.Round(sums[i] + Nearest(Math.Round(residuals.Values[i], Decimals)), Decimals);
        }
        return new NumberColumn(Total, values, validity);
    }

    /// <summary>The stored amount nearest to <paramref name="residual"/> (the residual itself for an exact sum).</summary>
    private double Nearest(double residual)
    {
        if (AmountValues.Length == 0) return residual;
        int at = Array.BinarySearch(AmountValues, residual);
        if (at >= 0) return residual;
        int above = Math.Min(~at, AmountValues.Length - 1), below = Math.Max(~at - 1, 0);
        return residual - AmountValues[below] <= AmountValues[above] - residual ? AmountValues[below] : AmountValues[above];
    }

    public override void Validate(TableMetadata metadata)
    {
        var names = Reads.Append(Total).ToArray();
        bool numeric = names.All(n => metadata.Columns.FirstOrDefault(c => c.Name == n)?.Type == SemanticType.Numerical);
        if (!numeric || names.Distinct(StringComparer.Ordinal).Count() != names.Length || Added.Length == 0 || Decimals is < 0 or > 15 || Amounts is < 1 or > SumDiscovery.MaxAmounts
            || (Amounts > 1 ? AmountValues.Length is < 2 || AmountValues.Length > Amounts || AmountValues.Zip(AmountValues.Skip(1)).Any(p => !(p.First < p.Second)) : AmountValues.Length != 0))
            throw new DoppelException(ErrorKind.Model, $"The model's learned rule \"{Text}\" does not fit its columns.");
    }

    /// <summary>The parts' signed sum per row, null where a part is.</summary>
    private (double[] Sums, Validity Validity) Sums(Table table)
    {
        int n = table.RowCount;
        var sums = new double[n];
        var validity = new Validity(n);
        foreach (var (name, sign) in Added.Select(a => (a, 1.0)).Concat(Subtracted.Select(s => (s, -1.0))))
        {
            var part = (NumberColumn)table[name];
            for (int i = 0; i < n; i++)
            {
                if (part.IsNull(i)) validity.Set(i, false);
                else sums[i] += sign * part.Values[i];
            }
        }
        return (sums, validity);
    }
}
