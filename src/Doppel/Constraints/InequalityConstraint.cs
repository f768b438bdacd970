using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Constraints;

/// <summary>
/// <c>low &lt; high</c> (or <c>&lt;=</c>) between two numeric or two datetime columns. Repair: a row the other way round
/// has its two values swapped, which keeps both values the model drew (and their joint spread); a tie under a strict
/// inequality cannot be swapped away and is rejected.
/// </summary>
internal sealed class InequalityConstraint(string text, string low, string high, bool strict, bool canSwap) : Constraint(text)
{
    public string Low { get; } = low;
    public string High { get; } = high;
    public bool Strict { get; } = strict;

    public override string Kind => "inequality";

    public override IReadOnlyList<string> Columns => [Low, High];

    public override bool Holds(Table table, int row)
    {
        if (Cells.Number(Cells.Of(table, Low), row) is not { } a || Cells.Number(Cells.Of(table, High), row) is not { } b) return true;
        return Strict ? a < b : a <= b;
    }

    public override void Repair(Table batch, RandomStream random)
    {
        // Swapping values of two columns with different precision would change them when written: reject instead.
        if (!canSwap) return;
        Column low = Cells.Of(batch, Low), high = Cells.Of(batch, High);
        for (int row = 0; row < batch.RowCount; row++)
        {
            if (low.IsNull(row) || high.IsNull(row)) continue;
            switch (low, high)
            {
                case (NumberColumn a, NumberColumn b) when a.Values[row] > b.Values[row]:
                    (a.Values[row], b.Values[row]) = (b.Values[row], a.Values[row]);
                    break;
                case (DateTimeColumn a, DateTimeColumn b) when a.Ticks[row] > b.Ticks[row]:
                    (a.Ticks[row], b.Ticks[row]) = (b.Ticks[row], a.Ticks[row]);
                    break;
            }
        }
    }
}
