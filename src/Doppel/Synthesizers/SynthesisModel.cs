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

    /// <summary>
    /// The rules the model keeps by construction (learned from the data or declared), e.g.
    /// <c>pickup &lt;= dropoff (learned: 5,142 of 5,146 real rows keep it)</c>; empty when it has none.
    /// </summary>
    public IReadOnlyList<string> LearnedRules => Generator is Rules.RuleGenerator ruled ? [.. ruled.Rules.Select(r => r.Describe())] : [];

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
        var scenarios = Scenarios.Parse(options.Scenarios, Metadata);
        var constraints = ConstraintSet.Compile(Metadata, options.Constraints, ConstraintState);
        if (scenarios.ClassWeight is not null)
        {
            // A class made more likely: the sample becomes one part per class, each drawn given its class.
            SampleParts(scenarios.Plan(this, rows, options), options, writer, progress, scenarios, cancel);
            return;
        }
        var transform = scenarios.HasTransforms ? scenarios.Apply : (Func<Table, long, ulong, Table>?)null;
        if (!constraints.IsEmpty)
            SampleConstrained(constraints, rows, options, writer, progress, transform, cancel);
        else if (options.Where is { } where)
        {
            var (batches, predicate) = Prepare(where, "--where");
            SamplingPipeline.RunConditional(batches, rows, options, predicate, where, writer, progress, cancel, transform);
        }
        else
            SamplingPipeline.Run(this, rows, options, writer, progress, cancel, transform);
    }

    /// <summary>
    /// Streams several parts, each with its own condition and exact row count, one after the other in list order
    /// (<see cref="SampleOptions.Where"/>, when set, applies to every part too). Part i samples with its own seed
    /// derived from the options' seed, so output is deterministic; every condition is checked before any row is written.
    /// </summary>
    public void Sample(IReadOnlyList<ConditionedRows> parts, SampleOptions options, ITableWriter writer, IProgress<long>? progress = null, CancellationToken cancel = default)
    {
        var scenarios = Scenarios.Parse(options.Scenarios, Metadata);
        if (scenarios.ClassWeight is not null)
            throw new DoppelException(ErrorKind.Usage, "A class scenario (COLUMN=VALUE:xF) plans the whole sample; it cannot be combined with a conditions file, --rebalance or --fair.");
        SampleParts(parts, options, writer, progress, scenarios, cancel);
    }

    private void SampleParts(IReadOnlyList<ConditionedRows> parts, SampleOptions options, ITableWriter writer, IProgress<long>? progress, Scenarios scenarios, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var transform = scenarios.HasTransforms ? scenarios.Apply : (Func<Table, long, ulong, Table>?)null;
        // Under constraints, one run spans the parts (uniqueness across them); see SampleConstrained.
        var constraints = ConstraintSet.Compile(Metadata, options.Constraints, ConstraintState);
        var run = constraints.IsEmpty ? null : constraints.Start();
        var inOrder = run?.InOrder();
        var prepared = new List<(Func<long, long, int, ulong, Table> Batches, RowPredicate Predicate, string Text, long Rows)>();
        foreach (var part in parts)
        {
            if (part.Rows < 0) throw new DoppelException(ErrorKind.Usage, $"The number of rows for \"{part.Where}\" must be 0 or more, not {part.Rows}.");
            string text = options.Where is { } where ? $"({where}) and ({part.Where})" : part.Where;
            var (batches, predicate) = Prepare(text, "condition");
            if (run is not null) (batches, predicate) = (Constrained(constraints, batches, transform), run.Predicate(predicate));
            prepared.Add((batches, predicate, text, part.Rows));
        }
        long done = 0, offset = 0;
        for (int i = 0; i < prepared.Count; i++)
        {
            var (batches, predicate, text, rows) = prepared[i];
            ulong seed = new RandomStream(options.Seed, PartStreams + (ulong)i).NextUInt64();
            long before = done;
            try
            {
                offset += SamplingPipeline.RunConditionalPart(batches, rows, seed, options.Threads, predicate, text, writer,
                    progress is null ? null : accepted => progress.Report(before + accepted), offset, cancel, run is null ? transform : null, PartBatchSize(rows), inOrder);
            }
            catch (DoppelException e) when (e.Kind == ErrorKind.Unsatisfiable && run is not null) { throw run.Explain(e); }
            done += rows;
        }
        writer.Complete();
    }

    /// <summary>Samples parts (see <see cref="Sample(IReadOnlyList{ConditionedRows}, SampleOptions, ITableWriter, IProgress{long}?, CancellationToken)"/>) into one in-memory table.</summary>
    public Table Sample(IReadOnlyList<ConditionedRows> parts, SampleOptions options)
    {
        using var memory = new MemoryTableWriter();
        Sample(parts, options, memory);
        return TableConcat.Concat(memory.Batches, Metadata, (int)parts.Sum(p => p.Rows));
    }

    /// <summary>
    /// Batch size of a part: a few rows (a line of a conditions file) need not cost a whole batch; twice the rows,
    /// a power of two from 256 up to the pipeline's batch size.
    /// </summary>
    private static int PartBatchSize(long rows) =>
        (int)Math.Clamp(System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, rows) * 2), 256UL, (ulong)SamplingPipeline.BatchSize);

    /// <summary>Stream ids (of the sample's seed) that give each part its own seed; far above any batch's streams.</summary>
    private const ulong PartStreams = 0xC0D1_0000_0000_0000UL;

    /// <summary>
    /// The batches and row check for a condition: where the model can, it samples from its conditional distribution;
    /// the predicate still checks every row.
    /// </summary>
    private (Func<long, long, int, ulong, Table> Batches, RowPredicate Predicate) Prepare(string where, string option)
    {
        var expr = ExpressionParser.Parse(where, Metadata.Columns.Select(c => c.Name), option);
        var predicate = ExpressionCompiler.Predicate(expr, Metadata, option);
        Func<long, long, int, ulong, Table>? batches;
        try { batches = Generator.ConditionalBatches(ColumnConditions.Of(expr, Metadata), Metadata); }
        catch (DoppelException e) when (e.Kind == ErrorKind.Unsatisfiable)
        {
            throw new DoppelException(ErrorKind.Unsatisfiable, $"{option} \"{where}\": {e.Message}", e);
        }
        return (batches ?? Generator.SampleBatch, predicate);
    }

    /// <summary>
    /// Sampling under constraints: each batch (conditional on <c>--where</c> where the model can) gets the constraints'
    /// construction step, then rows are checked (rule and condition) and uniqueness is checked in output order; an
    /// impossible run names the rule that rejected most rows.
    /// </summary>
    private void SampleConstrained(ConstraintSet constraints, long rows, SampleOptions options, ITableWriter writer, IProgress<long>? progress,
        Func<Table, long, ulong, Table>? transform, CancellationToken cancel)
    {
        Func<long, long, int, ulong, Table> batches = Generator.SampleBatch;
        RowPredicate? condition = null;
        if (options.Where is { } where) (batches, condition) = Prepare(where, "--where");
        var run = constraints.Start();
        string described = string.Join(" and ", (options.Where is null ? constraints.Texts : [options.Where, .. constraints.Texts]).Select(t => $"({t})"));
        try { SamplingPipeline.RunConditional(Constrained(constraints, batches, transform), rows, options, run.Predicate(condition), described, writer, progress, cancel, null, run.InOrder()); }
        catch (DoppelException e) when (e.Kind == ErrorKind.Unsatisfiable) { throw run.Explain(e); }
    }

    /// <summary>
    /// Batches with the constraints' construction step. A scenario's shift comes first here, so that the constraints
    /// (and the condition) hold in the rows as written.
    /// </summary>
    private static Func<long, long, int, ulong, Table> Constrained(ConstraintSet constraints, Func<long, long, int, ulong, Table> batches, Func<Table, long, ulong, Table>? transform) =>
        (batch, first, count, seed) =>
        {
            var table = batches(batch, first, count, seed);
            if (transform is not null) table = transform(table, batch, seed);
            return constraints.Apply(table, batch, seed);
        };

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
