namespace Doppel.Evaluation.ML;

/// <summary>What a LightGBM model learns.</summary>
internal enum TaskKind
{
    /// <summary>Two classes: class 1 against class 0.</summary>
    Binary,
    /// <summary>Three or more classes (softmax).</summary>
    Multiclass,
    /// <summary>A number (squared error).</summary>
    Regression,
}
