using Doppel.Constraints;
using Doppel.Data;
using Doppel.Expressions;
using Doppel.IO;
using Doppel.Metadata;
using Doppel.Privacy.Dp;
using Doppel.Provenance;
using Doppel.Sampling;

namespace Doppel.Synthesizers;

/// <summary>
/// A fitted model: immutable and thread-safe. Holds statistics (quantile knots, category shares, shapes, a
/// correlation factor or decision trees with summarized leaves), never input rows. Sampling is a pure function of (model, seed, rows).
/// </summary>
public sealed class SynthesisModel
{
    internal SynthesisModel(string synthesizer, TableMetadata metadata, ModelGenerator generator, SourceFingerprint source, SynthesizerOptions options, PrivacyBudget? privacy = null)
    {
        Privacy = privacy;
        Synthesizer = synthesizer;
        Metadata = metadata;
        Generator = generator;
        Source = source;
        Options = options;
        generator.Validate(metadata);
    }

    /// <summary>The synthesizer that made the model.</summary>
    public string Synthesizer { get; }

    /// <summary>The metadata of the table the model generates.</summary>
    public TableMetadata Metadata { get; }

    /// <summary>Rows in the training data.</summary>
    public long TrainingRows => Source.Rows;

    /// <summary>Fingerprints of the training data and metadata (for the provenance manifest).</summary>
    public SourceFingerprint Source { get; }

    /// <summary>The differential-privacy guarantee of the model and its samples, or null for a model without one.</summary>
    public PrivacyBudget? Privacy { get; }

    /// <summary>The options the model was fitted with.</summary>
    public SynthesizerOptions Options { get; }

    /// <summary>What turns seeds into rows: the copula's correlated latents, or the sequential trees.</summary>
    internal ModelGenerator Generator { get; }

    /// <summary>What the constraints learned when the model was fitted (seen combinations, violation counts), or null.</summary>
    internal ConstraintState? ConstraintState { get; init; }

    /// <summary>Per constraint of the model, the training rows that broke it (empty when it has none).</summary>
    public IReadOnlyList<ConstraintViolation> TrainingViolations =>
        ConstraintState is { } state ? [.. state.TrainingViolations.Select(p => new ConstraintViolation(p.Key, p.Value))] : [];

    /// <summary>This model with <paramref name="state"/> attached.</summary>
    internal SynthesisModel WithConstraints(ConstraintState state) => new(Synthesizer, Metadata, Generator, Source, Options, Privacy) { ConstraintState = state };

    /// <summary>
    /// Checks the model's constraints and <paramref name="added"/> ones against its columns and each other (a clear
    /// error when one is malformed or they contradict) and returns them all as declared.
    /// </summary>
    public IReadOnlyList<string> CheckConstraints(IEnumerable<string> added) => ConstraintSet.Compile(Metadata, added, ConstraintState).Texts;

    /// <summary>Streams <paramref name="rows"/> synthetic rows into <paramref name="writer"/>.</summary>
    /// <remarks>Parallel over batches; byte-identical output for the same seed whatever <see cref="SampleOptions.Threads"/>.</remarks>
    public void Sample(long rows, SampleOptions options, ITableWriter writer, IProgress<long>? progress = null, CancellationToken cancel = default)
    {
        if (rows < 0) throw new DoppelException(ErrorKind.Usage, $"The number of rows must be 0 or more, not {rows}.");
        var constraints = ConstraintSet.Compile(Metadata, options.Constraints, ConstraintState);
        if (!constraints.IsEmpty)
            SampleConstrained(constraints, rows, options, writer, progress, cancel);
        else if (options.Where is { } where)
        {
            var expr = ExpressionParser.Parse(where, Metadata.Columns.Select(c => c.Name), "--where");
            var predicate = ExpressionCompiler.Predicate(expr, Metadata, "--where");
            // Where the model can, it samples from its conditional distribution; the predicate still checks every row.
            Func<long, long, int, ulong, Table>? batches;
            try { batches = Generator.ConditionalBatches(ColumnConditions.Of(expr, Metadata), Metadata); }
            catch (DoppelException e) when (e.Kind == ErrorKind.Unsatisfiable)
            {
                throw new DoppelException(ErrorKind.Unsatisfiable, $"--where \"{where}\": {e.Message}", e);
            }
            batches ??= Generator.SampleBatch;
            SamplingPipeline.RunConditional(batches, rows, options, predicate, where, writer, progress, cancel);
        }
        else
            SamplingPipeline.Run(this, rows, options, writer, progress, cancel);
    }

    /// <summary>
    /// Sampling under constraints: each batch (conditional on <c>--where</c> where the model can) gets the constraints'
    /// construction step, then rows are checked (rule and condition) and uniqueness is checked in output order; an
    /// impossible run names the rule that rejected most rows.
    /// </summary>
    private void SampleConstrained(ConstraintSet constraints, long rows, SampleOptions options, ITableWriter writer, IProgress<long>? progress, CancellationToken cancel)
    {
        Func<long, long, int, ulong, Table> batches = Generator.SampleBatch;
        RowPredicate? condition = null;
        if (options.Where is { } where)
        {
            var expr = ExpressionParser.Parse(where, Metadata.Columns.Select(c => c.Name), "--where");
            condition = ExpressionCompiler.Predicate(expr, Metadata, "--where");
            try { batches = Generator.ConditionalBatches(ColumnConditions.Of(expr, Metadata), Metadata) ?? batches; }
            catch (DoppelException e) when (e.Kind == ErrorKind.Unsatisfiable)
            {
                throw new DoppelException(ErrorKind.Unsatisfiable, $"--where \"{where}\": {e.Message}", e);
            }
        }
        var generate = batches;
        batches = (batch, first, count, seed) => constraints.Apply(generate(batch, first, count, seed), batch, seed);
        var run = constraints.Start();
        string described = string.Join(" and ", (options.Where is null ? constraints.Texts : [options.Where, .. constraints.Texts]).Select(t => $"({t})"));
        try { SamplingPipeline.RunConditional(batches, rows, options, run.Predicate(condition), described, writer, progress, cancel, run.InOrder()); }
        catch (DoppelException e) when (e.Kind == ErrorKind.Unsatisfiable) { throw run.Explain(e); }
    }

    /// <summary>Parses and type-checks a <c>--where</c> condition against this model's columns (a clear error if it is malformed).</summary>
    public RowPredicate Condition(string where) => ExpressionCompiler.Predicate(where, Metadata, "--where");

    /// <summary>Samples <paramref name="rows"/> rows into one in-memory table.</summary>
    public Table Sample(int rows, SampleOptions options)
    {
        using var memory = new MemoryTableWriter();
        Sample(rows, options, memory);
        return TableConcat.Concat(memory.Batches, Metadata, rows);
    }

    /// <summary>One batch of rows (see <see cref="ModelGenerator.SampleBatch"/>).</summary>
    internal Table SampleBatch(long batch, long firstRow, int count, ulong seed) => Generator.SampleBatch(batch, firstRow, count, seed);
}
