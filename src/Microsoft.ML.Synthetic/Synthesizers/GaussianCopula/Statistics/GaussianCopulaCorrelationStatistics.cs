using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The second pass of a Gaussian copula fit over some rows (<see cref="GaussianCopulaEstimator.ComputeCorrelationStatistics"/>):
/// for every pair of latent coordinates, over the rows where both are observed, the count, the two means and the
/// co-moment Σ(x − x̄)(y − ȳ) of the rows' latent normal scores. Partitions merge exactly by the parallel formula of
/// Chan, Golub and LeVeque (1979): n = nₐ + n_b, δ = x̄_b − x̄ₐ, C = Cₐ + C_b + δₓδᵧnₐn_b/n; merged in any order the
/// result agrees to rounding (relative 1e-12). Saved with <see cref="Save"/> to travel between machines.
/// </summary>
public sealed class GaussianCopulaCorrelationStatistics
{
    private const string Magic = "SyntheticML.GaussianCopulaCorrelationStatistics";
    private const int FormatVersion = 1;

    // Per pair i > j (index i(i−1)/2 + j): count, mean of i, mean of j, co-moment.
    private readonly long[] _count;
    private readonly double[] _meanI;
    private readonly double[] _meanJ;
    private readonly double[] _comoment;

    internal GaussianCopulaCorrelationStatistics(int dimension, long marginalRows)
    {
        Dimension = dimension;
        MarginalRowCount = marginalRows;
        int pairs = dimension * (dimension - 1) / 2;
        _count = new long[pairs];
        _meanI = new double[pairs];
        _meanJ = new double[pairs];
        _comoment = new double[pairs];
    }

    /// <summary>The rows the statistics were computed over.</summary>
    public long RowCount { get; private set; }

    /// <summary>The number of latent coordinates.</summary>
    internal int Dimension { get; }

    /// <summary>The row count of the merged first-pass statistics they were computed with (a check that both passes match).</summary>
    internal long MarginalRowCount { get; }

    /// <summary>The covariance (divisor n) of coordinates i and j over the rows where both are observed; NaN when fewer than two.</summary>
    internal double Covariance(int i, int j)
    {
        int p = i > j ? Pair(i, j) : Pair(j, i);
        return _count[p] < 2 ? double.NaN : _comoment[p] / _count[p];
    }

    private static int Pair(int i, int j) => (i * (i - 1) / 2) + j;

