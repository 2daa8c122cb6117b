namespace Microsoft.ML.Synthetic;

/// <summary>Group fairness of the data and of the TSTR model for a protected attribute and a binary label.</summary>
public sealed class FairnessOptions
{
    /// <summary>The protected attribute (a categorical column). Fairness is computed when this is set.</summary>
    public string? ProtectedAttribute { get; set; }

    /// <summary>The binary label; null uses <see cref="UtilityOptions.LabelColumn"/>.</summary>
    public string? LabelColumn { get; set; }

    /// <summary>The favourable label value; null uses <see cref="UtilityOptions.PositiveClass"/>, else the second real category in ordinal order.</summary>
    public string? PositiveClass { get; set; }
}
