using System.CommandLine;
using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Sequences;

namespace Doppel.Cli.Relational;

/// <summary>The sequence options of the database verbs: <c>--sequence</c> and <c>--transitions</c> declarations, detection in inspect, <c>--from</c>.</summary>
internal sealed class SequenceOptions
{
    public Option<string[]> Tables { get; } = new("--sequence")
    {
        Description = "Declare a sequence table (repeatable): TABLE:ORDER (entity: its foreign key to its context table, or one series), TABLE(ENTITY):ORDER, optionally @INTERVAL (1h, 1d, 1mo, ...). A single data file with --sequence is a one-table database.",
    };

    public Option<string[]> Transitions { get; } = new("--transitions")
    {
        Description = "Declare the allowed steps of a categorical column of a sequence table (repeatable): 'TABLE.COLUMN: FROM -> TO, FROM -> TO'. Only these are generated after a listed FROM; undeclared columns keep the transitions learned from the data.",
    };

    public static Option<string?> From() => new("--from") { Description = "The real database whose sequences --extend continues (the one the model was fitted on, or new data of the same shape)." };

    /// <summary>The metadata with the declared sequence tables, then their declared state machines.</summary>
    public DatasetMetadata Apply(ParseResult parse, DatasetMetadata metadata) =>
        SequenceDeclaration.ApplyTransitions(SequenceDeclaration.Apply(metadata, parse.GetValue(Tables) ?? []), parse.GetValue(Transitions) ?? []);

    /// <summary>Declared sequence tables, else the detected ones (with their evidence); declared state machines on top.</summary>
    public (DatasetMetadata, IReadOnlyList<string>) Detect(ParseResult parse, IDatabaseSource source, DatasetMetadata metadata, IReadOnlyList<string> evidence)
    {
        var lines = new List<string>(evidence);
        if (parse.GetValue(Tables) is not { Length: > 0 } && metadata.Tables.All(t => t.Sequence is null))
            metadata = SequenceDetector.Detect(Database.Read(source, metadata), lines);
        return (Apply(parse, metadata), lines);
    }
}
