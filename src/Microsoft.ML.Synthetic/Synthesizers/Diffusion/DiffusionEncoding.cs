using Microsoft.ML.Synthetic.Transforms;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Synthesizers.Diffusion;

/// <summary>
/// How rows become TabDDPM's two parts: a quantile-normalised score per continuous column (missing values at the
/// median score 0, with a two-category "missing" part), and a category code per categorical part (a categorical
/// column, with one more category for missing values when it has any; or a continuous column's missing indicator).
/// The label column of a class-conditional model is neither: its code is the class.
/// </summary>
internal sealed class DiffusionEncoding
{
    private DiffusionEncoding(TabularSchema schema, int label, QuantileNormalizer?[] normalizers, bool[] missing)
    {
        Schema = schema;
        Label = label;
        Normalizers = normalizers;
        HasMissing = missing;
        var numeric = new List<int>();
        var parts = new List<(int Column, int Categories)>();
        for (int c = 0; c < schema.Columns.Count; c++)
        {
            if (c == label)
            {
                continue;
            }

            if (schema.Columns[c].Kind == ColumnKind.Continuous)
            {
                numeric.Add(c);
                if (missing[c])
                {
                    parts.Add((c, 2));
                }
            }
            else
            {
                parts.Add((c, schema.Columns[c].Categories.Count + (missing[c] ? 1 : 0)));
            }
        }

        NumericColumns = numeric.ToArray();
        Parts = parts.ToArray();
        CategoryWidth = parts.Sum(p => p.Categories);
        LabelClasses = label < 0 ? 0 : schema.Columns[label].Categories.Count + (missing[label] ? 1 : 0);
    }

    public TabularSchema Schema { get; }

    /// <summary>The label column's index; −1 for an unconditional model.</summary>
    public int Label { get; }

    /// <summary>The classes of the label (its categories, and "missing" when it has missing values); 0 without a label.</summary>
    public int LabelClasses { get; }

    public QuantileNormalizer?[] Normalizers { get; }

    public bool[] HasMissing { get; }

    public int[] NumericColumns { get; }

    /// <summary>The categorical parts, in order: the column and its number of categories K.</summary>
    public (int Column, int Categories)[] Parts { get; }

    /// <summary>The summed K of every part (the one-hot width).</summary>
    public int CategoryWidth { get; }

    public static DiffusionEncoding Fit(TabularData table, string? labelColumn)
    {
        int label = -1;
        if (labelColumn is not null)
        {
            label = table.Schema.IndexOf(labelColumn);
            if (label < 0)
            {
                throw new ArgumentException($"{nameof(DiffusionOptions)}.{nameof(DiffusionOptions.LabelColumn)} names '{labelColumn}', which the training data does not have. Columns: {string.Join(", ", table.Schema.Columns.Select(c => c.Name))}.");
            }

            if (table.Schema.Columns[label].Kind != ColumnKind.Categorical)
            {
                throw new ArgumentException($"{nameof(DiffusionOptions)}.{nameof(DiffusionOptions.LabelColumn)} names '{labelColumn}', which is continuous; the class-conditional model needs a categorical label (text, key or Boolean). Leave LabelColumn null to train an unconditional model.");
            }
        }

        int p = table.Columns.Count;
        var normalizers = new QuantileNormalizer?[p];
        var missing = new bool[p];
        for (int c = 0; c < p; c++)
        {
            switch (table.Columns[c])
            {
                case ContinuousColumn x:
                    normalizers[c] = QuantileNormalizer.Fit(x.Values);
                    missing[c] = x.Values.Any(double.IsNaN);
                    break;
                case CategoricalColumn x:
                    missing[c] = x.Codes.Any(v => v < 0);
                    break;
            }
        }

        return new DiffusionEncoding(table.Schema, label, normalizers, missing);
    }

