using Doppel.Data;
using Doppel.Sampling;

namespace Doppel.Schema.Generators;

/// <summary>
/// Dates or timestamps in [from, to]: the day uniform, or drawn by a weekday profile (seven weights, Monday first);
/// the hour uniform or by an hour profile (24 weights); minutes and seconds uniform. Dates have no time of day.
/// </summary>
internal sealed class DateTimeGenerator : ValueGenerator
{
    private readonly DateTime _from, _to;
    private readonly bool _dateOnly;
    private readonly CdfSearch? _weekdayCdf, _hourCdf;
    private readonly long _days;

    public DateTimeGenerator(DateTime from, DateTime to, bool dateOnly, double[]? weekdays, double[]? hours)
    {
        _from = from;
        _to = to;
        _dateOnly = dateOnly;
        _days = (long)(to.Date - from.Date).TotalDays + 1;
        _weekdayCdf = weekdays is null ? null : Cdf(weekdays);
        _hourCdf = hours is null ? null : Cdf(hours);
    }

    private static CdfSearch Cdf(double[] weights)
    {
        double sum = weights.Sum(), running = 0;
        return new CdfSearch([.. weights.Select(w => (running += w) / sum)]);
    }

    // The first slot whose cumulative weight exceeds u: never a weekday or hour of weight zero.
    private static int Draw(CdfSearch cdf, double u) => cdf.FirstAbove(u);

    public override ColumnKind Kind => ColumnKind.DateTime;

    public override void Fill(ColumnData data, int start, int count, long firstRow, ref RandomStream random)
    {
        var ticks = data.Ticks!;
        for (int row = start; row < start + count; row++)
        {
            DateTime day;
            if (_weekdayCdf is null) day = _from.Date.AddDays(StreamIds.NextLong(ref random, _days));
            else
            {
                int weekday = Draw(_weekdayCdf, random.NextDouble()); // 0 = Monday
                int offset = ((weekday + 1) % 7 - (int)_from.DayOfWeek + 7) % 7;
                long count1 = offset >= _days ? 0 : (_days - 1 - offset) / 7 + 1;
                day = count1 == 0 ? _from.Date : _from.Date.AddDays(offset + 7 * StreamIds.NextLong(ref random, count1));
            }
            long value = day.Ticks;
            if (!_dateOnly)
            {
                int hour = _hourCdf is null ? random.NextInt(24) : Draw(_hourCdf, random.NextDouble());
                value += hour * TimeSpan.TicksPerHour + random.NextInt(3600) * TimeSpan.TicksPerSecond;
            }
            ticks[row] = Math.Clamp(value, _dateOnly ? _from.Date.Ticks : _from.Ticks, _to.Ticks);
        }
    }

    public override (double Low, double High)? Range => (_from.Ticks, _to.Ticks);

    public override double Distinct => _dateOnly ? _days : (_to - _from).TotalSeconds + 1;

    // Without profiles every day (or second) is equally likely, so the values can be enumerated: rank k is the k-th.
    public override bool CanRank => _weekdayCdf is null && (_dateOnly || _hourCdf is null);

    public override void FillRank(ColumnData data, int row, ulong rank) =>
        data.Ticks![row] = _dateOnly ? _from.Date.AddDays((long)rank).Ticks : _from.Ticks + (long)rank * TimeSpan.TicksPerSecond;
}
