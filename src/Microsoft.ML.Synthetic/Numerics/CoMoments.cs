namespace Microsoft.ML.Synthetic.Numerics;

/// <summary>
/// Count, means, sums of squared deviations and the sum of cross deviations of two columns over the rows where
/// both are observed: everything Pearson's r needs. A block is summarized with the centred two-pass sums and blocks
/// merge with the parallel formula of Chan, Golub and LeVeque ("Algorithms for computing the sample variance",
/// 1983): with δ = mean_B − mean_A, M2 = M2_A + M2_B + δ²·n_A·n_B/n and C = C_A + C_B + δ_x·δ_y·n_A·n_B/n. Used by the
/// evaluation's pair trends and the Gaussian copula's correlation statistics.
/// </summary>
internal struct CoMoments
{
    public long Count;
    public double MeanX, MeanY, M2X, M2Y, Cxy;

    /// <summary>The co-moments of the rows of one block where both values are observed (two-pass, centred), each value multiplied by its column's scale.</summary>
    public static CoMoments Of(double[] x, double[] y, double scaleX = 1, double scaleY = 1)
    {
        long n = 0;
        double sx = 0, sy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            n++;
            sx += x[i] * scaleX;
            sy += y[i] * scaleY;
        }

        if (n == 0) return default;
        double mx = sx / n, my = sy / n, m2x = 0, m2y = 0, c = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i])) continue;
            double dx = x[i] * scaleX - mx, dy = y[i] * scaleY - my;
            m2x += dx * dx;
            m2y += dy * dy;
            c += dx * dy;
        }

        return new CoMoments { Count = n, MeanX = mx, MeanY = my, M2X = m2x, M2Y = m2y, Cxy = c };
    }

    /// <summary>Writes the six fields in the saved statistics files' layout: count, then the means, squares and cross term.</summary>
    public readonly void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(MeanX);
        writer.Write(MeanY);
        writer.Write(M2X);
        writer.Write(M2Y);
        writer.Write(Cxy);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static CoMoments Read(BinaryReader reader) =>
        new() { Count = reader.ReadInt64(), MeanX = reader.ReadDouble(), MeanY = reader.ReadDouble(), M2X = reader.ReadDouble(), M2Y = reader.ReadDouble(), Cxy = reader.ReadDouble() };

    /// <summary>The co-moments of the union of two disjoint sets of rows (Chan, Golub and LeVeque).</summary>
    public static CoMoments Merge(CoMoments a, CoMoments b)
    {
        if (a.Count == 0) return b;
        if (b.Count == 0) return a;
        long n = a.Count + b.Count;
        double na = a.Count, nb = b.Count;
        double dx = b.MeanX - a.MeanX, dy = b.MeanY - a.MeanY;
        double f = na * nb / n;
        return new CoMoments
        {
            Count = n,
            MeanX = a.MeanX + dx * nb / n,
            MeanY = a.MeanY + dy * nb / n,
            M2X = a.M2X + b.M2X + dx * dx * f,
            M2Y = a.M2Y + b.M2Y + dy * dy * f,
            Cxy = a.Cxy + b.Cxy + dx * dy * f,
        };
    }

    /// <summary>The covariance (divisor n); NaN when fewer than two rows.</summary>
    public readonly double Covariance() => Count < 2 ? double.NaN : Cxy / Count;

    /// <summary>Pearson's r, clamped to [−1, 1]; NaN when fewer than two rows or no spread (as the in-memory path).</summary>
    public readonly double Pearson()
    {
        if (Count < 2 || M2X == 0 || M2Y == 0) return double.NaN;
        return Math.Clamp(Cxy / Math.Sqrt(M2X * M2Y), -1.0, 1.0);
    }
}
