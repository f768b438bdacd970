using System.CommandLine;
using Doppel.Evaluation;
using Doppel.Synthesizers;
using Doppel.Synthesizers.Mst;

namespace Doppel.Cli.Commands;

/// <summary>The differential-privacy options of <c>fit</c> and <c>generate</c>, and how they pick the synthesizer.</summary>
internal sealed class PrivacyOptions
{
    public Option<double?> Epsilon { get; } = new("--epsilon")
    {
        Description = "Fit with (epsilon, delta)-differential privacy, e.g. 1. Selects the mst synthesizer unless another differentially private one is named; others refuse.",
    };

    public Option<double?> Delta { get; } = new("--delta")
    {
        Description = $"Delta of the guarantee, below 1/rows (default {DifferentialPrivacyOptions.DefaultDelta:G1}).",
    };

    public Option<string?> PublicMetadata { get; } = new("--public-metadata")
    {
        Description = "Metadata JSON whose domain (categories, min/max, nullable; see 'inspect --domain') is public knowledge: it costs no budget. Use instead of --metadata.",
    };

    public Option<string?> BudgetSplit { get; } = new("--budget-split")
    {
        Description = "Shares of the budget, e.g. domain=0.3,one-way=0.15,selection=0.07,two-way=0.48 (the default; the domain share is used only where the domain is not public).",
    };

    public Option<string?> Target { get; } = new("--target")
    {
        Description = "With --epsilon: the column a model trained on the synthetic data will predict; every other column is then measured with it.",
    };

    public IEnumerable<Option> All => [Epsilon, Delta, PublicMetadata, BudgetSplit, Target];

    /// <summary>The largest ε accepted: beyond it the guarantee is a number, not a protection.</summary>
    public const double MaxEpsilon = 100;

    /// <summary>The privacy request, or null without --epsilon (then the other options are refused).</summary>
    public DifferentialPrivacyOptions? Resolve(ParseResult parse)
    {
        double? epsilon = parse.GetValue(Epsilon);
        if (epsilon is null)
        {
            var stray = All.Skip(1).FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
            if (stray is not null) throw new DoppelException(ErrorKind.Usage, $"{stray.Name} applies to differentially private fitting; add --epsilon.");
            return null;
        }
        if (!(epsilon > 0) || double.IsInfinity(epsilon.Value))
            throw new DoppelException(ErrorKind.Usage, $"--epsilon must be a positive number, not {epsilon}.");
        if (epsilon > MaxEpsilon)
            throw new DoppelException(ErrorKind.Usage,
                $"--epsilon {epsilon} promises nothing: an attacker's odds about any person may grow by e^ε, more than 10^43 beyond {MaxEpsilon}. Differential privacy is meaningful up to ε ≈ 10; use at most {MaxEpsilon}, or fit without --epsilon.");
        double delta = parse.GetValue(Delta) ?? DifferentialPrivacyOptions.DefaultDelta;
        if (!(delta > 0) || delta >= 1)
            throw new DoppelException(ErrorKind.Usage, $"--delta must be between 0 and 1 (exclusive), not {delta}.");
        var split = parse.GetValue(BudgetSplit) is { } text ? Synthesizers.Mst.BudgetSplit.Parse(text) : new BudgetSplit();
        _ = split.Effective(privateDomain: true); // shares that do not sum to 1 fail before any data is read
        return new DifferentialPrivacyOptions
        {
            Epsilon = epsilon.Value,
            Delta = delta,
            PublicDomain = parse.GetValue(PublicMetadata) is not null,
            Split = split,
            Target = parse.GetValue(Target),
        };
    }

    /// <summary>The synthesizer to fit: with a privacy request and no --synthesizer, the differentially private default.</summary>
    public static string SynthesizerName(ParseResult parse, Option<string> synthesizer, DifferentialPrivacyOptions? privacy)
    {
        string name = parse.GetValue(synthesizer)!;
        if (privacy is null) return name;
        if (parse.GetResult(synthesizer) is not { Implicit: false }) return MstSynthesizer.SynthesizerName;
        if (name == AutoSelection.Name)
            throw new DoppelException(ErrorKind.Usage, $"--synthesizer {AutoSelection.Name} compares models on the data itself, which differential privacy does not allow; name one of: {string.Join(", ", SynthesizerCatalog.DifferentiallyPrivate)}.");
        return name;
    }

    /// <summary>The metadata file: --public-metadata or --metadata, not both.</summary>
    public string? MetadataPath(ParseResult parse, Option<string?> metadata)
    {
        string? given = parse.GetValue(metadata), declared = parse.GetValue(PublicMetadata);
        if (given is not null && declared is not null)
            throw new DoppelException(ErrorKind.Usage, "Pass either --metadata or --public-metadata, not both.");
        return declared ?? given;
    }

    /// <summary>Fits, printing the fit's warnings and the guarantee unless quiet.</summary>
    public static SynthesisModel Fit(ISynthesizer recipe, Data.Table table, Metadata.TableMetadata metadata, bool metadataDetected, ParseResult parse, CliConsole console)
    {
        if (recipe is not MstSynthesizer dp) return recipe.Fit(table, metadata);
        var warnings = new List<string>();
        if (metadataDetected)
            warnings.Add("the metadata was detected from the private data itself: its column types and formats are a leak outside the guarantee. Declare them with --metadata (or --public-metadata).");
        var model = dp.Fit(table, metadata, warnings);
        if (!CommandSupport.IsQuiet(parse))
        {
            foreach (var warning in warnings) console.Error.WriteLine($"warning: {warning}");
            var budget = model.Privacy!;
            console.Error.WriteLine($"Privacy: ({budget.Epsilon:G4}, {budget.Delta:G3})-differentially private (zCDP rho = {budget.Rho:G4}); the model and all its samples keep this guarantee.");
        }
        return model;
    }
}
