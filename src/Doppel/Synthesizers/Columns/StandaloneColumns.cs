using Doppel.Data;
using Doppel.Metadata;
using Doppel.Sampling;

namespace Doppel.Synthesizers.Columns;

/// <summary>
/// Ids, text and PII: generated on their own by every synthesizer (unique keys from the row index, text and PII
/// from shapes and word statistics), never from the other columns.
/// </summary>
internal static class StandaloneColumns
{
    /// <summary>The column model of metadata column <paramref name="index"/> (its fit randomness is stream <paramref name="index"/> of the fit seed).</summary>
    public static ColumnModel Fit(Column column, ColumnMetadata meta, SynthesizerOptions options, int index)
    {
        if (meta.Type == SemanticType.Id) return IdColumnModel.Fit(column).Model;
        var random = new RandomStream(options.FitSeed, (ulong)index);
        return PatternColumnModel.Fit(column, meta, options, ref random).Model;
    }
}
