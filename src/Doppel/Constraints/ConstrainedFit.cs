using Doppel.Data;
using Doppel.Metadata;
using Doppel.Synthesizers;

namespace Doppel.Constraints;

/// <summary>How <see cref="ConstrainedFit"/> treats constraints.</summary>
public sealed record ConstraintFitOptions
{
    /// <summary>Constraints added to the metadata's (docs/constraints.md), e.g. <c>pickup &lt; dropoff</c>.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    /// <summary>Drop real rows that break a constraint before fitting (default: keep them, count and report them).</summary>
    public bool DropViolatingRows { get; init; }
}

/// <summary>A constraint and the real rows that broke it.</summary>
/// <param name="Constraint">The constraint as declared.</param>
/// <param name="Rows">Training rows that broke it.</param>
public sealed record ConstraintViolation(string Constraint, long Rows);

/// <summary>The result of a constrained fit.</summary>
/// <param name="Model">The model; it enforces the constraints whenever it samples.</param>
/// <param name="Violations">Per constraint, the real rows that broke it.</param>
/// <param name="DroppedRows">Rows dropped before fitting (0 unless <see cref="ConstraintFitOptions.DropViolatingRows"/>).</param>
public sealed record ConstrainedFitResult(SynthesisModel Model, IReadOnlyList<ConstraintViolation> Violations, long DroppedRows);

/// <summary>
/// Fits any synthesizer under constraints: checks them (malformed: usage error; contradictory: unsatisfiable),
/// counts the real rows that break each, drops those rows when asked, fits, and stores the constraints (in the
/// metadata) and what they learned from the data (seen combinations) in the model.
/// </summary>
public static class ConstrainedFit
{
    /// <summary>
    /// Checks the metadata's and <paramref name="added"/> constraints against the columns and each other, without
    /// data; returns them as declared. Throws the error a fit would.
    /// </summary>
    public static IReadOnlyList<string> Check(TableMetadata metadata, IEnumerable<string> added) => ConstraintSet.Compile(metadata, added, null).Texts;

    /// <summary>Fits <paramref name="synthesizer"/> on <paramref name="data"/> under the metadata's and the options' constraints.</summary>
    /// <remarks>
    /// With a differentially private synthesizer, nothing about the real rows leaves the fit outside the guarantee: the
    /// violations are not counted or reported (dropping rows that break a rule is a per-row filter, so the guarantee
    /// holds), and <c>combination(...)</c>, which would store the real combinations, is refused.
    /// </remarks>
    public static ConstrainedFitResult Fit(ISynthesizer synthesizer, Table data, TableMetadata metadata, ConstraintFitOptions? options = null) =>
        Fit(synthesizer, data, metadata, options, synthesizer.Fit);

    /// <summary>
    /// A <c>matches()</c> rule that no real value meets holds only on nulls: sampling would write nothing but nulls
    /// in its column. Refused, as an unsatisfiable request, before fitting.
    /// </summary>
    private static void RefuseUnmatchable(ConstraintSet set, Table data)
    {
        foreach (var rule in set.All.OfType<MatchesConstraint>())
        {
            var cells = Cells.Of(data, rule.Columns[0]);
            bool anyValue = false, anyMatch = false;
            for (int row = 0; row < data.RowCount && !anyMatch; row++)
            {
                if (cells.IsNull(row)) continue;
                anyValue = true;
                anyMatch = rule.Holds(data, row);
            }
            if (anyValue && !anyMatch)
                throw new DoppelException(ErrorKind.Unsatisfiable,
                    $"No value of column '{rule.Columns[0]}' in the real data meets \"{rule.Text}\", so only nulls could: check the pattern (it must match the whole value).");
        }
    }

    /// <summary>As <see cref="Fit(ISynthesizer, Table, TableMetadata, ConstraintFitOptions?)"/>, fitting through <paramref name="fit"/> (the CLI's, which prints the fit's warnings).</summary>
    internal static ConstrainedFitResult Fit(ISynthesizer synthesizer, Table data, TableMetadata metadata, ConstraintFitOptions? options, Func<Table, TableMetadata, SynthesisModel> fit)
    {
        options ??= new();
        var set = ConstraintSet.Compile(metadata, options.Constraints, null);
        if (set.IsEmpty) return new(fit(data, metadata), [], 0);
        var constrained = metadata with { Constraints = set.Texts };
        bool isPrivate = SynthesizerCatalog.DifferentiallyPrivate.Contains(synthesizer.Name);
        if (isPrivate && set.All.OfType<CombinationConstraint>().FirstOrDefault() is { } combination)
            throw new DoppelException(ErrorKind.Usage,
                $"The constraint \"{combination.Text}\" keeps the combinations seen in the real data, which differential privacy does not allow. Remove it, or fit without --epsilon.");
        var (perConstraint, broken) = set.Violations(data);
        if (!isPrivate) RefuseUnmatchable(set, data);
        long dropped = 0;
        if (options.DropViolatingRows && broken.Any(b => b))
        {
            var keep = Enumerable.Range(0, data.RowCount).Where(r => !broken[r]).ToArray();
            if (keep.Length == 0)
                throw new DoppelException(ErrorKind.Data, isPrivate
                    ? "Every real row breaks a constraint; nothing is left to fit. Check the constraints against the data."
                    : $"Every real row breaks a constraint ({string.Join("; ", perConstraint.Where(p => p.Value > 0).Select(p => $"\"{p.Key}\": {p.Value:N0} rows"))}); nothing is left to fit. Check the constraints against the data.");
            dropped = data.RowCount - keep.Length;
            data = TableRows.Select(data, keep);
        }
        var model = fit(data, constrained);
        if (isPrivate) return new(model, [], 0); // the counts would be outside the guarantee
        bool keepRare = model.Options.KeepRare;
        var state = new ConstraintState
        {
            Combinations = set.Learn(data, keepRare),
            TrainingViolations = perConstraint,
            DroppedRows = dropped,
        };
        return new(model.WithConstraints(state), [.. perConstraint.Select(p => new ConstraintViolation(p.Key, p.Value))], dropped);
    }
}
