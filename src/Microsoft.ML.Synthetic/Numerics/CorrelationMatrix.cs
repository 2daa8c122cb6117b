using MathNet.Numerics.LinearAlgebra;

namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>Repairs of estimated correlation matrices.</summary>
internal static class CorrelationMatrix
{
    /// <summary>
    /// A positive-definite correlation matrix near <paramref name="matrix"/> (row-major n×n, symmetric, unit diagonal):
    /// eigenvalues below <paramref name="floor"/> are raised to it and the result is rescaled to a unit diagonal
    /// (eigenvalue clipping, as in Rousseeuw and Molenberghs 1993). A matrix whose eigenvalues are all at least the
    /// floor is returned unchanged.
    /// </summary>
    public static double[] NearestPositiveDefinite(double[] matrix, int n, double floor = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (n == 0)
        {
            return [];
        }

        var m = Matrix<double>.Build.Dense(n, n, (i, j) => matrix[(i * n) + j]);
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        if (values.Min() >= floor)
        {
            return (double[])matrix.Clone();
        }

        var clipped = Matrix<double>.Build.DenseOfDiagonalArray(values.Select(v => Math.Max(v, floor)).ToArray());
        var repaired = evd.EigenVectors * clipped * evd.EigenVectors.Transpose();
        var result = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                result[(i * n) + j] = i == j ? 1 : repaired[i, j] / Math.Sqrt(repaired[i, i] * repaired[j, j]);
            }
        }

        return result;
    }
}
