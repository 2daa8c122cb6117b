namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>One component of a fitted one-dimensional Gaussian mixture.</summary>
/// <param name="Weight">The mixing weight (the expected weight under the variational posterior).</param>
/// <param name="Mean">The component mean.</param>
/// <param name="StandardDeviation">The component standard deviation.</param>
internal readonly record struct GaussianComponent(double Weight, double Mean, double StandardDeviation);
