using Microsoft.ML.Synthetic.Privacy.Marginals;

namespace Microsoft.ML.Synthetic.Synthesizers.Mst;

/// <summary>
/// MST's domain compression (McKenna, Miklau &amp; Sheldon, JPC 2021, §4, as in the reference's compress_domain): the
/// cells of a column whose noisy one-way count is below 3σ are merged into one "other" cell, and the one-way
/// measurement is re-expressed on the smaller domain: the other cell's measurement is the sum of the merged noisy
/// counts divided by √m (m merged cells), a query with coefficient 1/√m and the same σ. Post-processing of the
/// one-way measurement only. Decoding draws one of the merged cells uniformly.
/// </summary>
internal sealed class DomainCompression
{
    private DomainCompression(int[] toCompressed, int[][] members)
    {
        ToCompressed = toCompressed;
        Members = members;
    }

    /// <summary>The compressed cell of every original cell.</summary>
    public int[] ToCompressed { get; }

    /// <summary>The original cells of every compressed cell.</summary>
    public int[][] Members { get; }

    public int Size => Members.Length;

    /// <summary>Compresses one column from its noisy one-way counts <paramref name="y"/> (noise σ); returns the map and the measurement on the new domain of variable <paramref name="variable"/>.</summary>
    public static (DomainCompression Map, MarginalMeasurement Measurement) Compress(int variable, double[] y, double sigma)
    {
        var kept = Enumerable.Range(0, y.Length).Where(i => y[i] >= 3 * sigma).ToArray();
        var merged = Enumerable.Range(0, y.Length).Where(i => y[i] < 3 * sigma).ToArray();
        if (merged.Length == 0)
        {
            return (From(y.Length, [.. kept.Select(i => new[] { i })]), new MarginalMeasurement([variable], y, sigma));
        }

        double root = Math.Sqrt(merged.Length);
        var members = kept.Select(i => new[] { i }).Append(merged).ToArray();
        var y2 = kept.Select(i => y[i]).Append(merged.Sum(i => y[i]) / root).ToArray();
        var scale = kept.Select(_ => 1.0).Append(1 / root).ToArray();
        return (From(y.Length, members), new MarginalMeasurement([variable], y2, sigma, scale));
    }

    /// <summary>The map whose compressed cells hold <paramref name="members"/> (validated: a partition of the original cells).</summary>
    public static DomainCompression From(int originalSize, int[][] members)
    {
        var to = Enumerable.Repeat(-1, originalSize).ToArray();
        for (int c = 0; c < members.Length; c++)
        {
            foreach (var o in members[c])
            {
                if (o < 0 || o >= originalSize || to[o] >= 0)
                {
                    throw new InvalidDataException($"The compressed domain lists original cell {o} twice or out of range.");
                }

                to[o] = c;
            }
        }

        if (to.Contains(-1) || members.Any(m => m.Length == 0))
        {
            throw new InvalidDataException("The compressed domain does not cover every original cell once.");
        }

        return new DomainCompression(to, members);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Members.Length);
        foreach (var m in Members)
        {
            writer.Write(m.Length);
            foreach (var o in m)
            {
                writer.Write(o);
            }
        }
    }

    public static DomainCompression Read(ModelFiles.ModelReader reader, int originalSize)
    {
        int size = reader.ReadInt32("compressed cells", 1, originalSize);
        var members = new int[size][];
        for (int c = 0; c < size; c++)
        {
            members[c] = new int[reader.ReadInt32("merged cells", 1, originalSize)];
            for (int i = 0; i < members[c].Length; i++)
            {
                members[c][i] = reader.ReadInt32("original cell", 0, originalSize - 1);
            }
        }

        try
        {
            return From(originalSize, members);
        }
        catch (InvalidDataException e)
        {
            throw reader.Corrupt(e.Message);
        }
    }
}
