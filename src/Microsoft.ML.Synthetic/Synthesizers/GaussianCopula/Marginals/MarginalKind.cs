namespace Microsoft.ML.Synthetic;

/// <summary>The family of a continuous column's marginal distribution in a Gaussian copula.</summary>
public enum MarginalKind
{
    /// <summary>Chosen per column by goodness of fit (see <see cref="GaussianCopulaOptions.Marginal"/>).</summary>
    Auto,

    /// <summary>Interpolated quantiles of the training values: any shape, point masses included.</summary>
    Empirical,

    /// <summary>Normal with the sample mean and standard deviation.</summary>
    Normal,

    /// <summary>Normal restricted to the observed [min, max], fitted by maximum likelihood.</summary>
    TruncatedNormal,

    /// <summary>Beta on the observed [min, max], fitted by the method of moments.</summary>
    Beta,

    /// <summary>Gamma with a location shift (Pearson type III), fitted by the method of moments; needs right skew.</summary>
    Gamma,

    /// <summary>Uniform on the observed [min, max].</summary>
    Uniform,
}
