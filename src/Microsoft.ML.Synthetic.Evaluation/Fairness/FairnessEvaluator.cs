using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Tables;
using Microsoft.ML.Synthetic.Evaluation.Utility;
using Microsoft.ML.Synthetic.Transforms.Distance;

namespace Microsoft.ML.Synthetic.Evaluation.Fairness;

/// <summary>
/// Group fairness (Feldman et al. 2015 for disparate impact; Hardt, Price &amp; Srebro 2016 for equalized odds;
/// the difference forms as fairlearn reports them).
/// </summary>
internal static class FairnessEvaluator
{
    public static FairnessResult Evaluate(AlignedTables tables, FairnessOptions options, UtilityOptions utilityOptions, UtilityResult? utility)
    {
        string attribute = options.ProtectedAttribute!;
        string label = options.LabelColumn ?? utilityOptions.LabelColumn
            ?? throw new ArgumentException($"Fairness for '{attribute}' needs a label: set {nameof(FairnessOptions)}.{nameof(FairnessOptions.LabelColumn)} or {nameof(UtilityOptions)}.{nameof(UtilityOptions.LabelColumn)}.", nameof(options));
        int a = tables.IndexOf(attribute), y = tables.IndexOf(label);
        if (a < 0) throw new ArgumentException($"The protected attribute '{attribute}' is not in the data. Columns: {string.Join(", ", tables.Names)}.", nameof(options));
        if (y < 0) throw new ArgumentException($"The label column '{label}' is not in the data. Columns: {string.Join(", ", tables.Names)}.", nameof(options));
        if (tables.Kinds[a] != ColumnKind.Categorical) throw new ArgumentException($"The protected attribute '{attribute}' is continuous; fairness groups need a categorical column.", nameof(options));
        if (tables.Kinds[y] != ColumnKind.Categorical) throw new ArgumentException($"The label column '{label}' is continuous; fairness needs a binary categorical label.", nameof(options));
        int positive = UtilityEvaluator.PositiveCode(tables, y, options.PositiveClass ?? utilityOptions.PositiveClass);

        var result = new FairnessResult(attribute, label, tables.Categories[y][positive],
            LabelRates(tables, tables.Real, a, y, positive), LabelRates(tables, tables.Synthetic, a, y, positive));

        if (utility is { Task: UtilityTask.BinaryClassification, TstrHoldoutPredictions: { } predictions, TstrHoldoutRows: { } rows }
            && utility.LabelColumn == label && tables.Holdout is { } holdout)
        {
            var groups = ModelRates(tables, holdout, a, y, positive, rows, predictions);
            result.TstrGroups = groups;
            result.TstrEqualizedOddsDifference = Math.Max(Spread(groups.Select(g => g.TruePositiveRate)), Spread(groups.Select(g => g.FalsePositiveRate)));
            result.TstrDemographicParityDifference = Spread(groups.Select(g => g.PositiveRate));
        }

        return result;
    }

    internal static LabelFairness LabelRates(AlignedTables tables, TabularData table, int a, int y, int positive)
    {
        var groups = new List<GroupRates>();
        var attribute = table.CodesOf(a);
        var label = table.CodesOf(y);
        for (int g = 0; g < tables.Categories[a].Length; g++)
        {
            int rows = 0, positives = 0;
            for (int i = 0; i < attribute.Length; i++)
            {
                if (attribute[i] != g || label[i] < 0) continue;
                rows++;
                if (label[i] == positive) positives++;
            }

            if (rows > 0) groups.Add(new GroupRates(tables.Categories[a][g], rows, positives / (double)rows, double.NaN, double.NaN));
        }

        var rates = groups.Select(g => g.PositiveRate).ToArray();
        double max = rates.Length == 0 ? double.NaN : rates.Max(), min = rates.Length == 0 ? double.NaN : rates.Min();
        return new LabelFairness(groups, max - min, max > 0 ? min / max : double.NaN);
    }

    private static List<GroupRates> ModelRates(AlignedTables tables, TabularData holdout, int a, int y, int positive, int[] rows, double[] predictions)
    {
        var groups = new List<GroupRates>();
        var attribute = holdout.CodesOf(a);
        var label = holdout.CodesOf(y);
        for (int g = 0; g < tables.Categories[a].Length; g++)
        {
            int n = 0, predictedPositive = 0, positives = 0, truePositives = 0, negatives = 0, falsePositives = 0;
            for (int k = 0; k < rows.Length; k++)
            {
                int i = rows[k];
                if (attribute[i] != g) continue;
                bool truth = label[i] == positive, predicted = predictions[k] > 0.5;
                n++;
                if (predicted) predictedPositive++;
                if (truth)
                {
                    positives++;
                    if (predicted) truePositives++;
                }
                else
                {
                    negatives++;
                    if (predicted) falsePositives++;
                }
            }

            if (n > 0)
            {
                groups.Add(new GroupRates(tables.Categories[a][g], n, predictedPositive / (double)n,
                    positives > 0 ? truePositives / (double)positives : double.NaN,
                    negatives > 0 ? falsePositives / (double)negatives : double.NaN));
            }
        }

        return groups;
    }

    /// <summary>Max − min over the defined values (NaN when none).</summary>
    internal static double Spread(IEnumerable<double> values)
    {
        var defined = values.Where(v => !double.IsNaN(v)).ToArray();
        return defined.Length == 0 ? double.NaN : defined.Max() - defined.Min();
    }
}
