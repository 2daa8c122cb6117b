using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// A fitted synthesizer: it samples synthetic rows with the schema of the data it was trained on.
/// As an <see cref="ITransformer"/>, <c>Transform(x)</c> returns as many synthetic rows as <c>x</c> has.
/// </summary>
public interface ISynthesizerModel : ITransformer
{
    /// <summary>The ML.NET schema of the training data, which every sample has.</summary>
    DataViewSchema TrainingSchema { get; }

    /// <summary>The column kinds, categories and types the synthesizer learned.</summary>
    TabularSchema TableSchema { get; }

    /// <summary>
    /// A lazy view of <paramref name="rowCount"/> synthetic rows, generated block by block as a cursor moves:
    /// any number of rows streams in constant memory. The same seed gives the same rows.
    /// </summary>
    /// <param name="rowCount">How many rows to sample.</param>
    /// <param name="seed">The seed; null uses the seed the model was given when fitted.</param>
    IDataView Sample(long rowCount, int? seed = null);

    /// <summary>
    /// A lazy view of <paramref name="rowCount"/> synthetic rows that all satisfy <paramref name="conditions"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A condition names an unknown column, a category never seen in
    /// training, or a range that does not fit the column.</exception>
    IDataView Sample(long rowCount, SampleConditions conditions, int? seed = null);

    /// <summary>The same rows as <see cref="Sample(long, int?)"/>, in memory as a table.</summary>
    /// <param name="rowCount">How many rows to sample.</param>
    /// <param name="seed">The seed; null uses the seed the model was given when fitted.</param>
    TabularData SampleTable(int rowCount, int? seed = null);

    /// <summary>The same rows as <see cref="Sample(long, SampleConditions, int?)"/>, in memory as a table (null conditions: none).</summary>
    /// <exception cref="ArgumentException">A condition names an unknown column, a category never seen in
    /// training, or a range that does not fit the column.</exception>
    TabularData SampleTable(int rowCount, SampleConditions? conditions, int? seed = null);

    /// <summary>Saves the model; <see cref="SynthesizerCatalog.Load(Stream)"/> loads it back.</summary>
    void Save(Stream stream);
}
