namespace Microsoft.ML.Synthetic;

/// <summary>
/// SMOTE (Chawla, Bowyer, Hall and Kegelmeyer, "SMOTE: Synthetic Minority Over-sampling Technique", JAIR 16, 2002),
/// as imbalanced-learn defines it: for each new row, a uniformly drawn row of the class and one of its k nearest
/// same-class neighbours (Euclidean distance on the continuous features), and a uniform step along the segment
/// between them. Every feature must be continuous and free of missing values.
/// </summary>
public sealed class Smote : InterpolationOversampler
{
    /// <summary>Creates SMOTE.</summary>
    public Smote(SmoteOptions options)
        : base(options)
    {
    }

    /// <inheritdoc/>
    public override string Name => "SMOTE";
}
