namespace Microsoft.ML.Synthetic;

/// <summary>
/// How far the synthetic rows follow the constraints declared in <see cref="EvaluationOptions.ReadOptions"/>
/// (<see cref="TabularDataOptions.Constraints"/>), and the declared metadata the evaluation read the tables with.
/// </summary>
public sealed class ConstraintValidityResult
{
    internal ConstraintValidityResult(IReadOnlyList<ConstraintValidity> constraints, double validity, IReadOnlyList<string> metadata)
    {
        Constraints = constraints;
        Validity = validity;
        Metadata = metadata;
    }

    /// <summary>Each declared constraint with the share of rows that follow it.</summary>
    public IReadOnlyList<ConstraintValidity> Constraints { get; }

    /// <summary>The share of synthetic rows that follow every declared constraint (1 when none is declared); <c>constraints.validity</c> in <see cref="QualityReport.Scores"/>.</summary>
    public double Validity { get; }

    /// <summary>The declared metadata (<see cref="TabularDataOptions.Metadata"/>), one line per column (<c>age: numerical, integer, [0, 120]</c>); empty when none was declared.</summary>
    public IReadOnlyList<string> Metadata { get; }
}

/// <summary>One declared constraint: the share of synthetic (and real) rows that follow it.</summary>
/// <param name="Constraint">The constraint's name (<c>Inequality(checkin ≤ checkout)</c>).</param>
/// <param name="SyntheticValidity">The share of synthetic rows that follow it.</param>
/// <param name="RealValidity">The share of real rows that follow it (1 when the synthesizer was fitted with it: it refuses training rows that break it).</param>
/// <param name="SyntheticViolations">How many synthetic rows break it.</param>
public sealed record ConstraintValidity(string Constraint, double SyntheticValidity, double RealValidity, int SyntheticViolations);
