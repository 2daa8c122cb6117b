using Microsoft.ML.Data;
using System.Globalization;
using Microsoft.ML.Synthetic.AutoTrain.Trainers;

namespace Microsoft.ML.Synthetic.AutoTrain.Tasks;

/// <summary>Binary classification: Boolean label; AUC, AUPRC, accuracy, F1.</summary>
internal sealed class BinaryTask : TaskDefinition
{
    public override AutoTrainTask Task => AutoTrainTask.BinaryClassification;

    public override AutoTrainMetric DefaultMetric => AutoTrainMetric.AreaUnderRocCurve;

    public override IReadOnlyList<AutoTrainMetric> Metrics { get; } =
        [AutoTrainMetric.AreaUnderRocCurve, AutoTrainMetric.AreaUnderPrecisionRecallCurve, AutoTrainMetric.Accuracy, AutoTrainMetric.F1Score];

    public override IReadOnlyList<TrainerCandidate> Candidates(IEnumerable<string>? names) => BinaryTrainerCandidates.Create(names);

    public override void ValidateLabel(string labelColumnName, ColumnInfo label)
    {
        if (!label.Scalar || label.IsKey || label.ItemType != BooleanDataViewType.Instance)
            throw new ArgumentException($"The label column '{labelColumnName}' must be a Boolean scalar for binary classification; it is {label.Describe()}. Map it with ml.Transforms.Conversion.MapValue in the prefix.");
    }

    public override void CheckFold(IDataView training, IDataView heldOut, string labelColumnName, AutoTrainMetric metric, int fold)
    {
        var train = Read<bool>(training, labelColumnName);
        long trainPositive = train.LongCount(v => v);
        if (trainPositive == 0 || trainPositive == train.Count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The label column '{labelColumnName}' has only one class ({(trainPositive > 0 ? "true" : "false")}) in the training rows of fold {fold + 1}: binary classification needs both."));
        var held = Read<bool>(heldOut, labelColumnName);
        long heldPositive = held.LongCount(v => v);
        if (heldPositive == 0 || heldPositive == held.Count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The held-out rows of fold {fold + 1} have only one class of the label column '{labelColumnName}' ({heldPositive} true, {held.Count - heldPositive} false), so {metric} is undefined: use fewer folds or more rows."));
    }

    public override double Compute(IDataView scored, string labelColumnName, AutoTrainMetric metric) =>
        BinaryMetrics.Compute(scored, labelColumnName, metric);
}
