using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Synthetic.Tests.TrainOnly.Matrix;

/// <summary>
/// An estimator that records, at every fit, the rows it was trained on (as text over the matrix columns), and fits
/// to an identity column selection, so it can sit anywhere in a chain and be saved. Its transformer type is concrete
/// (not <see cref="ITransformer"/>) on purpose: ML.NET's <c>Append</c> extension flattens a start chain typed
/// <c>EstimatorChain&lt;ITransformer&gt;</c> but nests any other, and the matrix must really nest.
/// </summary>
internal sealed class RowSpy(MLContext ml, string[] columns) : IEstimator<ColumnSelectingTransformer>
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

    public ColumnSelectingTransformer Fit(IDataView input)
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
