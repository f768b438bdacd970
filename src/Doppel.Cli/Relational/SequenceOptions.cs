using System.CommandLine;
using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Sequences;

namespace Doppel.Cli.Relational;

/// <summary>The sequence options of the database verbs: <c>--sequence</c> declarations, detection in inspect, <c>--from</c>.</summary>
internal static class SequenceOptions
{
    public static Option<string[]> Declare() => new("--sequence")
    {
        Description = "Declare a sequence table (repeatable): TABLE:ORDER (entity: its foreign key to its context table, or one series), TABLE(ENTITY):ORDER, optionally @INTERVAL (1h, 1d, 1mo, ...). A single data file with --sequence is a one-table database.",
    };

    public static Option<string?> From() => new("--from") { Description = "The real database whose sequences --extend continues (the one the model was fitted on, or new data of the same shape)." };

    /// <summary>Declared sequence tables, else the detected ones (with their evidence).</summary>
    public static (DatasetMetadata, IReadOnlyList<string>) Detect(IDatabaseSource source, DatasetMetadata metadata, IReadOnlyList<string> evidence, string[]? declared)
    {
        var lines = new List<string>(evidence);
        if (declared is { Length: > 0 }) return (SequenceDeclaration.Apply(metadata, declared), lines);
        if (metadata.Tables.Any(t => t.Sequence is not null)) return (metadata, lines);
        var database = Database.Read(source, metadata);
        return (SequenceDetector.Detect(database, lines), lines);
    }
}
