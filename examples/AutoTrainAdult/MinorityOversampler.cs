using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.TrainOnly;

namespace AutoTrainAdult;

/// <summary>
/// Random oversampling (imbalanced-learn's RandomOverSampler): at training time, adds randomly drawn copies of the
/// minority class's rows until both classes of <c>labelColumn</c> are equally frequent; at scoring time the
/// identity. A train-only stage written on the library's base, standing in for <c>synthetic.Oversample(...)</c>
/// with a synthesizer (SMOTE-NC, CTGAN) — swap it in and the rest of the example stays as it is.
/// </summary>
internal sealed class MinorityOversampler(MLContext ml, string labelColumn, int seed) : TrainOnlyEstimatorBase<MinorityOversamplerTransformer>
{
    protected override MinorityOversamplerTransformer FitCore(IDataView input)
    {
        if (input.Schema.GetColumnOrNull(labelColumn) == null)
            throw new ArgumentException($"The label column '{labelColumn}' is not in the data.", nameof(input));
        return new MinorityOversamplerTransformer(ml, input, labelColumn, seed);
    }
}

/// <summary>The fitted oversampler.</summary>
internal sealed class MinorityOversamplerTransformer(MLContext ml, IDataView fittedOn, string labelColumn, int seed)
    : TrainOnlyTransformerBase(ml, fittedOn)
{
    /// <summary>Rows added at the last training-time transform.</summary>
    public int RowsAdded { get; private set; }

    protected override IDataView TransformTraining(IDataView trainingData)
    {
        var table = TabularData.FromDataView(trainingData);
        if (table[labelColumn] is not CategoricalColumn label)
            throw new ArgumentException($"The label column '{labelColumn}' must be categorical (text, key or Boolean).");
        int[] counts = label.CountByCategory();
        if (counts.Count(c => c > 0) != 2)
            throw new ArgumentException($"The label column '{labelColumn}' must have exactly two classes in the training rows; it has {counts.Count(c => c > 0)}.");
        int minority = Array.IndexOf(counts, counts.Where(c => c > 0).Min());
        int majorityCount = counts.Max();
        var minorityRows = Enumerable.Range(0, table.RowCount).Where(r => label.Codes[r] == minority).ToArray();
        var random = new Random(seed);
        var extra = Enumerable.Range(0, majorityCount - counts[minority]).Select(_ => minorityRows[random.Next(minorityRows.Length)]).ToArray();
        RowsAdded = extra.Length;
        return table.Concat(table.SelectRows(extra)).ToDataView();
    }
}
