using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Privacy.NoiseSteps;

/// <summary>Reads and validates the column a noise step works on; errors name the column and the problem.</summary>
internal static class NoiseStepColumns
{
    public static DataViewSchema.Column Find(DataViewSchema schema, string column, string step)
    {
        return schema.GetColumnOrNull(column) is { IsHidden: false } c ? c
            : throw new ArgumentOutOfRangeException(nameof(column), $"{step}: column '{column}' is not in the data. Columns: {string.Join(", ", schema.Where(x => !x.IsHidden).Select(x => x.Name))}.");
    }

    public static void RequireNumeric(DataViewSchema.Column c, string step)
    {
        if (c.Type != NumberDataViewType.Single && c.Type != NumberDataViewType.Double)
        {
            throw new ArgumentException($"{step}: column '{c.Name}' has type {c.Type}; numeric noise needs a Single or Double column.", nameof(c));
        }
    }

    public static void RequireNumeric(SchemaShape shape, string column, string step)
    {
        var c = Find(shape, column, step);

        if (c.Kind != SchemaShape.Column.VectorKind.Scalar || (c.ItemType != NumberDataViewType.Single && c.ItemType != NumberDataViewType.Double))
        {
            throw new ArgumentException($"{step}: column '{column}' has type {c.ItemType}; numeric noise needs a scalar Single or Double column.", nameof(column));
        }
    }

    public static SchemaShape.Column Find(SchemaShape shape, string column, string step)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var found = shape.Where(c => c.Name == column).ToList();
        return found.Count > 0 ? found[^1]
            : throw new ArgumentOutOfRangeException(nameof(column), $"{step}: column '{column}' is not in the data. Columns: {string.Join(", ", shape.Select(c => c.Name))}.");
    }

    public static T[] Read<T>(IDataView data, DataViewSchema.Column c)
    {
        var values = new List<T>();
        using var cursor = data.GetRowCursor([c]);
        var getter = cursor.GetGetter<T>(c);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }

        return [.. values];
    }

    /// <summary>Reads a Single or Double column as doubles; a missing value (NaN) is an error naming the row.</summary>
    public static double[] ReadNumeric(IDataView data, DataViewSchema.Column c, string step)
    {
        double[] values = c.Type == NumberDataViewType.Single
            ? Read<float>(data, c).Select(v => (double)v).ToArray()
            : Read<double>(data, c);
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{step}: column '{c.Name}' has the value {values[i]} in row {i}; impute or drop missing and infinite values before adding noise.", nameof(data));
            }
        }

        if (values.Length == 0)
        {
            throw new ArgumentException($"{step}: the training data has no rows.", nameof(data));
        }

        return values;
    }

    /// <summary>The declared public bounds of <paramref name="column"/>; an error when either is missing.</summary>
    public static (double Lower, double Upper) RequireBounds(double? lower, double? upper, string column, string parameterName) =>
        lower is double l && upper is double u
            ? (l, u)
            : throw new ArgumentException($"Column '{column}': declare its public bounds (lower and upper). The library never derives bounds from the private data.", parameterName);

    /// <summary>The data with <paramref name="columnName"/>'s values replaced by <paramref name="apply"/> of each (a numeric noise step's training rows).</summary>
    public static IDataView MapNumeric(IDataView data, string columnName, string step, Func<double, double> apply)
    {
        var column = data.Schema[columnName];
        var values = ReadNumeric(data, column, step);
        return ReplaceNumeric(data, column, values.Select(apply).ToArray());
    }

    /// <summary>The input with <paramref name="c"/> replaced by <paramref name="values"/> in the column's own type.</summary>
    public static IDataView ReplaceNumeric(IDataView data, DataViewSchema.Column c, double[] values) =>
        c.Type == NumberDataViewType.Single
            ? new ReplacedColumnView<float>(data, c.Name, values.Select(v => (float)v).ToArray())
            : new ReplacedColumnView<double>(data, c.Name, values);
}
