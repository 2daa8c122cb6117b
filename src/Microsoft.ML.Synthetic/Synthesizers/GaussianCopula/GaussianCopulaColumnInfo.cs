namespace Microsoft.ML.Synthetic;

/// <summary>What a Gaussian copula learned about one column.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Distribution">The marginal (e.g. <c>normal(μ=38.6, σ=13.6)</c>), or the categories' interval encoding.</param>
/// <param name="Marginal">The marginal family of a continuous column; null for a categorical column.</param>
/// <param name="KsStatistic">The Kolmogorov–Smirnov distance of a continuous column's marginal to its training values.</param>
/// <param name="WholeNumbers">Whether samples of a continuous column are rounded to whole numbers.</param>
/// <param name="MissingRate">The fraction of training rows where the column was missing.</param>
public sealed record GaussianCopulaColumnInfo(string Name, string Distribution, MarginalKind? Marginal, double? KsStatistic, bool WholeNumbers, double MissingRate);
