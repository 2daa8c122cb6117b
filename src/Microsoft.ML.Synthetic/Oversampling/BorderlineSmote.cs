using Microsoft.ML.Synthetic.Oversampling;
namespace Microsoft.ML.Synthetic;

/// <summary>Which Borderline-SMOTE of Han, Wang and Mao (2005).</summary>
public enum BorderlineSmoteKind
{
    /// <summary>Borderline-SMOTE1: interpolate from DANGER rows towards same-class neighbours.</summary>
    Borderline1,

    /// <summary>
    /// Borderline-SMOTE2: as 1 for a Beta(10, 10) share of the rows; the rest interpolate from DANGER rows towards
    /// their k nearest rows of the other classes, with steps in [0, 0.5) so the new row stays nearer its own class.
    /// </summary>
    Borderline2,
}

/// <summary>Settings of Borderline-SMOTE.</summary>
public sealed class BorderlineSmoteOptions : SmoteOptions
{
    /// <summary>Neighbours among all rows that decide whether a row is in DANGER (imbalanced-learn's <c>m_neighbors</c>, default 10).</summary>
    public int MNeighbors { get; set; } = 10;

    /// <summary>Borderline-SMOTE1 (default) or 2.</summary>
    public BorderlineSmoteKind Kind { get; set; } = BorderlineSmoteKind.Borderline1;
}

/// <summary>
/// Borderline-SMOTE (Han, Wang and Mao, "Borderline-SMOTE: A New Over-Sampling Method in Imbalanced Data Sets
/// Learning", ICIC 2005), as imbalanced-learn defines it: a row of the growing class is in DANGER when at least half,
/// but not all, of its m nearest neighbours among all rows belong to other classes; only DANGER rows are bases.
/// When no row is in DANGER the class gets no new rows (as in imbalanced-learn); the stage's summary shows it.
/// </summary>
public sealed class BorderlineSmote : InterpolationOversampler
{
    /// <summary>Creates Borderline-SMOTE.</summary>
    public BorderlineSmote(BorderlineSmoteOptions options)
        : base(options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MNeighbors, 1, nameof(options.MNeighbors));
        MNeighbors = options.MNeighbors;
        Kind = options.Kind;
    }

    /// <summary>Neighbours among all rows that decide DANGER.</summary>
    public int MNeighbors { get; }

    /// <summary>Borderline-SMOTE1 or 2.</summary>
    public BorderlineSmoteKind Kind { get; }

    /// <inheritdoc/>
    public override string Name => Kind == BorderlineSmoteKind.Borderline1 ? "Borderline-SMOTE1" : "Borderline-SMOTE2";

    /// <summary>The rows of the class in DANGER: m/2 ≤ (neighbours of other classes) &lt; m.</summary>
    internal int[] DangerRows(FeatureSpace space, int classIndex)
    {
        var rows = space.Request.ClassRows[classIndex];
        int all = space.RowClass.Length;
        if (all - 1 < MNeighbors)
        {
            throw new ArgumentException($"{Name}: the data has {all} rows; m = {MNeighbors} neighbours need at least {MNeighbors + 1}.", nameof(space));
        }

        var nn = Neighbors(space, classIndex, rows, Enumerable.Range(0, all).ToArray(), MNeighbors);
        var danger = new List<int>();
        for (int i = 0; i < rows.Length; i++)
        {
            int other = 0;
            for (int j = 0; j < MNeighbors; j++)
            {
                if (space.RowClass[nn[(i * MNeighbors) + j]] != classIndex)
                {
                    other++;
                }
            }

            if (other >= MNeighbors / 2.0 && other < MNeighbors)
            {
                danger.Add(rows[i]);
            }
        }

        return [.. danger];
    }

    private protected override InterpolationPairs DrawPairs(FeatureSpace space, int classIndex, int count, Random random)
    {
        var rows = space.Request.ClassRows[classIndex];
        RequireRows(space.Request, classIndex, KNeighbors + 1, $"{Name} with k = {KNeighbors} neighbours");
        var danger = DangerRows(space, classIndex);
        if (danger.Length == 0)
        {
            return new InterpolationPairs(0, KNeighbors);
        }

        var sameClass = Neighbors(space, classIndex, danger, rows, KNeighbors);
        if (Kind == BorderlineSmoteKind.Borderline1)
        {
            return UniformPairs(danger, sameClass, KNeighbors, count, 1.0, random);
        }

        double fraction = Beta10(random);
        int first = Math.Min(count, (int)(fraction * (count + 1)));
        var own = UniformPairs(danger, sameClass, KNeighbors, first, 1.0, random);
        var others = space.OtherRows(classIndex);
        if (others.Length < KNeighbors)
        {
            throw new ArgumentException($"{Name}: the other classes have {others.Length} rows; k = {KNeighbors} neighbours need at least {KNeighbors}.", nameof(space));
        }

        var otherClass = Neighbors(space, classIndex, danger, others, KNeighbors);
        return InterpolationPairs.Concat(own, UniformPairs(danger, otherClass, KNeighbors, count - first, 0.5, random));
    }

    /// <summary>A Beta(10, 10) draw: G1 / (G1 + G2) with G ~ Gamma(10, 1), each the sum of 10 unit exponentials.</summary>
    private static double Beta10(Random random)
    {
        double Gamma10()
        {
            double sum = 0;
            for (int i = 0; i < 10; i++)
            {
                sum -= Math.Log(1 - random.NextDouble());
            }

            return sum;
        }

        double a = Gamma10();
        return a / (a + Gamma10());
    }
}
