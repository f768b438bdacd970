using System.Globalization;

namespace Doppel.Evaluation.Reporting;

/// <summary>
/// How the page prints numbers: invariant culture always; null, NaN and infinities as "n/a". Scores get three
/// decimals (the precision the metrics are compared at), shares that are usually tiny get percentages.
/// </summary>
internal static class ReportFormat
{
    /// <summary>What a missing or undefined number prints as.</summary>
    public const string NotAvailable = "n/a";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Whether the number can be printed (not null, NaN or infinite).</summary>
    public static bool IsFinite(double? value) => value is { } v && double.IsFinite(v);

    /// <summary>A score with three decimals: 0.972.</summary>
    public static string Score(double? value) => IsFinite(value) ? value!.Value.ToString("0.000", Invariant) : NotAvailable;

    /// <summary>A correlation with two decimals and a true minus sign: −0.07.</summary>
    public static string Correlation(double? value) =>
        IsFinite(value) ? value!.Value.ToString("0.00;\u22120.00;0.00", Invariant) : NotAvailable;

    /// <summary>A signed difference with three decimals: +0.012, −0.004.</summary>
    public static string Signed(double? value) =>
        IsFinite(value) ? value!.Value.ToString("+0.000;\u22120.000;0.000", Invariant) : NotAvailable;

    /// <summary>A share as a percentage with up to two decimals: 0.1%, 51%.</summary>
    public static string Percent(double? value) =>
        IsFinite(value) ? (value!.Value * 100).ToString("0.0#", Invariant) + "%" : NotAvailable;

    /// <summary>A count with thousands separators: 32,561.</summary>
    public static string Count(double? value) => IsFinite(value) ? value!.Value.ToString("#,0", Invariant) : NotAvailable;

    /// <summary>A coordinate or size inside SVG: at most one decimal.</summary>
    public static string Svg(double value) => value.ToString("0.#", Invariant);

    /// <summary>A CSS percentage width, clamped to [0, 100].</summary>
    public static string Width(double share) => (Math.Clamp(share, 0, 1) * 100).ToString("0.#", Invariant) + "%";

    /// <summary>
    /// The CSS class that tints a similarity score: good at 0.95 and above, fair at 0.85 and above, poor below.
    /// The thresholds only guide the eye; the verdict comes from the engine.
    /// </summary>
    public static string ScoreClass(double? value) =>
        !IsFinite(value) ? "na" : value >= 0.95 ? "s-good" : value >= 0.85 ? "s-fair" : "s-poor";
}
