using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Tests.TrainOnly.Matrix;

/// <summary>
/// An estimator that records, at every fit, the rows it was trained on (as text over the matrix columns), and fits
/// to an identity column selection, so it can sit anywhere in a chain and be saved.
/// </summary>
internal sealed class RowSpy(MLContext ml, string[] columns) : IEstimator<ITransformer>
{
    private readonly List<List<string>> _fits = [];

    /// <summary>The rows of every fit, in fit order.</summary>
    public IReadOnlyList<List<string>> Fits
    {
        get
        {
            lock (_fits)
            {
                return [.. _fits];
            }
        }
    }

    public ITransformer Fit(IDataView input)
    {
        var rows = MatrixData.Read(input, columns);
        lock (_fits)
        {
            _fits.Add(rows);
        }

        var visible = input.Schema.Where(c => !c.IsHidden).Select(c => c.Name).ToArray();
        return ml.Transforms.SelectColumns(visible).Fit(input);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
}
