using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>
/// A column the quality report scores, read once from both tables: numerical and datetime columns keep their
/// values (<see cref="Numbers"/>) and get equal-width bins for contingency tables; categorical and boolean
/// columns are coded over the union of categories. <see cref="Codes"/> is the discrete form of either.
/// </summary>
internal sealed class ScoredColumn
{
    private ScoredColumn(string name, NumericValues? numbers, DiscreteCodes codes)
    {
        Name = name;
        Numbers = numbers;
        Codes = codes;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The values, for numerical and datetime columns; null for categorical and boolean ones.</summary>
    public NumericValues? Numbers { get; }

    /// <summary>Category codes, or bins of the values.</summary>
    public DiscreteCodes Codes { get; }

    /// <summary>True for numerical and datetime columns.</summary>
    public bool IsContinuous => Numbers is not null;

    /// <summary>True for the semantic types SDMetrics treats as continuous.</summary>
    public static bool Continuous(ColumnMetadata column) => column.Type is SemanticType.Numerical or SemanticType.Datetime;

    /// <summary>Reads <paramref name="column"/> from both tables (already checked by <see cref="TablePair"/>), coded as <paramref name="variant"/> says.</summary>
    public static ScoredColumn Prepare(ColumnMetadata column, Table real, Table synthetic, QualityVariant variant = QualityVariant.Doppel)
    {
        bool sdMetrics = variant == QualityVariant.SdMetrics;
        if (Continuous(column))
        {
            var numbers = NumericValues.Of(real[column.Name], synthetic[column.Name]);
            return new ScoredColumn(column.Name, numbers, sdMetrics ? DiscreteCodes.FromOwnRangeBins(numbers) : DiscreteCodes.FromBins(numbers));
        }
        return new ScoredColumn(column.Name, null, DiscreteCodes.FromCategories(real[column.Name], synthetic[column.Name], nullIsCategory: sdMetrics));
    }
}
