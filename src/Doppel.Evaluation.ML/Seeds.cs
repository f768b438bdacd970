namespace Doppel.Evaluation.ML;

/// <summary>Derives the int seeds ML.NET and LightGBM take from a Doppel seed.</summary>
internal static class Seeds
{
    /// <summary>A non-negative int from <paramref name="seed"/> (the same on every machine).</summary>
    public static int LightGbm(ulong seed) => (int)(seed % int.MaxValue);
}
