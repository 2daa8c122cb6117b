namespace Microsoft.ML.Synthetic.Oversampling;

/// <summary>
/// The pairs an interpolating oversampler draws: new row i lies at <c>base + Steps[i] × (neighbour − base)</c>.
/// Row numbers index the stage's training table.
/// </summary>
internal sealed class InterpolationPairs
{
    public InterpolationPairs(int count, int k)
    {
        Bases = new int[count];
        Neighbors = new int[count];
        Steps = new double[count];
        K = k;
        Neighborhoods = new int[count * k];
    }

    /// <summary>The row each new row is built from (it also gives the copied columns and the label).</summary>
    public int[] Bases { get; }

    /// <summary>The row each new row is interpolated towards.</summary>
    public int[] Neighbors { get; }

    /// <summary>The position on the segment, in [0, step size).</summary>
    public double[] Steps { get; }

    /// <summary>Neighbours per base in <see cref="Neighborhoods"/>.</summary>
    public int K { get; }

    /// <summary>The k neighbours of each new row's base, row-major (SMOTE-NC takes categories from them).</summary>
    public int[] Neighborhoods { get; }

    /// <summary>Concatenates two sets of pairs with the same k.</summary>
    public static InterpolationPairs Concat(InterpolationPairs a, InterpolationPairs b)
    {
        var result = new InterpolationPairs(a.Bases.Length + b.Bases.Length, a.K);
        a.Bases.CopyTo(result.Bases, 0);
        b.Bases.CopyTo(result.Bases, a.Bases.Length);
        a.Neighbors.CopyTo(result.Neighbors, 0);
        b.Neighbors.CopyTo(result.Neighbors, a.Bases.Length);
        a.Steps.CopyTo(result.Steps, 0);
        b.Steps.CopyTo(result.Steps, a.Bases.Length);
        a.Neighborhoods.CopyTo(result.Neighborhoods, 0);
        b.Neighborhoods.CopyTo(result.Neighborhoods, a.Neighborhoods.Length);
        return result;
    }
}
