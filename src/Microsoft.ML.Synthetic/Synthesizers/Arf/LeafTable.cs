using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// What a fitted adversarial random forest keeps: every leaf of every tree with its weight (coverage over the number
/// of trees, so the weights sum to 1: drawing a leaf by weight is drawing a tree uniformly, then a leaf by coverage)
/// and each column's density in it.
/// </summary>
internal sealed class LeafTable
{
    public LeafTable(double[] weights, ColumnDensity[] columns)
    {
        Weights = weights;
        Columns = columns;
        Cumulative = CumulativeOf(weights);
    }

    public double[] Weights { get; }

    public ColumnDensity[] Columns { get; }

    /// <summary>Running sums of <see cref="Weights"/>, normalised to end at 1.</summary>
    public double[] Cumulative { get; }

    public int LeafCount => Weights.Length;

    /// <summary>Running sums of <paramref name="weights"/> normalised to end at 1 (all zero when they sum to 0).</summary>
    public static double[] CumulativeOf(double[] weights)
    {
        var cumulative = new double[weights.Length];
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }

        if (sum > 0)
        {
            for (int i = 0; i < cumulative.Length; i++)
            {
                cumulative[i] /= sum;
            }

            cumulative[^1] = 1;
        }

        return cumulative;
    }

    /// <summary>A leaf drawn by weight, from running sums that end at 1.</summary>
    public static int Draw(double[] cumulative, Xoshiro256StarStar rng)
    {
        double u = rng.NextDouble();
        int i = Array.BinarySearch(cumulative, u);
        i = Math.Min(i < 0 ? ~i : i + 1, cumulative.Length - 1);
        while (i < cumulative.Length - 1 && cumulative[i] == (i == 0 ? 0 : cumulative[i - 1]))
        {
            i++;   // u fell exactly on a running sum: skip leaves of weight 0
        }

        return i;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(LeafCount);
        foreach (var w in Weights)
        {
            writer.Write(w);
        }

        writer.Write(Columns.Length);
        foreach (var column in Columns)
        {
            column.Write(writer);
        }
    }

    public static LeafTable Read(ModelReader reader, TabularSchema schema)
    {
        int leaves = reader.ReadCount("leaf count", int.MaxValue, sizeof(double));
        reader.Check(leaves > 0, "the forest has no leaves");
        double[] weights;
        using (reader.Part("leaf weights"))
        {
            weights = reader.ReadDoubles("weights", leaves);
            double sum = 0;
            for (int i = 0; i < leaves; i++)
            {
                reader.Check(double.IsFinite(weights[i]) && weights[i] > 0, $"weight {i} is {weights[i]}; leaf weights must be positive");
                sum += weights[i];
            }

            reader.Check(Math.Abs(sum - 1) <= 1e-6, $"the weights sum to {sum}, not 1");
        }

        int count = reader.ReadInt32("column count");
        reader.Check(count == schema.Columns.Count, $"the forest has {count} columns; its schema has {schema.Columns.Count}");
        var columns = new ColumnDensity[count];
        for (int c = 0; c < count; c++)
        {
            var info = schema.Columns[c];
            using var part = reader.Part($"column {ModelReader.Quote(info.Name)}");
            var kind = (DensityKind)reader.ReadByte("density family");
            bool categorical = info.Kind == ColumnKind.Categorical;
            columns[c] = kind switch
            {
                DensityKind.Normal when !categorical => NormalDensity.Read(reader, leaves),
                DensityKind.Discrete => DiscreteDensity.Read(reader, leaves, categorical, info.Categories.Count),
                _ => throw reader.Corrupt($"density family {(byte)kind} is not one a {info.Kind} column can have"),
            };
        }

        return new LeafTable(weights, columns);
    }
}
