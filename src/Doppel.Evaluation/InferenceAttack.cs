using System.Numerics;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Evaluation;

/// <summary>
/// Anonymeter's inference attack (Giomi et al. 2022): the attacker knows every scored column of a target but the
/// secret, takes the nearest synthetic row on those columns and guesses its secret. A guess is right when equal,
/// for a number secret when |guess − secret| ≤ tolerance·|secret|, for a datetime secret when within tolerance ×
/// the training range; two nulls are equal. Run on training targets and, as the control, on holdout targets.
/// </summary>
internal static class InferenceAttack
{
    /// <summary>Runs the attack on <paramref name="targets"/> training rows and as many holdout rows.</summary>
    public static AnonymeterRisk Run(PrivacyEncoding encoding, int[] order, int secret, int targets, PrivacyRiskOptions options)
    {
        if (secret < 0) return AnonymeterRisk.NotApplicable;
        var allSynthetic = Enumerable.Range(0, encoding.RowCounts[(int)PrivacyPart.Synthetic]).ToArray();
        var known = CandidateBlocks.Build(encoding, PrivacyPart.Synthetic, allSynthetic, [.. order.Where(c => c != secret)]);
        int attack = Correct(encoding, PrivacyPart.Train, RowSampling.Choose(encoding.RowCounts[(int)PrivacyPart.Train], targets, options.Seed, RowSampling.InferenceTargets), known, secret, options);
        int control = Correct(encoding, PrivacyPart.Holdout, RowSampling.Choose(encoding.RowCounts[(int)PrivacyPart.Holdout], targets, options.Seed, RowSampling.InferenceControls), known, secret, options);
        return AnonymeterRisk.FromCounts(attack, control, targets);
    }

    private static int Correct(PrivacyEncoding encoding, PrivacyPart part, int[] rows, CandidateBlocks known, int secret, PrivacyRiskOptions options)
    {
        var correct = new bool[rows.Length];
        RowLoop.Run(rows.Length, known.Count, options, (begin, end) =>
        {
            var query = new Vector<float>[known.Columns.Length];
            Span<float> distance = stackalloc float[1];
            Span<int> nearest = stackalloc int[1];
            for (int t = begin; t < end; t++)
            {
                known.Broadcast(encoding, part, rows[t], query);
                NearestNeighbors.TopK(known, query, distance, nearest);
                correct[t] = IsRight(encoding, PrivacyPart.Synthetic, known.Rows[nearest[0]], part, rows[t], secret, options.InferenceTolerance);
            }
        });
        return correct.Count(c => c);
    }

    /// <summary>Whether the guessed secret (a synthetic row's) counts as the target's.</summary>
    internal static bool IsRight(PrivacyEncoding encoding, PrivacyPart guessPart, int guessRow, PrivacyPart targetPart, int targetRow, int secret, double tolerance)
    {
        int guessCode = encoding.Code(guessPart, guessRow, secret), targetCode = encoding.Code(targetPart, targetRow, secret);
        if (guessCode < 0 || targetCode < 0) return guessCode == targetCode;
        if (guessCode == targetCode) return true;
        bool numerical = encoding.Columns[secret].Type == SemanticType.Numerical && encoding.Storage[secret] == ColumnKind.Number;
        bool datetime = encoding.Columns[secret].Type == SemanticType.Datetime && encoding.Storage[secret] == ColumnKind.DateTime;
        if (!numerical && !datetime) return false;
        double guess = encoding.Number(guessPart, guessRow, secret), truth = encoding.Number(targetPart, targetRow, secret);
        double allowed = numerical ? tolerance * Math.Abs(truth) : tolerance * encoding.Ranges[secret];
        return Math.Abs(guess - truth) <= allowed; // a NaN range (all training nulls) allows nothing
    }
}
