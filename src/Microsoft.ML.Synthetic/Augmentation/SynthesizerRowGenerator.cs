using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Makes new rows with a synthesizer: the synthesizer estimator is fitted on the stage's training rows, and each
/// class's rows are sampled conditionally on the label (<c>SampleConditions[label] = class</c>). The label must be
/// categorical to the synthesizer; rows that come back with another class are an error, never passed on.
/// </summary>
public sealed class SynthesizerRowGenerator : SyntheticRowGenerator
{
    private readonly IEstimator<ISynthesizerModel> _estimator;

    /// <summary>Wraps a synthesizer estimator.</summary>
    public SynthesizerRowGenerator(IEstimator<ISynthesizerModel> estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        _estimator = estimator;
    }

    /// <inheritdoc/>
    public override string Name
    {
        get
        {
            var name = _estimator.GetType().Name;
            return name.EndsWith("Estimator", StringComparison.Ordinal) ? name[..^"Estimator".Length] : name;
        }
    }

    internal override GeneratedRows Generate(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = _estimator.Fit(request.Input);
        TabularData? result = null;
        var made = new int[request.ClassRows.Length];
        for (int c = 0; c < request.ClassRows.Length; c++)
        {
            request.Cancellation.ThrowIfCancellationRequested();
            int count = request.RowsToAdd[c];
            if (count <= 0)
            {
                continue;
            }

            SampleConditions? conditions = null;
            if (request.LabelName is { } label)
            {
                conditions = new SampleConditions { [label] = SampleCondition.Equal(request.ClassNames[c]) };
            }

            var part = model.SampleTable(count, conditions, SeedSequence.Derive(request.Seed, c));
            if (request.LabelName is { } labelName)
            {
                CheckLabels(part, labelName, request.ClassNames[c]);
            }

            made[c] = part.RowCount;
            request.Report($"{Name}: {part.RowCount} rows of class '{request.ClassNames[c]}'.");
            result = result is null ? part : result.Concat(part);
        }

        var rows = result is null ? model.Sample(0) : result.ToDataView();
        return new GeneratedRows(rows, made, (model as IPrivacyLedgerSource)?.PrivacyLedgerEntries);
    }

    private void CheckLabels(TabularData part, string label, string className)
    {
        int index = part.IndexOf(label);
        if (index < 0)
        {
            throw new InvalidOperationException($"{Name} generated rows without the label column '{label}'.");
        }

        if (part.Columns[index] is CategoricalColumn categorical)
        {
            int wrong = categorical.Codes.Count(code => code < 0 || categorical.Categories[code] != className);
            if (wrong > 0)
            {
                throw new InvalidOperationException($"{Name} was asked for rows of class '{className}' in column '{label}' but returned {wrong} rows of another class; its conditional sampling is broken.");
            }
        }
    }
}
