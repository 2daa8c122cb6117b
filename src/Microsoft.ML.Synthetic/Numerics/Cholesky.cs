namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>
/// The Cholesky factorization A = L·Lᵀ of a symmetric positive-definite matrix (row-major, n×n), with solves and
/// the inverse. Used for correlated normal sampling and for conditioning multivariate normals.
/// </summary>
internal sealed class Cholesky
{
    private Cholesky(int n, double[] lower)
    {
        Size = n;
        Lower = lower;
    }

    /// <summary>The order of the matrix.</summary>
    public int Size { get; }

    /// <summary>L, row-major n×n, zero above the diagonal.</summary>
    public double[] Lower { get; }

    /// <summary>Factors <paramref name="matrix"/> (row-major n×n, symmetric; only the lower triangle is read).</summary>
    /// <exception cref="ArgumentException">The matrix is not positive definite (a pivot is ≤ <paramref name="minPivot"/>).</exception>
    public static Cholesky Factor(double[] matrix, int n, double minPivot = 0)
    {
        return TryFactor(matrix, n, minPivot, out var result)
            ? result!
            : throw new ArgumentException("The matrix is not positive definite.", nameof(matrix));
    }

    /// <summary>Factors <paramref name="matrix"/>, or returns false when it is not positive definite.</summary>
    public static bool TryFactor(double[] matrix, int n, double minPivot, out Cholesky? result)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"Expected {n}×{n} values, got {matrix.Length}.", nameof(matrix));
        }

        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = matrix[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > minPivot))
                    {
                        result = null;
                        return false;
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        result = new Cholesky(n, l);
        return true;
    }

    /// <summary>Solves A·x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        int n = Size;
        if (b.Length != n)
        {
            throw new ArgumentException($"Expected {n} values, got {b.Length}.", nameof(b));
        }

        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= Lower[(i * n) + k] * y[k];
            }

            y[i] = sum / Lower[(i * n) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= Lower[(k * n) + i] * y[k];
            }

            y[i] = sum / Lower[(i * n) + i];
        }

        return y;
    }

    /// <summary>A⁻¹, row-major n×n.</summary>
    public double[] Inverse()
    {
        int n = Size;
        var inverse = new double[n * n];
        var e = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            var column = Solve(e);
            for (int i = 0; i < n; i++)
            {
                inverse[(i * n) + j] = column[i];
            }
        }

        return inverse;
    }
}
