using Doppel.Sampling;

namespace Doppel.Evaluation;

/// <summary>Seeded choices of rows for the privacy metrics, each from its own <see cref="RandomStream"/>.</summary>
internal static class RowSampling
{
    /// <summary>Stream numbers, one per purpose, so that one choice never shifts another.</summary>
    public const ulong TrainingCut = 1, HoldoutCut = 2, SyntheticQueries = 3, HoldoutQueries = 4, ScanOrder = 5,
        SinglingOutOrder = 6, LinkabilityTargets = 7, LinkabilityControls = 8, InferenceTargets = 9, InferenceControls = 10,
        MembershipMembers = 11, MembershipNonMembers = 12;

    /// <summary>
    /// <paramref name="take"/> distinct rows of <c>0 … count − 1</c> in ascending order, drawn without replacement
    /// (a partial Fisher–Yates shuffle); every row when <paramref name="take"/> ≥ <paramref name="count"/>.
    /// </summary>
    public static int[] Choose(int count, int take, ulong seed, ulong stream)
    {
        var all = new int[count];
        for (int i = 0; i < count; i++) all[i] = i;
        if (take >= count) return all;
        var random = new RandomStream(seed, stream);
        for (int i = 0; i < take; i++)
        {
            int j = i + random.NextInt(count - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var chosen = all[..take];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>The rows of <c>0 … count − 1</c> not in the ascending <paramref name="chosen"/>.</summary>
    public static int[] Complement(int count, int[] chosen)
    {
        var rest = new int[count - chosen.Length];
        int next = 0, r = 0;
        foreach (int c in chosen)
        {
            while (next < c) rest[r++] = next++;
            next = c + 1;
        }
        while (next < count) rest[r++] = next++;
        return rest;
    }
}
