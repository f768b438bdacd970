using Doppel.Metadata;
using Doppel.Relational;
using Doppel.Sequences;

namespace Doppel.Tests.Sequences;

/// <summary>A state machine declared for a categorical column of a sequence table (issue #12 §4).</summary>
public class DeclaredTransitionTests
{
    // The real teams move T(k) -> T(k+1) in 30% of seasons; the declaration allows only staying, except T0 -> T3
    // (never seen) and T1 -> T2.
    private static readonly string[] Declaration =
        ["seasons.team: T0 -> T0, T0 -> T3, T1 -> T1, T1 -> T2, T2 -> T2, T3 -> T3, T4 -> T4, T5 -> T5"];

    private static Database Real() =>
        SequenceData.Read(SequenceData.Baseball(players: 200), "seasons:year") is var real
            ? real with { Metadata = SequenceDeclaration.ApplyTransitions(real.Metadata, Declaration) }
            : throw new InvalidOperationException();

    [Fact]
    public void Declared_OnlyDeclaredStepsAreGenerated_AndBrokenRealStepsReported()
    {
        var evidence = new List<string>();
        var model = DatabaseSynthesizer.Fit(Real(), new DatabaseSynthesizerOptions { Evidence = evidence });
        Assert.Contains(evidence, e => e.Contains("column 'team': 8 transitions declared", StringComparison.Ordinal) && e.Contains("real steps break them", StringComparison.Ordinal));
        var seasons = model.Sample(new DatabaseSampleOptions { Seed = 3 })["seasons"];
        var team = KeyValues.Texts(seasons["team"]);
        var player = KeyValues.Texts(seasons["players_id"]);
        int steps = 0;
        for (int i = 1; i < team.Length; i++)
        {
            if (player[i] != player[i - 1]) continue;
            steps++;
            string pair = $"{team[i - 1]} -> {team[i]}";
            Assert.True(Declaration[0].Contains(pair, StringComparison.Ordinal), $"undeclared step {pair}");
        }
        Assert.True(steps > 300, $"{steps} steps checked");
    }

    [Fact]
    public void Declared_AValueTheColumnNeverHolds_IsAMetadataError()
    {
        var real = SequenceData.Read(SequenceData.Baseball(players: 60), "seasons:year");
        var metadata = SequenceDeclaration.ApplyTransitions(real.Metadata, ["seasons.team: T0 -> T9"]);
        var error = Assert.Throws<DoppelException>(() => DatabaseSynthesizer.Fit(real with { Metadata = metadata }));
        Assert.Equal(ErrorKind.Metadata, error.Kind);
        Assert.Contains("'T0 -> T9' of column 'team' names 'T9', which the column never holds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_AStateWhoseEveryNextValueIsRare_IsAMetadataError_UnlessRareValuesAreKept()
    {
        string folder = SequenceData.Baseball(players: 60);
        string seasons = Path.Combine(folder, "seasons.csv");
        var lines = File.ReadAllLines(seasons);
        for (int i = lines.Length - 2; i < lines.Length; i++) lines[i] = lines[i][..lines[i].LastIndexOf(',')] + ",TX"; // two rows
        File.WriteAllLines(seasons, lines);
        var real = SequenceData.Read(folder, "seasons:year");
        var metadata = SequenceDeclaration.ApplyTransitions(real.Metadata, ["seasons.team: T0 -> TX"]);
        var error = Assert.Throws<DoppelException>(() => DatabaseSynthesizer.Fit(real with { Metadata = metadata }));
        Assert.Equal(ErrorKind.Metadata, error.Kind);
        Assert.Contains("after 'T0' column 'team' may only hold 'TX', each held by fewer than 5 later steps", error.Message, StringComparison.Ordinal);
        var kept = DatabaseSynthesizer.Fit(real with { Metadata = metadata }, new DatabaseSynthesizerOptions { Table = new() { KeepRare = true } });
        Assert.NotNull(kept);
    }

    [Theory]
    [InlineData("seasons.team T0 -> T1", "is not TABLE.COLUMN: FROM -> TO")]
    [InlineData("seasons.team: T0 T1", "is not TABLE.COLUMN: FROM -> TO")]
    [InlineData("players.country: USA -> CAN", "'players' is not a sequence table")]
    [InlineData("seasons.nope: T0 -> T1", "names column 'nope'")]
    public void Declaration_Malformed_IsAUsageError(string text, string expected)
    {
        var real = SequenceData.Read(SequenceData.Baseball(players: 30), "seasons:year");
        var error = Assert.Throws<DoppelException>(() => SequenceDeclaration.ApplyTransitions(real.Metadata, [text]));
        Assert.Equal(ErrorKind.Usage, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataJson_RoundTripsDeclaredTransitions()
    {
        var real = Real();
        var read = MetadataJson.Parse(MetadataJson.Write(real.Metadata));
        var transitions = read.FindTable("seasons")!.Sequence!.Transitions;
        Assert.Equal(["T0 -> T0", "T0 -> T3", "T1 -> T1", "T1 -> T2", "T2 -> T2", "T3 -> T3", "T4 -> T4", "T5 -> T5"], transitions["team"].Select(t => t.ToString()));
        Assert.Throws<DoppelException>(() => MetadataJson.Parse(MetadataJson.Write(real.Metadata).Replace("T0 -> T3", "T0 T3", StringComparison.Ordinal)));
    }
}
