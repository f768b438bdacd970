using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Schema.Generators;

/// <summary>
/// Makes one column's values. <see cref="Fill"/> draws fresh values from the column's own stream; generators that
/// can enumerate their values (<see cref="CanRank"/>) also write the value of a given rank, which makes uniqueness
/// and keys possible by construction (a keyed permutation of the ranks, or the row itself for sequences).
/// </summary>
internal abstract class ValueGenerator
{
    /// <summary>How the values are stored.</summary>
    public abstract ColumnKind Kind { get; }

    /// <summary>For <see cref="ColumnKind.Category"/>: the fixed dictionary the codes index.</summary>
    public virtual string[]? Categories => null;

    /// <summary>Writes rows [start, start + count) of <paramref name="data"/>; <paramref name="firstRow"/> is the global index of row start.</summary>
    public abstract void Fill(ColumnData data, int start, int count, long firstRow, ref RandomStream random);

    /// <summary>How many different values this generator can produce (infinity when unbounded or uncountable).</summary>
    public virtual double Distinct => double.PositiveInfinity;

    /// <summary>Whether <see cref="FillRank"/> writes the value of each rank in [0, <see cref="Distinct"/>), each once.</summary>
    public virtual bool CanRank => false;

    /// <summary>True when the value of row r is rank r (sequences): unique without a permutation.</summary>
    public virtual bool RowIsRank => false;

    /// <summary>The longest text a unique column's values can have, when bounded (cutting unique values would repeat some).</summary>
    public virtual int? MaxLength => null;

    /// <summary>How many ranks a unique column of <paramref name="rows"/> rows permutes (the values it can take).</summary>
    public virtual double RankSpace(long rows) => Distinct;

    /// <summary>Writes the value of rank <paramref name="rank"/> into row <paramref name="row"/>.</summary>
    public virtual void FillRank(ColumnData data, int row, ulong rank) => throw new NotSupportedException();

    /// <summary>The smallest and largest value a numeric or datetime generator produces (ticks for datetimes), when known.</summary>
    public virtual (double Low, double High)? Range => null;
}

/// <summary>A numeric generator that can turn a uniform into a value, so a Gaussian copula can correlate its ranks.</summary>
internal interface IQuantileGenerator
{
    /// <summary>The value at probability <paramref name="u"/> in (0, 1), rounded and bounded as the column is written.</summary>
    double Quantile(double u);
}
