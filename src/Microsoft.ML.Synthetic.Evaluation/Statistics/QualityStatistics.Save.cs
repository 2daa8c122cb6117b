using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;
using System.Text;
using Microsoft.ML.Synthetic.Evaluation.Statistics;

namespace Microsoft.ML.Synthetic;

public sealed partial class QualityStatistics
{
    private const string Magic = "SyntheticML.QualityStatistics";
    private const int FormatVersion = 1;

    /// <summary>
    /// Writes the statistics (a versioned binary format: a header, the ranges, the options, then per column its exact
    /// counts or sketch, per pair its co-moments or occupied cells), so partitions computed elsewhere can be merged here.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        StatisticsFile.WriteHeader(w, Magic, FormatVersion);
        Ranges.Write(w);
        w.Write(Bins);
        w.Write(ExactValueCapacity);
        w.Write(SketchSize);
        w.Write(RowCount);
        for (int c = 0; c < Values.Length; c++)
        {
            if (Values[c] is { } values)
            {
                w.Write(Missing[c]);
                w.Write(values.Count);
                w.Write(values.Min);
                w.Write(values.Max);
                if (values.Exact is { } exact)
                {
                    w.Write(true);
                    w.Write(exact.Count);
                    foreach (var (v, n) in exact.OrderBy(p => p.Key))
                    {
                        w.Write(v);
                        w.Write(n);
                    }
                }
                else
                {
                    w.Write(false);
                    var sketch = values.Sketch!;
                    w.Write(sketch.Count);
                    w.Write(sketch.RankErrorBound);
                    w.Write(sketch.Levels.Count);
                    foreach (var level in sketch.Levels)
                    {
                        w.Write(level.Count);
                        foreach (var v in level) w.Write(v);
                    }
                }
            }
            else
            {
                var counts = Categories[c]!;
                w.Write(counts.Missing);
                w.Write(counts.Texts.Count);
                for (int k = 0; k < counts.Texts.Count; k++)
                {
                    w.Write(counts.Texts[k]);
                    w.Write(counts.Counts[k]);
                }
            }
        }

        for (int p = 0; p < Pairs.Length; p++)
        {
            if (Cells[p] is { } cells)
            {
                w.Write(cells.Count);
                foreach (var (key, n) in cells.OrderBy(x => x.Key))
                {
                    w.Write(key);
                    w.Write(n);
                }
            }
            else
            {
                Moments[p].Write(w);
            }
        }
    }

    /// <summary>Reads statistics written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold quality statistics, holds a newer format, or is inconsistent.</exception>
    public static QualityStatistics Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        StatisticsFile.ReadHeader(r, Magic, FormatVersion, Magic.Split('.')[^1]);
        var ranges = QualityStatisticsRanges.Read(r);
        int bins = r.ReadInt32(), capacity = r.ReadInt32(), sketchSize = r.ReadInt32();
        var stats = new QualityStatistics(ranges, bins, capacity, sketchSize) { RowCount = r.ReadInt64() };
        for (int c = 0; c < stats.Values.Length; c++)
        {
            if (stats.Values[c] is not null)
            {
                stats.Missing[c] = r.ReadInt64();
                long count = r.ReadInt64();
                double min = r.ReadDouble(), max = r.ReadDouble();
                if (r.ReadBoolean())
                {
                    int distinct = r.ReadInt32();
                    var exact = new Dictionary<double, long>(distinct);
                    for (int i = 0; i < distinct; i++) exact.Add(r.ReadDouble(), r.ReadInt64());
                    stats.Values[c] = ValueDistribution.Restore(capacity, sketchSize, count, min, max, exact, null);
                }
                else
                {
                    long sketchCount = r.ReadInt64(), bound = r.ReadInt64();
                    var levels = new List<List<double>>();
                    int levelCount = r.ReadInt32();
                    for (int h = 0; h < levelCount; h++)
                    {
                        int size = r.ReadInt32();
                        var level = new List<double>(size);
                        for (int i = 0; i < size; i++) level.Add(r.ReadDouble());
                        levels.Add(level);
                    }

                    stats.Values[c] = ValueDistribution.Restore(capacity, sketchSize, count, min, max, null, MergeableQuantileSketch.Restore(sketchSize, sketchCount, bound, levels));
                }
            }
            else
            {
                var counts = stats.Categories[c]!;
                counts.Missing = r.ReadInt64();
                int k = r.ReadInt32();
                for (int i = 0; i < k; i++) counts.Counts[counts.IdOf(r.ReadString())] += r.ReadInt64();
            }
        }

        for (int p = 0; p < stats.Pairs.Length; p++)
        {
            if (stats.Cells[p] is { } cells)
            {
                int n = r.ReadInt32();
                for (int i = 0; i < n; i++) cells.Add(r.ReadInt64(), r.ReadInt64());
            }
            else
            {
                stats.Moments[p] = CoMoments.Read(r);
            }
        }

        return stats;
    }
}