    /// <summary>Adds a block's scores (one array per coordinate, NaN where not observed): its own co-moments (two passes), then merged in.</summary>
    internal void Add(double[][] scores, CancellationToken cancellationToken)
    {
        int rows = scores.Length == 0 ? 0 : scores[0].Length;
        RowCount += rows;
        if (rows == 0)
        {
            return;
        }

        // Coordinates without a missing row in the block: centre them once.
        var complete = new bool[Dimension];
        var centred = new double[Dimension][];
        var mean = new double[Dimension];
        for (int c = 0; c < Dimension; c++)
        {
            var x = scores[c];
            double sum = 0;
            bool any = false;
            foreach (var v in x)
            {
                any |= double.IsNaN(v);
                sum += v;
            }

            complete[c] = !any;
            if (complete[c])
            {
                mean[c] = sum / rows;
                centred[c] = x.Select(v => v - mean[c]).ToArray();
            }
        }

        for (int i = 1; i < Dimension; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int j = 0; j < i; j++)
            {
                long n;
                double mi, mj, c;
                if (complete[i] && complete[j])
                {
                    n = rows;
                    mi = mean[i];
                    mj = mean[j];
                    c = Dot(centred[i], centred[j]);
                }
                else
                {
                    (n, mi, mj, c) = MaskedComoment(scores[i], scores[j]);
                }

                MergeInto(Pair(i, j), n, mi, mj, c);
            }
        }
    }

    private static double Dot(double[] x, double[] y)
    {
        double s = 0;
        for (int r = 0; r < x.Length; r++)
        {
            s += x[r] * y[r];
        }

        return s;
    }

    private static (long N, double MeanX, double MeanY, double Comoment) MaskedComoment(double[] x, double[] y)
    {
        long n = 0;
        double sx = 0, sy = 0;
        for (int r = 0; r < x.Length; r++)
        {
            if (!double.IsNaN(x[r]) && !double.IsNaN(y[r]))
            {
                n++;
                sx += x[r];
                sy += y[r];
            }
        }

        if (n == 0)
        {
            return (0, 0, 0, 0);
        }

        double mx = sx / n, my = sy / n, c = 0;
        for (int r = 0; r < x.Length; r++)
        {
            if (!double.IsNaN(x[r]) && !double.IsNaN(y[r]))
            {
                c += (x[r] - mx) * (y[r] - my);
            }
        }

        return (n, mx, my, c);
    }

    /// <summary>Chan, Golub and LeVeque's pairwise update of (n, means, co-moment).</summary>
    private void MergeInto(int p, long nb, double mib, double mjb, double cb)
    {
        if (nb == 0)
        {
            return;
        }

        long na = _count[p];
        if (na == 0)
        {
            (_count[p], _meanI[p], _meanJ[p], _comoment[p]) = (nb, mib, mjb, cb);
            return;
        }

        long n = na + nb;
        double di = mib - _meanI[p], dj = mjb - _meanJ[p];
        double wb = (double)nb / n;
        _meanI[p] += di * wb;
        _meanJ[p] += dj * wb;
        _comoment[p] += cb + (di * dj * ((double)na * nb / n));
        _count[p] = n;
    }

    /// <summary>Merges the statistics of partitions (computed with the same merged first pass) into new statistics; the inputs are not changed.</summary>
    /// <exception cref="ArgumentException">No statistics are given, or they come from different first passes (the message says which).</exception>
    public static GaussianCopulaCorrelationStatistics Merge(IEnumerable<GaussianCopulaCorrelationStatistics> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("There are no correlation statistics to merge; pass the statistics of at least one partition.", nameof(parts));
        }

        var first = list[0];
        var merged = new GaussianCopulaCorrelationStatistics(first.Dimension, first.MarginalRowCount);
        foreach (var part in list)
        {
            if (part is null || part.Dimension != first.Dimension || part.MarginalRowCount != first.MarginalRowCount)
            {
                throw new ArgumentException($"The correlation statistics were computed with different first-pass statistics ({part?.Dimension} vs {first.Dimension} latent coordinates, {part?.MarginalRowCount} vs {first.MarginalRowCount} rows); compute every partition's second pass with the same merged {nameof(GaussianCopulaMarginalStatistics)}.", nameof(parts));
            }

            merged.RowCount += part.RowCount;
            for (int p = 0; p < merged._count.Length; p++)
            {
                merged.MergeInto(p, part._count[p], part._meanI[p], part._meanJ[p], part._comoment[p]);
            }
        }

        return merged;
    }

    /// <summary>Writes the statistics (versioned); <see cref="Load"/> reads them back.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        StatisticsFile.WriteHeader(writer, Magic, FormatVersion);
        writer.Write(Dimension);
        writer.Write(MarginalRowCount);
        writer.Write(RowCount);
        for (int p = 0; p < _count.Length; p++)
        {
            writer.Write(_count[p]);
            writer.Write(_meanI[p]);
            writer.Write(_meanJ[p]);
            writer.Write(_comoment[p]);
        }
    }

    /// <summary>Reads statistics written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold correlation statistics of a known version, or they are truncated or corrupt.</exception>
    public static GaussianCopulaCorrelationStatistics Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            StatisticsFile.ReadHeader(reader, Magic, FormatVersion, "Gaussian copula correlation statistics");

            int dimension = reader.ReadInt32();
            if (dimension is < 0 or > 2 * Synthesizers.ModelFiles.ModelFileLimits.MaxColumns)
            {
                throw new InvalidDataException($"The correlation statistics have {dimension} latent coordinates.");
            }

            var stats = new GaussianCopulaCorrelationStatistics(dimension, reader.ReadInt64()) { RowCount = reader.ReadInt64() };
            for (int p = 0; p < stats._count.Length; p++)
            {
                stats._count[p] = reader.ReadInt64();
                stats._meanI[p] = reader.ReadDouble();
                stats._meanJ[p] = reader.ReadDouble();
                stats._comoment[p] = reader.ReadDouble();
                if (stats._count[p] < 0 || stats._count[p] > stats.RowCount || !double.IsFinite(stats._meanI[p] + stats._meanJ[p] + stats._comoment[p]))
                {
                    throw new InvalidDataException($"The correlation statistics are corrupt: pair {p} has count {stats._count[p]} of {stats.RowCount} rows or a non-finite moment.");
                }
            }

            return stats;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The correlation statistics are truncated.", e);
        }
    }
}
