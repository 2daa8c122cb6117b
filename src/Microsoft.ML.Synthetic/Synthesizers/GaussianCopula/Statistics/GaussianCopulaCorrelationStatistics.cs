using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Statistics;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// The second pass of a Gaussian copula fit over some rows (<see cref="GaussianCopulaEstimator.ComputeCorrelationStatistics"/>):
/// for every pair of latent coordinates, over the rows where both are observed, the co-moments of the rows' latent
/// normal scores (<see cref="CoMoments"/>: count, means, Σ(x − x̄)(y − ȳ)). Partitions merge by the parallel formula of
/// Chan, Golub and LeVeque; merged in any order the result agrees to rounding (relative 1e-12). Saved with <see cref="Save"/> to travel between machines.
/// </summary>
public sealed class GaussianCopulaCorrelationStatistics
{
    private const string Magic = "SyntheticML.GaussianCopulaCorrelationStatistics";
    private const int FormatVersion = 1;

    // Per pair i > j (index i(i−1)/2 + j), x = coordinate i, y = coordinate j.
    private readonly CoMoments[] _pairs;

    internal GaussianCopulaCorrelationStatistics(int dimension, long marginalRows)
    {
        Dimension = dimension;
        MarginalRowCount = marginalRows;
        _pairs = new CoMoments[dimension * (dimension - 1) / 2];
    }

    /// <summary>The rows the statistics were computed over.</summary>
    public long RowCount { get; private set; }

    /// <summary>The number of latent coordinates.</summary>
    internal int Dimension { get; }

    /// <summary>The row count of the merged first-pass statistics they were computed with (a check that both passes match).</summary>
    internal long MarginalRowCount { get; }

    /// <summary>The covariance (divisor n) of coordinates i and j over the rows where both are observed; NaN when fewer than two.</summary>
    internal double Covariance(int i, int j) => _pairs[i > j ? Pair(i, j) : Pair(j, i)].Covariance();

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
        var squares = new double[Dimension];
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
                squares[c] = Dot(centred[c], centred[c]);
            }
        }

        for (int i = 1; i < Dimension; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int j = 0; j < i; j++)
            {
                var block = complete[i] && complete[j]
                    ? new CoMoments { Count = rows, MeanX = mean[i], MeanY = mean[j], M2X = squares[i], M2Y = squares[j], Cxy = Dot(centred[i], centred[j]) }
                    : CoMoments.Of(scores[i], scores[j]);
                int p = Pair(i, j);
                _pairs[p] = CoMoments.Merge(_pairs[p], block);
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
            for (int p = 0; p < merged._pairs.Length; p++)
            {
                merged._pairs[p] = CoMoments.Merge(merged._pairs[p], part._pairs[p]);
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
        foreach (var m in _pairs)
        {
            m.Write(writer);
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
            for (int p = 0; p < stats._pairs.Length; p++)
            {
                var m = CoMoments.Read(reader);
                if (m.Count < 0 || m.Count > stats.RowCount || !double.IsFinite(m.MeanX + m.MeanY + m.M2X + m.M2Y + m.Cxy))
                {
                    throw new InvalidDataException($"The correlation statistics are corrupt: pair {p} has count {m.Count} of {stats.RowCount} rows or a non-finite moment.");
                }

                stats._pairs[p] = m;
            }

            return stats;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The correlation statistics are truncated.", e);
        }
    }
}
