using Microsoft.ML.Data;
using System.Globalization;
using Microsoft.ML.Synthetic.AutoTrain.Trainers;

namespace Microsoft.ML.Synthetic.AutoTrain.Tasks;

/// <summary>Regression: Single label; R², RMSE, MAE.</summary>
internal sealed class RegressionTask : TaskDefinition
{
    public override AutoTrainTask Task => AutoTrainTask.Regression;

    public override AutoTrainMetric DefaultMetric => AutoTrainMetric.RSquared;

    public override IReadOnlyList<AutoTrainMetric> Metrics { get; } =
        [AutoTrainMetric.RSquared, AutoTrainMetric.RootMeanSquaredError, AutoTrainMetric.MeanAbsoluteError];

    public override IReadOnlyList<TrainerCandidate> Candidates(IEnumerable<string>? names) => RegressionTrainerCandidates.Create(names);

    public override void ValidateLabel(string labelColumnName, ColumnInfo label)
    {
        if (!label.Scalar || label.IsKey || label.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"The label column '{labelColumnName}' must be a Single scalar for regression; it is {label.Describe()}. Convert it with ml.Transforms.Conversion.ConvertType in the prefix.");
    }

    public override void CheckFold(IDataView training, IDataView heldOut, string labelColumnName, AutoTrainMetric metric, int fold)
    {
        var train = Read<float>(training, labelColumnName);
        if (train.Any(v => !float.IsFinite(v)))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The label column '{labelColumnName}' has NaN or infinite values in the training rows of fold {fold + 1}; filter or impute them in the prefix."));
        if (train.Distinct().Count() < 2)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The label column '{labelColumnName}' is constant in the training rows of fold {fold + 1}: there is nothing to learn."));
        if (metric == AutoTrainMetric.RSquared && Read<float>(heldOut, labelColumnName).Distinct().Count() < 2)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The label column '{labelColumnName}' is constant in the held-out rows of fold {fold + 1}, so R² is undefined: use fewer folds or another metric."));
    }

    /// <summary>R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², RMSE = √(mean (y − ŷ)²), MAE = mean |y − ŷ| (as ML.NET's regression evaluator defines them).</summary>
    public override double Compute(IDataView scored, string labelColumnName, AutoTrainMetric metric)
    {
        var y = Read<float>(scored, labelColumnName);
        var p = Read<float>(scored, "Score");
        if (y.Count == 0) return double.NaN;
        double mean = y.Average(v => (double)v);
        double sse = 0, sst = 0, sae = 0;
        for (int i = 0; i < y.Count; i++)
        {
            double e = y[i] - (double)p[i];
            sse += e * e;
            sae += Math.Abs(e);
            sst += (y[i] - mean) * (y[i] - mean);
        }

        return metric switch
        {
            AutoTrainMetric.RSquared => 1 - sse / sst,
            AutoTrainMetric.RootMeanSquaredError => Math.Sqrt(sse / y.Count),
            AutoTrainMetric.MeanAbsoluteError => sae / y.Count,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a regression metric."),
        };
    }
}
