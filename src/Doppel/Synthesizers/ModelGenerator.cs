using Doppel.Data;

namespace Doppel.Synthesizers;

/// <summary>
/// The synthesizer-specific part of a <see cref="SynthesisModel"/>: turns (batch, seed) into rows. Immutable and
/// thread-safe; batch <c>b</c> must depend only on its own random streams (<c>b &lt;&lt; 16</c> and up), so output
/// is byte-identical whatever the thread count.
/// </summary>
internal abstract class ModelGenerator
{
    /// <summary>Checks the generator against the metadata it will generate (a model file may be inconsistent).</summary>
    public abstract void Validate(Metadata.TableMetadata metadata);

    /// <summary>Generates batch <paramref name="batch"/>: <paramref name="count"/> rows starting at global row <paramref name="firstRow"/>.</summary>
    public abstract Table SampleBatch(long batch, long firstRow, int count, ulong seed);

    /// <summary>
    /// Batches drawn from the model's conditional distribution given <paramref name="conditions"/> (same signature as
    /// <see cref="SampleBatch"/>), or null when the model cannot condition on them; rows are checked afterwards either way.
    /// </summary>
    public virtual Func<long, long, int, ulong, Table>? ConditionalBatches(IReadOnlyDictionary<string, Expressions.ColumnCondition> conditions, Metadata.TableMetadata metadata) => null;
}