    /// <summary>The rows as normal scores (row-major, one per numeric column), category codes (one per part) and classes.</summary>
    public (float[] Numeric, int[] Codes, int[] Classes) Encode(TabularData table, Random random)
    {
        int n = table.RowCount, d = NumericColumns.Length, k = Parts.Length;
        var numeric = new float[n * d];
        var codes = new int[n * k];
        var classes = new int[Label < 0 ? 0 : n];
        for (int j = 0; j < d; j++)
        {
            var values = ((ContinuousColumn)table.Columns[NumericColumns[j]]).Values;
            var normalizer = Normalizers[NumericColumns[j]]!;
            for (int r = 0; r < n; r++)
            {
                numeric[(r * d) + j] = double.IsNaN(values[r]) ? 0f : (float)normalizer.Forward(values[r], random);
            }
        }

        for (int j = 0; j < k; j++)
        {
            var (column, categories) = Parts[j];
            for (int r = 0; r < n; r++)
            {
                codes[(r * k) + j] = table.Columns[column] switch
                {
                    ContinuousColumn x => double.IsNaN(x.Values[r]) ? 1 : 0,
                    CategoricalColumn x => x.Codes[r] < 0 ? categories - 1 : x.Codes[r],
                    _ => 0,
                };
            }
        }

        if (Label >= 0)
        {
            var codesOfLabel = ((CategoricalColumn)table.Columns[Label]).Codes;
            for (int r = 0; r < n; r++)
            {
                classes[r] = codesOfLabel[r] < 0 ? LabelClasses - 1 : codesOfLabel[r];
            }
        }

        return (numeric, codes, classes);
    }

    /// <summary>Rows from normal scores, category codes and classes (as <see cref="Encode"/> lays them out).</summary>
    public TabularData Decode(float[] numeric, int[] codes, int[] classes, int rows)
    {
        int d = NumericColumns.Length, k = Parts.Length;
        var columns = new TableColumn[Schema.Columns.Count];
        for (int j = 0; j < d; j++)
        {
            int c = NumericColumns[j];
            var info = Schema.Columns[c];
            var values = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                double v = Normalizers[c]!.Inverse(numeric[(r * d) + j]);
                v = info.IsInteger ? Math.Round(v) : v;
                values[r] = info.OriginalType.RawType == typeof(float) ? (float)v : v;
            }

            columns[c] = new ContinuousColumn(info.Name, values, info.IsInteger);
        }

        for (int j = 0; j < k; j++)
        {
            var (c, categories) = Parts[j];
            var info = Schema.Columns[c];
            if (info.Kind == ColumnKind.Continuous)
            {
                var values = ((ContinuousColumn)columns[c]).Values;
                for (int r = 0; r < rows; r++)
                {
                    if (codes[(r * k) + j] == 1)
                    {
                        values[r] = double.NaN;
                    }
                }

                continue;
            }

            var result = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                int code = codes[(r * k) + j];
                result[r] = HasMissing[c] && code == categories - 1 ? -1 : code;
            }

            columns[c] = new CategoricalColumn(info.Name, result, info.Categories);
        }

        if (Label >= 0)
        {
            var info = Schema.Columns[Label];
            var result = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                result[r] = HasMissing[Label] && classes[r] == LabelClasses - 1 ? -1 : classes[r];
            }

            columns[Label] = new CategoricalColumn(info.Name, result, info.Categories);
        }

        return new TabularData(Schema, columns);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Label);
        for (int c = 0; c < Schema.Columns.Count; c++)
        {
            writer.Write(HasMissing[c]);
            if (Normalizers[c] is { } normalizer)
            {
                writer.Write(normalizer.Knots.Length);
                foreach (var knot in normalizer.Knots)
                {
                    writer.Write(knot);
                }
            }
        }
    }

    public static DiffusionEncoding Read(ModelReader reader, TabularSchema schema)
    {
        using var part = reader.Part("encoding");
        int label = reader.ReadInt32("label column", -1, schema.Columns.Count - 1);
        reader.Check(label < 0 || schema.Columns[label].Kind == ColumnKind.Categorical, $"the label column '{(label < 0 ? "" : schema.Columns[label].Name)}' is not categorical");
        var normalizers = new QuantileNormalizer?[schema.Columns.Count];
        var missing = new bool[schema.Columns.Count];
        for (int c = 0; c < schema.Columns.Count; c++)
        {
            missing[c] = reader.ReadBoolean($"missing flag of '{schema.Columns[c].Name}'");
            if (schema.Columns[c].Kind == ColumnKind.Continuous)
            {
                int count = reader.ReadInt32($"knot count of '{schema.Columns[c].Name}'", 1, QuantileNormalizer.MaxKnots);
                var knots = reader.ReadDoubles($"knots of '{schema.Columns[c].Name}'", count);
                for (int i = 0; i < count; i++)
                {
                    reader.Check(double.IsFinite(knots[i]) && (i == 0 || knots[i] >= knots[i - 1]), $"the knots of '{schema.Columns[c].Name}' are not finite and ascending");
                }

                normalizers[c] = new QuantileNormalizer(knots);
            }
        }

        return new DiffusionEncoding(schema, label, normalizers, missing);
    }
}
