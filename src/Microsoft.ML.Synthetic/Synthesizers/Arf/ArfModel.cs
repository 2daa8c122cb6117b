using Microsoft.ML.Synthetic.Synthesizers;
using System.Runtime.CompilerServices;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.Arf;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted adversarial random forest: the leaves of its final forest, each with a weight and a density per column
/// (truncated normal for continuous columns, frequencies for categorical and whole-number ones). Sampling draws a
/// leaf by weight, then each column from the leaf (FORGE), with a seeded xoshiro256** generator; conditional samples
/// reweight the leaves by the conditions' probability and draw the conditioned columns within them, so every row
/// meets the conditions without rejection. Saved and loaded with format name <c>Arf</c>.
/// </summary>
public sealed class ArfModel : SynthesizerModelBase
{
    internal const string Format = "Arf";

    /// <summary>The version of the body <see cref="SaveContents"/> writes.</summary>
    internal const int FormatVersion = 1;

    private readonly LeafTable _leaves;
    private readonly double[] _accuracies;
    private readonly SamplingPlan _unconditional;
    private readonly ConditionalWeakTable<ResolvedConditions, SamplingPlan> _plans = new();

    internal ArfModel(TabularSchema schema, LeafTable leaves, IReadOnlyList<double> accuracies)
        : base(schema)
    {
        _leaves = leaves;
        _accuracies = accuracies.ToArray();
        _unconditional = SamplingPlan.Unconditional(leaves);
    }

    /// <inheritdoc/>
    private protected override string FormatName => Format;

    /// <summary>
    /// The out-of-bag accuracy of each round's forest at telling real rows from synthetic ones (round 0 first; ½ is
    /// chance). The model keeps the forest of the round before the last.
    /// </summary>
    public IReadOnlyList<double> OobAccuracies => _accuracies;

    /// <summary>The number of leaves, over all trees, that sampling draws from.</summary>
    public int LeafCount => _leaves.LeafCount;

    internal LeafTable Leaves => _leaves;

    /// <inheritdoc/>
    private protected override TabularData GenerateBlock(int rowCount, ResolvedConditions? conditions, Random random)
    {
        var plan = conditions is null ? _unconditional : _plans.GetValue(conditions, c => SamplingPlan.Create(_leaves, ModelSchema, c));
        var rng = Xoshiro256StarStar.From(random);
        int p = ModelSchema.Columns.Count;
        var values = new double[p][];
        var codes = new int[p][];
        for (int c = 0; c < p; c++)
        {
            if (ModelSchema.Columns[c].Kind == ColumnKind.Categorical)
            {
                codes[c] = new int[rowCount];
            }
            else
            {
                values[c] = new double[rowCount];
            }
        }

        for (int row = 0; row < rowCount; row++)
        {
            plan.DrawRow(rng, row, values, codes);
        }

        var columns = new TableColumn[p];
        for (int c = 0; c < p; c++)
        {
            var info = ModelSchema.Columns[c];
            if (codes[c] is { } code)
            {
                columns[c] = new CategoricalColumn(info.Name, code, info.Categories);
                continue;
            }

            if (info.OriginalType.RawType == typeof(float))
            {
                ToSingle(values[c], conditions?.For(c));
            }

            columns[c] = new ContinuousColumn(info.Name, values[c], info.IsInteger);
        }

        return new TabularData(ModelSchema, columns);
    }

    /// <summary>Rounds to what a Single column holds, keeping a range condition's values inside it.</summary>
    private static void ToSingle(double[] values, ResolvedCondition? condition)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float v = (float)values[i];
            if (condition is { } range && !double.IsNaN(values[i]))
            {
                if (v < range.Lower)
                {
                    v = MathF.BitIncrement(v);
                }
                else if (v > range.Upper)
                {
                    v = MathF.BitDecrement(v);
                }
            }

            values[i] = v;
        }
    }

    /// <inheritdoc/>
    private protected override void SaveContents(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_accuracies.Length);
        foreach (var a in _accuracies)
        {
            writer.Write(a);
        }

        _leaves.Write(writer);
    }

    /// <summary>Reads what <see cref="SaveContents"/> wrote, validating every field against <paramref name="schema"/>.</summary>
    internal static ArfModel Read(ModelReader reader, TabularSchema schema)
    {
        int rounds = reader.ReadInt32("round count", 1, 1001);
        var accuracies = new double[rounds];
        for (int i = 0; i < rounds; i++)
        {
            accuracies[i] = reader.ReadFinite("out-of-bag accuracy");
            reader.Check(accuracies[i] is >= 0 and <= 1, $"accuracy {i} is {accuracies[i]}, not in [0, 1]");
        }

        LeafTable leaves;
        using (reader.Part("leaves"))
        {
            leaves = LeafTable.Read(reader, schema);
        }

        return new ArfModel(schema, leaves, accuracies);
    }
}
