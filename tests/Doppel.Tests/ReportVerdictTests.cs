using System.Text.Json.Nodes;
using Doppel.Evaluation.Reporting;

namespace Doppel.Tests;

/// <summary>The verdict's rules, on report JSON built by hand (each test names the numbers it judges).</summary>
public class ReportVerdictTests
{
    private static JsonObject Report(double categoryAdherence) => new()
    {
        ["accuracy"] = new JsonObject { ["overall"] = 0.995, ["ceiling"] = new JsonObject { ["overall"] = 0.996 } },
        ["diagnostics"] = new JsonObject
        {
            ["columns"] = new JsonArray(
                new JsonObject { ["column"] = "code", ["check"] = "CategoryAdherence", ["score"] = categoryAdherence },
                new JsonObject { ["column"] = "code", ["check"] = "CategoryCoverage", ["score"] = 0.0 }),
        },
        ["copyCheck"] = new JsonObject { ["identicalMatchShare"] = 0.0, ["trainingDuplicateShare"] = 0.0, ["copy"] = false, ["holdoutOverlaps"] = false },
    };

    [Fact]
    public void AColumnOfNothingButTheRareToken_IsNotExcellent()
    {
        // 100% _RARE_: no synthetic value is a real category, though the binned accuracy (all in "(other)") is 0.995.
        var report = Report(categoryAdherence: 0.0);
        ReportVerdict.Apply(report);
        Assert.Equal("fair", report["verdict"]!["level"]!.ToString());
        Assert.Contains("'code' (adherence 0.000)", report["verdict"]!["text"]!.ToString());
    }

    [Fact]
    public void RealCategories_KeepTheAccuracyLevel()
    {
        var report = Report(categoryAdherence: 1.0);
        ReportVerdict.Apply(report);
        Assert.Equal("excellent", report["verdict"]!["level"]!.ToString());
        Assert.False(report["verdict"]!["privacyFailure"]!.GetValue<bool>());
    }

    [Fact]
    public void ACopy_IsAPrivacyFailureWhateverTheAccuracy()
    {
        var report = Report(categoryAdherence: 1.0);
        report["copyCheck"] = new JsonObject { ["identicalMatchShare"] = 1.0, ["trainingDuplicateShare"] = 0.001, ["copy"] = true, ["holdoutOverlaps"] = false };
        ReportVerdict.Apply(report);
        Assert.Equal("poor", report["verdict"]!["level"]!.ToString());
        Assert.True(report["verdict"]!["privacyFailure"]!.GetValue<bool>());
    }
}

/// <summary>The copy check on typed tables.</summary>
public class CopyCheckTests
{
    private const string Csv = "x,c\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,a\n8,b\n";

    [Fact]
    public void ACopy_IsFlagged_AndAHoldoutEqualToTraining_Overlaps()
    {
        var (table, meta) = TestData.Load(Csv);
        var check = Doppel.Evaluation.CopyCheck.Compute(table, table, table, meta);
        Assert.Equal(1.0, check.IdenticalMatchShare);
        Assert.Equal(0.0, check.TrainingDuplicateShare);
        Assert.True(check.IsCopy);
        Assert.True(check.HoldoutOverlaps);
    }

    [Fact]
    public void ATableOfFewDistinctRows_IsNoCopyByChance()
    {
        // Every row repeats another: a fresh sample matches training rows by chance, so matches are no sign of copying.
        var (table, meta) = TestData.Load("c,d\na,x\na,x\nb,y\nb,y\na,x\nb,y\n");
        var check = Doppel.Evaluation.CopyCheck.Compute(table, table, null, meta);
        Assert.Equal(1.0, check.TrainingDuplicateShare);
        Assert.False(check.IsCopy);
    }
}
