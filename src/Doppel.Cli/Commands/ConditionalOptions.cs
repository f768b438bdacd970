using System.CommandLine;
using Doppel.Metadata;
using Doppel.Sampling;
using Doppel.Synthesizers;

namespace Doppel.Cli.Commands;

/// <summary>
/// The options of <c>sample</c> and <c>generate</c> that split a sample into conditioned parts with exact counts:
/// <c>--conditions FILE</c>, <c>--rebalance SPEC</c>, and <c>--fair TARGET --sensitive COL</c> (one of them at a time).
/// </summary>
internal sealed class ConditionalOptions
{
    public Option<string?> Conditions { get; } = new("--conditions")
    {
        Description = $"CSV of conditions: condition columns plus '{ConditionsFile.CountColumn}' (the exact rows of each line); lines are written in order.",
    };

    public Option<string?> Rebalance { get; } = new("--rebalance")
    {
        Description = "Class shares of a categorical column: 'income' (uniform) or \"income='>50K':0.5\"; other columns follow each class.",
    };

    public Option<string?> Fair { get; } = new("--fair") { Description = "Target column made independent of --sensitive (demographic parity)." };

    public Option<string?> Sensitive { get; } = new("--sensitive") { Description = "Sensitive column for --fair." };

    public Option<string[]> Scenario { get; } = new("--scenario")
    {
        Description = "Shift a marginal for stress tests (repeatable): \"fraud=true:x10\", \"age:+5\", \"age:x1.1\", \"income:nulls+20%\".",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Conditions, Rebalance, Fair, Sensitive, Scenario];

    /// <summary>The --scenario values, or null.</summary>
    public IReadOnlyList<string>? Scenarios(ParseResult parse) => parse.GetValue(Scenario) is { Length: > 0 } specs ? specs : null;

    /// <summary>Checks the combination (and reads the conditions file) before anything is fitted or written.</summary>
    public IReadOnlyList<ConditionedRows>? Check(ParseResult parse, TableMetadata metadata, long? rows)
    {
        int chosen = new[] { parse.GetValue(Conditions), parse.GetValue(Rebalance), parse.GetValue(Fair) }.Count(v => v is not null);
        if (chosen > 1) throw new DoppelException(ErrorKind.Usage, "--conditions, --rebalance and --fair each plan the whole sample: use one of them.");
        if ((parse.GetValue(Fair) is null) != (parse.GetValue(Sensitive) is null))
            throw new DoppelException(ErrorKind.Usage, "--fair TARGET and --sensitive COLUMN go together.");
        if (parse.GetValue(Rebalance) is { } spec) _ = ModelShares.Column(metadata, Sampling.Rebalance.Parse(spec).Column, "--rebalance");
        if (parse.GetValue(Fair) is { } target)
        {
            _ = ModelShares.Column(metadata, target, "--fair");
            _ = ModelShares.Column(metadata, parse.GetValue(Sensitive)!, "--sensitive");
        }
        var scenarios = Sampling.Scenarios.Parse(Scenarios(parse), metadata);
        if (scenarios.ClassWeight is not null && chosen > 0)
            throw new DoppelException(ErrorKind.Usage, "A class scenario (COLUMN=VALUE:xF) plans the whole sample; it cannot be combined with --conditions, --rebalance or --fair.");
        if (parse.GetValue(Conditions) is not { } path) return null;
        var parts = ConditionsFile.Read(path, metadata);
        long total = parts.Sum(p => p.Rows);
        if (rows is { } r && r != total)
            throw new DoppelException(ErrorKind.Usage, $"--rows {r:N0} disagrees with the conditions file, whose '{ConditionsFile.CountColumn}' sum to {total:N0}; leave --rows out.");
        return parts;
    }

    /// <summary>The parts for the fitted model, or null for a plain sample; <paramref name="fromFile"/> is what <see cref="Check"/> read.</summary>
    public IReadOnlyList<ConditionedRows>? Plan(ParseResult parse, SynthesisModel model, long rows, SampleOptions options, IReadOnlyList<ConditionedRows>? fromFile)
    {
        if (fromFile is not null) return fromFile;
        if (parse.GetValue(Rebalance) is { } spec) return Sampling.Rebalance.Plan(model, spec, rows, options);
        if (parse.GetValue(Fair) is { } target) return FairGeneration.Plan(model, target, parse.GetValue(Sensitive)!, rows, options);
        return null;
    }

    /// <summary>What the manifest records as the sample's condition.</summary>
    public string? Describe(ParseResult parse, string? where)
    {
        string? plan = parse.GetValue(Conditions) is { } path ? $"conditions file {Path.GetFileName(path)}"
            : parse.GetValue(Rebalance) is { } spec ? $"rebalance {spec}"
            : parse.GetValue(Fair) is { } target ? $"fair {target} sensitive {parse.GetValue(Sensitive)}"
            : null;
        if (Scenarios(parse) is { } scenarios) plan = string.Join("; ", new[] { plan }.Concat(scenarios.Select(s => $"scenario {s}")).OfType<string>());
        return plan is null ? where : where is null ? plan : $"{where}; {plan}";
    }
}
