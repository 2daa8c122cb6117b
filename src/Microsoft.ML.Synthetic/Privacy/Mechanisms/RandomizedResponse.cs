namespace Microsoft.ML.Synthetic.Privacy.Mechanisms;

/// <summary>
/// k-ary randomized response (Warner 1965; the k-RR of Kairouz, Oh &amp; Viswanath 2014): report the true category
/// with probability p = e^ε/(e^ε + k − 1), otherwise one of the k − 1 others uniformly. Each report is ε-DP
/// for its row (likelihood ratio p/q = e^ε with q = 1/(e^ε + k − 1)).
/// </summary>
/// <remarks>
/// The keep/flip decision compares a uniform on the grid k·2⁻⁵³ with p, so the realised ratio differs from e^ε
/// by at most a relative 2⁻⁵³; the choice among the other categories is exact.
/// </remarks>
internal sealed class RandomizedResponse
{
    /// <summary>Creates the mechanism for <paramref name="categoryCount"/> categories.</summary>
    public RandomizedResponse(int categoryCount, double epsilon)
    {
        if (categoryCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(categoryCount), categoryCount, "Randomized response needs at least 2 categories.");
        }

        PrivacyParameters.ThrowIfBadEpsilon(epsilon, nameof(epsilon));
        CategoryCount = categoryCount;
        Epsilon = epsilon;
        // 1/(1 + (k−1)e^(−ε)) avoids overflow of e^ε for large ε.
        KeepProbability = 1 / (1 + ((categoryCount - 1) * Math.Exp(-epsilon)));
        OtherProbability = (1 - KeepProbability) / (categoryCount - 1);
    }

    /// <summary>k.</summary>
    public int CategoryCount { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>p = e^ε/(e^ε + k − 1): the probability of reporting the true category.</summary>
    public double KeepProbability { get; }

    /// <summary>q = 1/(e^ε + k − 1): the probability of reporting one given other category.</summary>
    public double OtherProbability { get; }

    /// <summary>The reported category for a row whose true category is <paramref name="category"/>.</summary>
    public int Respond(int category, NoiseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if ((uint)category >= (uint)CategoryCount)
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, $"Expected a category code in [0, {CategoryCount}).");
        }

        if (source.NextUnitDouble() < KeepProbability)
        {
            return category;
        }

        int other = (int)source.NextBelow((ulong)(CategoryCount - 1));
        return other >= category ? other + 1 : other;
    }

    /// <summary>
    /// Unbiased estimates of the true category frequencies from reported counts:
    /// π̂_j = (n_j/n − q)/(p − q), since E[n_j/n] = π_j·p + (1 − π_j)·q.
    /// </summary>
    public double[] EstimateFrequencies(IReadOnlyList<long> reportedCounts)
    {
        ArgumentNullException.ThrowIfNull(reportedCounts);
        if (reportedCounts.Count != CategoryCount)
        {
            throw new ArgumentException($"Expected {CategoryCount} counts, got {reportedCounts.Count}.", nameof(reportedCounts));
        }

        double n = reportedCounts.Sum();
        return reportedCounts.Select(c => ((c / n) - OtherProbability) / (KeepProbability - OtherProbability)).ToArray();
    }
}
