using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Rules;

/// <summary>
/// <c>Total = a + b − c …</c> between numeric columns: the synthesizer models the residual Total − (a + b − c), in
/// Total's precision (0 in every row that keeps the sum), so sampling writes the parts' sum plus the residual and every
/// row keeps the relation as often as the real rows did.
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

    public override string Derived => Total;

    public override IReadOnlyList<string> Reads => [.. Added, .. Subtracted];

    public override string Text => $"{Total} = {string.Join(" + ", Added)}{string.Concat(Subtracted.Select(s => " - " + s))}";

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
            if (validity.IsValid(i)) values[i] = Math.Round(sums[i] + Math.Round(residuals.Values[i], Decimals), Decimals);
        }
        return new NumberColumn(Total, values, validity);
    }

    public override void Validate(TableMetadata metadata)
    {
        var names = Reads.Append(Total).ToArray();
        bool numeric = names.All(n => metadata.Columns.FirstOrDefault(c => c.Name == n)?.Type == SemanticType.Numerical);
        if (!numeric || names.Distinct(StringComparer.Ordinal).Count() != names.Length || Added.Length == 0 || Decimals is < 0 or > 15)
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
