using System.Globalization;
using System.Text;
using Doppel.Data;
using Doppel.Evaluation.Relational;
using Doppel.Evaluation.Sequences;
using Doppel.Relational;

namespace Doppel.Tests.Sequences;

public class SequenceEvaluationTests
{
    /// <summary>A one-table database of series e0, e1, ... with the given values at steps 1, 2, ...</summary>
    private static Database Series(params double[][] values)
    {
        var text = new StringBuilder("sensor,step,x\n");
        for (int e = 0; e < values.Length; e++)
            for (int t = 0; t < values[e].Length; t++)
                text.Append(CultureInfo.InvariantCulture, $"e{e},{t + 1},{values[e][t]}\n");
        using var source = FolderDatabase.Open(Readings(text.ToString()));
        var metadata = Doppel.Sequences.SequenceDeclaration.Apply(source.ReadMetadata(), ["readings(sensor):step"]);
        // A few distinct values would be detected categorical; these tests score x as a number.
        var table = metadata.Tables[0];
        metadata = metadata with { Tables = [table with { Columns = [.. table.Columns.Select(c => c.Name == "x" ? new Metadata.ColumnMetadata("x", Metadata.SemanticType.Numerical) : c)] }] };
        return Database.Read(source, metadata);
    }

    /// <summary>A new folder's readings.csv holding <paramref name="csv"/>.</summary>
    private static string Readings(string csv)
    {
        string folder = Path.Combine(Path.GetTempPath(), "doppel-seqeval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "readings.csv");
        File.WriteAllText(path, csv);
        return path;
    }

    private static SequenceQuality Score(Database real, Database synthetic, Database? holdout = null, IReadOnlyList<int>? lags = null) =>
        SequenceReport.Compute(real, synthetic, holdout, new SequenceEvaluationOptions { Lags = lags }).Single();

    [Fact]
    public void Compute_RealAgainstItself_ScoresOneEverywhere()
    {
        var real = SequenceData.Read(SequenceData.Baseball(), "seasons:year");
        var q = Score(real, real);
        Assert.Equal(1, q.Accuracy.Overall, 12);
        Assert.Equal(1, q.Accuracy.Coherence, 12);
        Assert.Equal(1, q.LengthSimilarity, 12);
        Assert.All(q.Statistics, s => Assert.Equal(1, s.Score, 12));
        Assert.All(q.InterRow, s => Assert.Equal(1, s.Score, 12));
        Assert.All(q.Autocorrelation, a => Assert.Equal(a.Real, a.Synthetic));
        Assert.Equal(1, q.OrderHolds);
        Assert.Null(q.AccuracyCeiling);
        Assert.Null(q.EntityDcrShare);
        // Every player is an entity, those without seasons too (the fixture gives some 0 seasons).
        Assert.Equal(150, q.RealEntities);
        Assert.True(q.RealLengths[0] > 0);
    }

    [Fact]
    public void InterRowAndStatistic_MatchTheirHandComputedKsComplement()
    {
        // Per-sequence mean steps: real 1, 2, 3, 4; synthetic 1, 2, 3, 10. KS D = 1/4 at x = 4.
        var real = Series([0, 1, 2], [0, 2, 4], [0, 3, 6], [0, 4, 8]);
        var synthetic = Series([0, 1, 2], [0, 2, 4], [0, 3, 6], [0, 10, 20]);
        var q = Score(real, synthetic);
        Assert.Equal(0.75, q.InterRow.Single(r => r.Column == "x").Score, 12);
        // Maxima 2, 4, 6, 8 against 2, 4, 6, 20: D = 1/4 too; minima all 0: 1.
        Assert.Equal(0.75, q.Statistics.Single(s => s.Column == "x" && s.Statistic == "max").Score, 12);
        Assert.Equal(1, q.Statistics.Single(s => s.Column == "x" && s.Statistic == "min").Score, 12);
    }

    [Fact]
    public void Autocorrelation_OfAnAlternatingSeries_IsMinusThreeQuartersAtLagOne()
    {
        // x = 1, −1, 1, −1: mean 0, Σ x² = 4, Σ x_t x_(t+1) = −3; lag 2: Σ x_t x_(t+2) = 2.
        var real = Series([1, -1, 1, -1]);
        var q = Score(real, real, lags: [1, 2, 4]);
        Assert.Equal(-0.75, q.Autocorrelation.Single(a => a.Lag == 1 && a.Column == "x").Real, 12);
        Assert.Equal(0.5, q.Autocorrelation.Single(a => a.Lag == 2 && a.Column == "x").Real, 12);
        Assert.True(double.IsNaN(q.Autocorrelation.Single(a => a.Lag == 4 && a.Column == "x").Real)); // no sequence is longer than the lag
    }

    [Fact]
    public void OrderHolds_CountsASequenceWrittenOutOfOrder()
    {
        var real = Series([1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1]);
        // e1's steps 3 and 2 are written the wrong way round.
        using var source = FolderDatabase.Open(Readings("sensor,step,x\ne0,1,1\ne0,2,2\ne0,3,3\ne1,1,4\ne1,3,6\ne1,2,5\ne2,1,7\ne2,2,8\ne2,3,9\ne3,1,1\ne3,2,1\ne3,3,1\n"));
        var shuffled = Database.Read(source, real.Metadata);
        Assert.Equal(0.75, Score(real, shuffled).OrderHolds, 12);
    }

    [Fact]
    public void Coherence_FallsWhenStepsAreDrawnFromOtherEntities()
    {
        var real = SequenceData.Read(SequenceData.Baseball(players: 300), "seasons:year");
        var seasons = real["seasons"];
        // Each season row keeps its player and year but takes the other columns of a season of a random player.
        var random = new Doppel.Sampling.RandomStream(5, 0);
        var donor = Enumerable.Range(0, seasons.RowCount).Select(_ => random.NextInt(seasons.RowCount)).ToArray();
        var mixed = TableRows.Select(seasons, donor);
        var columns = seasons.Columns.Select(c => c.Name is "players_id" or "year" ? c : mixed[c.Name]).ToList();
        var synthetic = real with { Tables = new Dictionary<string, Table>(real.Tables) { ["seasons"] = new Table(columns, seasons.RowCount) } };
        var q = Score(real, synthetic);
        // The marginals barely move (the same rows, redistributed), the sequences' coherence does.
        Assert.True(q.Accuracy.Univariate > 0.9, $"univariate {q.Accuracy.Univariate:0.000}");
        Assert.True(q.Accuracy.Coherence < 0.9, $"coherence {q.Accuracy.Coherence:0.000}");
    }

    [Fact]
    public void EntityDcrShare_IsOneForACopyAndAboutAHalfForUnseenEntities()
    {
        var train = SequenceData.Read(SequenceData.Baseball(players: 200, seed: 11), "seasons:year");
        var holdout = SequenceData.Read(SequenceData.Baseball(players: 200, seed: 12), "seasons:year");
        var unseen = SequenceData.Read(SequenceData.Baseball(players: 200, seed: 13), "seasons:year");
        var copy = Score(train, train, holdout);
        // 1 but for a tie (½) where the holdout holds the same entity too (a player without seasons, say).
        Assert.True(copy.EntityDcrShare > 0.99, $"a copy's entity DCR share {copy.EntityDcrShare:0.000}");
        Assert.Equal(1, copy.EntityIdenticalShare!.Value, 12);
        Assert.NotNull(copy.AccuracyCeiling);
        // A third real sample poses as synthetic: as close to training as to holdout. 200 entities: SD of the share ≤ 0.035.
        var fresh = Score(train, unseen, holdout);
        Assert.InRange(fresh.EntityDcrShare!.Value, 0.5 - 0.14, 0.5 + 0.14);
        Assert.True(fresh.EntityIdenticalShare < 0.05, $"identical share {fresh.EntityIdenticalShare:0.000}");
    }

    [Fact]
    public void Synthesized_BaseballSequences_ScoreNearTheirCeilingAndAreNoCopies()
    {
        var train = SequenceData.Read(SequenceData.Baseball(players: 400, seed: 21), "seasons:year");
        var holdout = SequenceData.Read(SequenceData.Baseball(players: 400, seed: 22), "seasons:year");
        var synthetic = DatabaseSynthesizer.Fit(train).Sample(new DatabaseSampleOptions { Seed = 1 });
        var quality = MultiTableReport.Compute(train, synthetic, holdout);
        var q = quality.Sequences.Single();
        Assert.Equal("seasons", q.Table);
        Assert.True(q.Accuracy.Overall > q.AccuracyCeiling!.Overall - 0.05, $"accuracy {q.Accuracy.Overall:0.000}, ceiling {q.AccuracyCeiling.Overall:0.000}");
        Assert.Equal(1, q.OrderHolds);
        Assert.True(q.EntityDcrShare < 0.6, $"entity DCR share {q.EntityDcrShare:0.000}");
        Assert.True(q.EntityIdenticalShare < 0.05, $"identical share {q.EntityIdenticalShare:0.000}");
    }

    [Fact]
    public void Window_ScoresConsecutiveWindowsAsSequences()
    {
        // Whole: mean steps 10/3 against 1, D = 1. Windows of 2: {1, 8} against {1, 1}, D = 1/2.
        var real = Series([0, 1, 2, 10]);
        var synthetic = Series([0, 1, 2, 3]);
        Assert.Equal(0, Score(real, synthetic).InterRow.Single(r => r.Column == "x").Score, 12);
        var days = SequenceReport.Compute(real, synthetic, null, new SequenceEvaluationOptions { Window = 2 }).Single();
        Assert.Equal(0.5, days.InterRow.Single(r => r.Column == "x").Score, 12);
        Assert.Equal(2, days.Window);
        Assert.Equal(1, days.RealEntities); // lengths, order and privacy stay per whole sequence
        Assert.Throws<DoppelException>(() => SequenceReport.Compute(real, synthetic, null, new SequenceEvaluationOptions { Window = 1 }));
    }

    [Fact]
    public void Compute_LagBelowOne_IsAUsageError()
    {
        var real = Series([1, 2, 3]);
        var e = Assert.Throws<DoppelException>(() => Score(real, real, lags: [0]));
        Assert.Equal(ErrorKind.Usage, e.Kind);
    }
}
