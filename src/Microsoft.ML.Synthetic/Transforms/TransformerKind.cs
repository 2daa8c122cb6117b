namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>The kinds of <see cref="ColumnTransformer"/>, as <see cref="TransformerFile"/> tags them (values are saved: never renumber).</summary>
internal enum TransformerKind
{
    /// <summary>A number as is, with a missing-value indicator when the column had missing values (<see cref="NumberTransformer"/>).</summary>
    Number = 1,

    /// <summary>A category as its integer code, missing values as one more code (<see cref="CategoryCodeTransformer"/>).</summary>
    CategoryCode = 2,

    /// <summary>A category as a one-hot, rare categories grouped, missing values as one more slot (<see cref="OneHotTransformer"/>).</summary>
    OneHot = 3,

    /// <summary>A category as the mean normal score of its frequency interval (<see cref="FrequencyIntervalTransformer"/>).</summary>
    FrequencyInterval = 4,

    /// <summary>A number by mode-specific normalization (<see cref="ModeSpecificTransformer"/>).</summary>
    ModeSpecific = 5,

    /// <summary>A number as the normal score of its empirical quantile (<see cref="QuantileTransformer"/>).</summary>
    Quantile = 6,

    /// <summary>A number as the normal score Φ⁻¹(F(x)) of a fitted marginal distribution (<see cref="NormalScoreTransformer"/>).</summary>
    NormalScore = 7,

    /// <summary>A number as the rank of its value among the distinct training values (<see cref="RankTransformer"/>).</summary>
    Rank = 8,
}
