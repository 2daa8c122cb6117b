using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Evaluation.Tables;

/// <summary>Turns encoded rows into an ML.NET <see cref="IDataView"/> with a <c>Label</c> and a sparse <c>Features</c> vector column.</summary>
internal static class FeatureDataView
{
    /// <summary>The column names every trainer used by the evaluation reads.</summary>
    public const string LabelColumn = "Label", FeaturesColumn = "Features";

    public static IDataView Create<TLabel>(MLContext ml, IReadOnlyList<VBuffer<float>> features, IReadOnlyList<TLabel> labels, int width)
    {
        var rows = new Row<TLabel>[features.Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = new Row<TLabel> { Label = labels[i], Features = features[i] };
        var schema = SchemaDefinition.Create(typeof(Row<TLabel>));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>One row: a label and a feature vector.</summary>
    internal sealed class Row<TLabel>
    {
        public TLabel Label { get; set; } = default!;

        public VBuffer<float> Features { get; set; }
    }
}
