using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Doppel.Evaluation.ML;

/// <summary>
/// A trained LightGBM model (or a constant one, when the training labels hold a single class or value) that
/// predicts rows of a <see cref="FeatureMatrix"/>.
/// </summary>
internal sealed class GbmModel
{
    private readonly ITransformer? _transformer;
    private readonly double _constant;

    private GbmModel(ITransformer? transformer, TaskKind task, int classCount, double constant)
    {
        _transformer = transformer;
        Task = task;
        ClassCount = classCount;
        _constant = constant;
    }

    /// <summary>What the model predicts.</summary>
    public TaskKind Task { get; }

    /// <summary>Number of classes (1 for binary and regression outputs).</summary>
    public int ClassCount { get; }

    /// <summary>True when the training labels were all the same, so the model predicts that label everywhere.</summary>
    public bool IsConstant => _transformer is null;

    /// <summary>
    /// Trains on rows <paramref name="rows"/> of <paramref name="features"/> with per-row <paramref name="labels"/>
    /// (class index or value).
    /// </summary>
    public static GbmModel Train(FeatureMatrix features, int[] rows, double[] labels, TaskKind task, int classCount, LightGbmOptions options, int seed)
    {
        var context = new MLContext(seed);
        double first = labels[rows[0]];
        bool constant = true;
        foreach (int row in rows)
            if (labels[row] != first) { constant = false; break; }
        if (constant)
            return new GbmModel(null, task, classCount, first);

        var view = new FeatureDataView(features, rows, labels, task, classCount);
        IEstimator<ITransformer> trainer = task switch
        {
            TaskKind.Binary => context.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = options.Iterations, NumberOfLeaves = options.Leaves, LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinRowsPerLeaf, NumberOfThreads = options.Threads, Seed = seed,
                UseCategoricalSplit = true, Booster = new GradientBooster.Options(),
            }),
            TaskKind.Multiclass => context.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfIterations = options.Iterations, NumberOfLeaves = options.Leaves, LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinRowsPerLeaf, NumberOfThreads = options.Threads, Seed = seed,
                UseCategoricalSplit = true, Booster = new GradientBooster.Options(), UseSoftmax = true,
            }),
            _ => context.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfIterations = options.Iterations, NumberOfLeaves = options.Leaves, LearningRate = options.LearningRate,
                MinimumExampleCountPerLeaf = options.MinRowsPerLeaf, NumberOfThreads = options.Threads, Seed = seed,
                UseCategoricalSplit = true, Booster = new GradientBooster.Options(),
            }),
        };
        return new GbmModel(trainer.Fit(view), task, classCount, 0);
    }

    /// <summary>
    /// Predicts rows <paramref name="rows"/> of <paramref name="features"/>: the probability of class 1 (binary),
    /// <see cref="ClassCount"/> class probabilities per row, row-major (multiclass), or the value (regression).
    /// </summary>
    public float[] Predict(FeatureMatrix features, int[] rows)
    {
        int stride = Task == TaskKind.Multiclass ? ClassCount : 1;
        var result = new float[rows.Length * stride];
        if (_transformer is null)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                if (Task == TaskKind.Multiclass) result[i * stride + (int)_constant] = 1f;
                else result[i] = (float)_constant;
            }
            return result;
        }
        var scored = _transformer.Transform(new FeatureDataView(features, rows, new double[features.Rows], Task, ClassCount));
        var column = scored.Schema[Task == TaskKind.Binary ? "Probability" : "Score"];
        using var cursor = scored.GetRowCursor([column]);
        int i2 = 0;
        if (Task == TaskKind.Multiclass)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> scores = default;
            while (cursor.MoveNext())
            {
                getter(ref scores);
                scores.CopyTo(result.AsSpan(i2 * stride, stride));
                i2++;
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(column);
            float value = 0;
            while (cursor.MoveNext())
            {
                getter(ref value);
                result[i2++] = value;
            }
        }
        return result;
    }
}
