using System.Globalization;
using Microsoft.ML.Synthetic.AutoTrain.Trainers;

namespace Microsoft.ML.Synthetic.AutoTrain.Tasks;

/// <summary>Multiclass classification: key label; micro and macro accuracy.</summary>
internal sealed class MulticlassTask : TaskDefinition
{
    public override AutoTrainTask Task => AutoTrainTask.MulticlassClassification;

    public override AutoTrainMetric DefaultMetric => AutoTrainMetric.MicroAccuracy;

    public override IReadOnlyList<AutoTrainMetric> Metrics { get; } = [AutoTrainMetric.MicroAccuracy, AutoTrainMetric.MacroAccuracy];

    public override IReadOnlyList<TrainerCandidate> Candidates(IEnumerable<string>? names) => MulticlassTrainerCandidates.Create(names);

    public override void ValidateLabel(string labelColumnName, ColumnInfo label)
    {
        if (!label.Scalar || !label.IsKey)
            throw new ArgumentException($"The label column '{labelColumnName}' must be a key scalar for multiclass classification; it is {label.Describe()}. Convert it with ml.Transforms.Conversion.MapValueToKey in the prefix.");
    }

    public override void CheckFold(IDataView training, IDataView heldOut, string labelColumnName, AutoTrainMetric metric, int fold)
    {
        int classes = Read<uint>(training, labelColumnName).Where(k => k != 0).Distinct().Count();
        if (classes < 2)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The label column '{labelColumnName}' has {classes} class(es) in the training rows of fold {fold + 1}: multiclass classification needs at least two."));
    }

    /// <summary>Micro accuracy: share of rows predicted right; macro: mean over the classes present of the share of their rows predicted right.</summary>
    public override double Compute(IDataView scored, string labelColumnName, AutoTrainMetric metric)
    {
        var labels = Read<uint>(scored, labelColumnName);
        var predicted = Read<uint>(scored, "PredictedLabel");
        if (labels.Count == 0) return double.NaN;
        return metric switch
        {
            AutoTrainMetric.MicroAccuracy => (double)labels.Where((l, i) => l == predicted[i]).Count() / labels.Count,
            AutoTrainMetric.MacroAccuracy => labels.Select((l, i) => (Label: l, Right: l == predicted[i]))
                .GroupBy(p => p.Label).Average(g => (double)g.Count(p => p.Right) / g.Count()),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a multiclass metric."),
        };
    }
}
