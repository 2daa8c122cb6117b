using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Synthesizers.Diffusion;

/// <summary>
/// How rows become TabDDPM's two parts, through the shared transform layer: a quantile-normalised score per continuous
/// column (<see cref="QuantileTransformer"/>: missing values at the median score 0, with its missing indicator as a
/// two-category part), and a category code per categorical part (<see cref="CategoryCodeTransformer"/>: a categorical
/// column, with one more category for missing values when it has any; or a continuous column's missing indicator).
/// The label column of a class-conditional model is neither: its code is the class.
/// </summary>
internal sealed class DiffusionEncoding
{
    private DiffusionEncoding(TabularSchema schema, int label, ColumnTransformer[] transformers)
    {
        Schema = schema;
        Label = label;
        Transformers = transformers;
        var numeric = new List<int>();
        var parts = new List<(int Column, int Categories)>();
        for (int c = 0; c < schema.Columns.Count; c++)
        {
            if (c == label)
            {
                continue;
            }

            switch (transformers[c])
            {
                case QuantileTransformer q:
                    numeric.Add(c);
                    if (q.HasMissing)
                    {
                        parts.Add((c, 2));
                    }

                    break;
                case CategoryCodeTransformer k:
                    parts.Add((c, k.Levels));
                    break;
            }
        }

        NumericColumns = numeric.ToArray();
        Parts = parts.ToArray();
        CategoryWidth = parts.Sum(p => p.Categories);
        LabelClasses = label < 0 ? 0 : ((CategoryCodeTransformer)transformers[label]).Levels;
    }

    public TabularSchema Schema { get; }

    /// <summary>The label column's index; −1 for an unconditional model.</summary>
    public int Label { get; }

    /// <summary>The classes of the label (its categories, and "missing" when it has missing values); 0 without a label.</summary>
    public int LabelClasses { get; }

    /// <summary>Each column's transformer: quantile for continuous columns, category codes for categorical ones (the label's included).</summary>
    public ColumnTransformer[] Transformers { get; }

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

        var transformers = new ColumnTransformer[table.Columns.Count];
        for (int c = 0; c < transformers.Length; c++)
        {
            var info = table.Schema.Columns[c];
            transformers[c] = table.Columns[c] switch
            {
                // TabDDPM rounds integer-typed columns only (whole-valued Singles stay fractional).
                ContinuousColumn x => QuantileTransformer.Create(info, QuantileNormalizer.Fit(x.Values), info.IsInteger, x.Values.Any(double.IsNaN)),
                CategoricalColumn x => CategoryCodeTransformer.FromSchema(info, x.Codes.Any(v => v < 0)),
                var other => throw new NotSupportedException($"Column '{other.Name}' has an unsupported kind {other.Kind}."),
            };
        }

        return new DiffusionEncoding(table.Schema, label, transformers);
    }

    /// <summary>The rows as normal scores (row-major, one per numeric column), category codes (one per part) and classes.</summary>
    public (float[] Numeric, int[] Codes, int[] Classes) Encode(TabularData table, Random random)
    {
        int n = table.RowCount, d = NumericColumns.Length, k = Parts.Length;
        var numeric = new float[n * d];
        var codes = new int[n * k];
        var classes = new int[Label < 0 ? 0 : n];
        Span<float> scratch = stackalloc float[2];
        var missing = new bool[Schema.Columns.Count][];
        for (int j = 0; j < d; j++)
        {
            int c = NumericColumns[j];
            var transformer = Transformers[c];
            var flags = missing[c] = new bool[n];
            for (int r = 0; r < n; r++)
            {
                transformer.TransformRow(table.Columns[c], r, scratch, random);
                numeric[(r * d) + j] = scratch[0];
                flags[r] = transformer.Width == 2 && scratch[1] == 1;
            }
        }

        for (int j = 0; j < k; j++)
        {
            int c = Parts[j].Column;
            for (int r = 0; r < n; r++)
            {
                codes[(r * k) + j] = Transformers[c] is CategoryCodeTransformer t ? t.CodeOf(((CategoricalColumn)table.Columns[c]).Codes[r]) : missing[c][r] ? 1 : 0;
            }
        }

        if (Label >= 0)
        {
            var t = (CategoryCodeTransformer)Transformers[Label];
            var codesOfLabel = ((CategoricalColumn)table.Columns[Label]).Codes;
            for (int r = 0; r < n; r++)
            {
                classes[r] = t.CodeOf(codesOfLabel[r]);
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
            var transformer = (QuantileTransformer)Transformers[c];
            var values = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                values[r] = transformer.ReverseValue(numeric[(r * d) + j]);
            }

            columns[c] = new ContinuousColumn(transformer.Column, values, transformer.Info.IsInteger);
        }

        for (int j = 0; j < k; j++)
        {
            int c = Parts[j].Column;
            if (Transformers[c] is CategoryCodeTransformer t)
            {
                columns[c] = CategoriesOf(t, codes, rows, k, j);
                continue;
            }

            var values = ((ContinuousColumn)columns[c]).Values;
            for (int r = 0; r < rows; r++)
            {
                if (codes[(r * k) + j] == 1)
                {
                    values[r] = double.NaN;
                }
            }
        }

        if (Label >= 0)
        {
            columns[Label] = CategoriesOf((CategoryCodeTransformer)Transformers[Label], classes, rows, 1, 0);
        }

        return new TabularData(Schema, columns);
    }

    /// <summary>The categorical column of the codes at position <paramref name="j"/> of rows <paramref name="k"/> codes wide.</summary>
    private static CategoricalColumn CategoriesOf(CategoryCodeTransformer transformer, int[] codes, int rows, int k, int j)
    {
        var result = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            result[r] = transformer.CategoryOf(codes[(r * k) + j]);
        }

        return new CategoricalColumn(transformer.Column, result, transformer.Info.Categories);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Label);
        foreach (var transformer in Transformers)
        {
            switch (transformer)
            {
                case QuantileTransformer q:
                    writer.Write(q.HasMissing);
                    QuantileTransformer.WriteKnots(writer, q.Normalizer);
                    break;
                case CategoryCodeTransformer t:
                    writer.Write(t.HasMissing);
                    break;
            }
        }
    }

    public static DiffusionEncoding Read(ModelReader reader, TabularSchema schema)
    {
        using var part = reader.Part("encoding");
        int label = reader.ReadInt32("label column", -1, schema.Columns.Count - 1);
        reader.Check(label < 0 || schema.Columns[label].Kind == ColumnKind.Categorical, $"the label column '{(label < 0 ? "" : schema.Columns[label].Name)}' is not categorical");
        var transformers = new ColumnTransformer[schema.Columns.Count];
        for (int c = 0; c < schema.Columns.Count; c++)
        {
            var info = schema.Columns[c];
            bool missing = reader.ReadBoolean($"missing flag of '{info.Name}'");
            transformers[c] = info.Kind == ColumnKind.Continuous
                ? QuantileTransformer.Create(info, QuantileTransformer.ReadKnots(reader, info.Name), info.IsInteger, missing)
                : CategoryCodeTransformer.FromSchema(info, missing);
        }

        return new DiffusionEncoding(schema, label, transformers);
    }
}
