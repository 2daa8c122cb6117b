using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Synthesizers.Arf;

/// <summary>
/// The training table as small integer codes, the form the forest splits on, through the shared transform layer. A
/// continuous column becomes the rank of its value among the column's distinct observed values
/// (<see cref="RankTransformer"/>), with code 0 for a missing value when the column has any (so a missing value sorts
/// below every number and every threshold split sends it left). A categorical column keeps its category code, with
/// code <c>K</c> (one past the last category) for a missing value (<see cref="CategoryCodeTransformer"/>). Synthetic rows of the
/// adversarial loop are drawn from real rows, so they take codes from the same tables.
/// </summary>
internal sealed class FeatureCodes
{
    private FeatureCodes(int[][] codes, int[] levels, bool[] categorical, double[][] values, bool[] hasMissing)
    {
        Codes = codes;
        Levels = levels;
        IsCategorical = categorical;
        Values = values;
        HasMissing = hasMissing;
    }

    /// <summary>The codes of each column, row by row.</summary>
    public int[][] Codes { get; }

    /// <summary>How many codes each column uses (0 … Levels−1).</summary>
    public int[] Levels { get; }

    /// <summary>Whether a column is categorical (unordered codes).</summary>
    public bool[] IsCategorical { get; }

    /// <summary>For a continuous column, the value of each code (−∞ for the missing code 0); empty for a categorical one.</summary>
    public double[][] Values { get; }

    /// <summary>Whether a column has missing values (and so a missing code).</summary>
    public bool[] HasMissing { get; }

    public int ColumnCount => Codes.Length;

    public int RowCount => Codes.Length == 0 ? 0 : Codes[0].Length;

    /// <summary>Whether a code of column <paramref name="column"/> stands for a missing value.</summary>
    public bool IsMissingCode(int column, int code) =>
        HasMissing[column] && (IsCategorical[column] ? code == Levels[column] - 1 : code == 0);

    /// <summary>Each column's transformer of the shared layer: <see cref="RankTransformer"/> or <see cref="CategoryCodeTransformer"/>.</summary>
    public ColumnTransformer[] Transformers { get; private init; } = [];

    /// <summary>Whether continuous column <paramref name="column"/> holds whole numbers (an integer column, or every training value whole).</summary>
    public bool IsWhole(int column) => Transformers[column] is RankTransformer { Form.Whole: true };

    /// <summary>Encodes <paramref name="table"/>; an infinite number or a column without values is an error naming it.</summary>
    public static FeatureCodes Encode(TabularData table)
    {
        int p = table.Columns.Count;
        var transformers = new ColumnTransformer[p];
        var codes = new int[p][];
        var levels = new int[p];
        var categorical = new bool[p];
        var values = new double[p][];
        var missing = new bool[p];
        for (int c = 0; c < p; c++)
        {
            var info = table.Schema.Columns[c];
            switch (table.Columns[c])
            {
                case ContinuousColumn column:
                    var rank = RankTransformer.Fit(column, info, "the adversarial random forest");
                    transformers[c] = rank;
                    codes[c] = Array.ConvertAll(column.Values, rank.RankOf);
                    (values[c], levels[c], missing[c]) = (rank.Values, rank.Levels, rank.HasMissing);
                    break;
                case CategoricalColumn column:
                    var code = CategoryCodeTransformer.Fit(column, info);
                    transformers[c] = code;
                    categorical[c] = true;
                    codes[c] = Array.ConvertAll(column.Codes, code.CodeOf);
                    (values[c], levels[c], missing[c]) = ([], code.Levels, code.HasMissing);
                    break;
                default:
                    throw new NotSupportedException($"Column '{table.Columns[c].Name}' has an unsupported kind {table.Columns[c].Kind}.");
            }
        }

        return new FeatureCodes(codes, levels, categorical, values, missing) { Transformers = transformers };
    }
}
