using Microsoft.ML;
using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic.Tests.TrainOnly.Matrix;

/// <summary>What a train-only stage does to the rows, for the independent expectations of the matrix.</summary>
internal enum StageKind
{
    /// <summary>Real rows first, then new rows until every class has the majority's count.</summary>
    Balance,

    /// <summary>Real rows first, then new rows (ADASYN: counts follow its weights, not exact balance).</summary>
    Grow,

    /// <summary>Synthetic rows only, as many per class as the real rows.</summary>
    Replace,

    /// <summary>The same rows, one column noised.</summary>
    Noise,
}

/// <summary>One train-only stage of the matrix: the columns of its data, how to make it, and what it does.</summary>
internal sealed record MatrixStage(string Name, string[] Columns, StageKind Kind, Func<MLContext, IEstimator<ITransformer>> Create,
    double Epsilon = 0, double Delta = 0, string? NoisedColumn = null)
{
    public bool IsDp => Epsilon > 0;

    public override string ToString() => Name;
}

internal static class MatrixStages
{
    private static readonly string[] Numeric = ["A", "B", "Label"];
    private static readonly string[] Mixed = ["A", "B", "Cat", "Label"];
    private static readonly string[] Categorical = ["Cat", "Cat2", "Label"];
    private static readonly string[] All = ["A", "B", "Cat", "Cat2", "Label"];

    public static readonly MatrixStage[] Stages =
    [
        new("Smote", Numeric, StageKind.Balance, ml => ml.Synthetic().Resampling.Smote("Label", kNeighbors: 3, seed: 5)),
        new("SmoteNc", Mixed, StageKind.Balance, ml => ml.Synthetic().Resampling.SmoteNc("Label", kNeighbors: 3, seed: 5)),
        new("Smoten", Categorical, StageKind.Balance, ml => ml.Synthetic().Resampling.Smoten("Label", kNeighbors: 3, seed: 5)),
        new("BorderlineSmote", Numeric, StageKind.Balance, ml => ml.Synthetic().Resampling.BorderlineSmote("Label", kNeighbors: 3, mNeighbors: 6, seed: 5)),
        new("Adasyn", Numeric, StageKind.Grow, ml => ml.Synthetic().Resampling.Adasyn("Label", nNeighbors: 3, seed: 5)),
        new("RandomOverSample", All, StageKind.Balance, ml => ml.Synthetic().Resampling.RandomOverSample("Label", seed: 5)),
        new("OversampleCopula", All, StageKind.Balance, ml => ml.Synthetic().Oversample("Label", ml.Synthetic().Synthesizers.GaussianCopula(seed: 7), seed: 5)),
        new("AugmentCopula", All, StageKind.Grow, ml => ml.Synthetic().Resampling.Augment(ml.Synthetic().Synthesizers.GaussianCopula(seed: 7), new AugmentOptions { Fraction = 0.5 }, "Label", seed: 5)),
        new("ReplaceCopula", All, StageKind.Replace, ml => ml.Synthetic().Replace(ml.Synthetic().Synthesizers.GaussianCopula(seed: 7), "Label", seed: 5)),
        new("AddLaplaceNoise", All, StageKind.Noise, ml => ml.Synthetic().Privacy.AddLaplaceNoise("A", 0.5, 0, 20), Epsilon: 0.5, NoisedColumn: "A"),
        new("AddGaussianNoise", All, StageKind.Noise, ml => ml.Synthetic().Privacy.AddGaussianNoise("A", 0.5, 1e-5, 0, 20), Epsilon: 0.5, Delta: 1e-5, NoisedColumn: "A"),
        new("RandomizedResponse", All, StageKind.Noise, ml => ml.Synthetic().Privacy.RandomizedResponse("Cat", 0.5, MatrixData.Categories), Epsilon: 0.5, NoisedColumn: "Cat"),
    ];

    public static MatrixStage Get(string name) => Stages.Single(s => s.Name == name);

    /// <summary>The label and feature columns a trainer needs after the stage (one-hot for the text columns).</summary>
    public static IEstimator<ITransformer> Featurize(MLContext ml, string[] columns)
    {
        var text = columns.Where(c => c is "Cat" or "Cat2").ToArray();
        var numeric = columns.Where(c => c is "A" or "B").ToArray();
        var features = numeric.Concat(text.Select(c => c + "Oh")).ToArray();
        IEstimator<ITransformer> concat = ml.Transforms.Concatenate("Features", features);
        return text.Length == 0 ? concat
            : ml.Transforms.Categorical.OneHotEncoding(text.Select(c => new InputOutputColumnPair(c + "Oh", c)).ToArray()).Append(concat);
    }
}
