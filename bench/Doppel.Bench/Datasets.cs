using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Bench;

/// <summary>A benchmark dataset: its training file and either a holdout file or an 80/20 split (seed 0).</summary>
internal sealed record Dataset(string Name, string TrainFile, string? HoldoutFile)
{
    /// <summary>The single-table datasets of ../shared/datasets (GUIDE section 5).</summary>
    public static IReadOnlyList<Dataset> All(string folder) =>
    [
        new("adult", Path.Combine(folder, "adult", "adult.csv"), Path.Combine(folder, "adult", "adult_test.csv")),
        new("credit_default", Path.Combine(folder, "credit_default", "credit_default.csv"), null),
        new("california_housing", Path.Combine(folder, "california_housing", "california_housing.csv"), null),
        new("diamonds", Path.Combine(folder, "diamonds", "diamonds.csv"), null),
        new("nyc_taxis", Path.Combine(folder, "nyc_taxis", "nyc_taxis.csv"), null),
        new("seattle_weather", Path.Combine(folder, "seattle_weather", "seattle_weather.csv"), null),
        new("beijing_air_quality", Path.Combine(folder, "beijing_air_quality", "beijing_air_quality.csv"), null),
    ];

    /// <summary>Training and holdout tables typed with metadata detected from the whole training file.</summary>
    public (Table Train, Table Holdout, TableMetadata Metadata) Load()
    {
        var raw = TableFiles.ReadRaw(TrainFile);
        var metadata = MetadataDetector.Detect(raw, Name);
        var table = TableConverter.Convert(raw, metadata);
        if (HoldoutFile is not null)
        {
            var holdout = TableConverter.Convert(TableFiles.ReadRaw(HoldoutFile), metadata);
            return (table, holdout, metadata);
        }
        // 80/20 split with a fixed seed; no model ever sees the 20%.
        var (train, rest) = TableRows.Split(table, 0.8, seed: 0);
        return (train, rest, metadata);
    }
}
