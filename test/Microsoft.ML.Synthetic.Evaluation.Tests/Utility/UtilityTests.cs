using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Evaluation.Utility;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.ML.Synthetic.Evaluation.Tests.Utility;

[TestClass]
public sealed class UtilityTests
{
    private static TabularData Rows(TabularData table, int start, int count) => table.SelectRows(Enumerable.Range(start, count).ToArray());

    private static UtilityResult Evaluate(TabularData real, TabularData synthetic, TabularData holdout, UtilityOptions utility)
    {
        var ml = new MLContext(seed: 1);
        var options = new EvaluationOptions { Seed = 3, Detection = { Enabled = false }, Privacy = { Enabled = false }, Fidelity = { KernelMetrics = false }, Utility = utility };
        return ml.Synthetic().Evaluate(real.ToDataView(), synthetic.ToDataView(), holdout.ToDataView(), options).Utility!;
    }

    [TestMethod]
    public void ClassificationMetrics_MatchHandComputedValues()
    {
        // scikit-learn's f1_score example: y_true [0,1,2,0,1,2], y_pred [0,2,1,0,0,1], average='macro' -> 0.2666…
        Assert.AreEqual(0.26666666666666666, UtilityEvaluator.MacroF1([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1]), 1e-15);
        // TP 2, FP 1, FN 1: F1 = 4 / 6.
        Assert.AreEqual(4.0 / 6.0, UtilityEvaluator.BinaryF1([true, true, true, false, false], [true, true, false, true, false]), 1e-15);
        var r = UtilityEvaluator.RegressionScores([1, 2, 3, 4], [1, 2, 3, 5]);
        Assert.AreEqual(1 - 1 / 5.0, r.R2, 1e-15);
        Assert.AreEqual(0.5, r.Rmse, 1e-15);
    }

    [TestMethod]
    public void SyntheticRowsTooFewForAnyLightGbmSplit_ThrowNamingTheTableAndWhatToDo()
    {
        // 4 synthetic rows, two of each class: too few for any LightGBM split, so every tree is a single leaf, which
        // ML.NET 6 cannot convert (dotnet/machinelearning#5022). Without the check: ArgumentNullException("items").
        var real = Rows(AdultFixture.Train, 0, 400);
        var test = AdultFixture.Test;
        var income = (CategoricalColumn)test["income"];
        var byClass = Enumerable.Range(0, test.RowCount).GroupBy(i => income.Codes[i]).Where(g => g.Key >= 0).Select(g => g.Take(2)).ToArray();
        var synthetic = test.SelectRows(byClass.SelectMany(g => g).ToArray());
        var holdout = Rows(AdultFixture.Test, 100, 200);

        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Evaluate(real, synthetic, holdout, new UtilityOptions { LabelColumn = "income" }));

        StringAssert.Contains(e.Message, "synthetic rows (4 with an observed 'income')");
        StringAssert.Contains(e.Message, "UtilityOptions.Trainer");
    }

    [TestMethod]
    public void RealRowsAsSynthetic_TrainAsGoodAModel()
    {
        var test = AdultFixture.Test;
        int half = test.RowCount / 2;
        var result = Evaluate(Rows(AdultFixture.Train, 0, half), Rows(test, 0, half), Rows(test, half, test.RowCount - half), new UtilityOptions { LabelColumn = "income" });
        Console.WriteLine($"income: TSTR AUC {result.Tstr.Auc:F4}, TRTR AUC {result.Trtr.Auc:F4}, TRTS AUC {result.Trts.Auc:F4}, ratio {result.TstrTrtrRatio:F4}, TSTR acc {result.Tstr.Accuracy:F4} F1 {result.Tstr.F1:F4}");
        Assert.AreEqual(UtilityTask.BinaryClassification, result.Task);
        Assert.IsGreaterThan(0.88, result.Trtr.Auc);
        Assert.AreEqual(1.0, result.TstrTrtrRatio, 0.03);
        Assert.AreEqual("Auc", result.PrimaryMetric);
    }

    [TestMethod]
    public void ShuffledColumns_TrainAUselessModel()
    {
        var test = AdultFixture.Test;
        int half = test.RowCount / 2;
        var shuffled = AdultFixture.ShuffleColumns(Rows(test, 0, half), 8);
        var result = Evaluate(Rows(AdultFixture.Train, 0, half), shuffled, Rows(test, half, test.RowCount - half), new UtilityOptions { LabelColumn = "income" });
        Console.WriteLine($"shuffled: TSTR AUC {result.Tstr.Auc:F4}, ratio {result.TstrTrtrRatio:F4}");
        Assert.AreEqual(0.5, result.Tstr.Auc, 0.1);
        Assert.IsLessThan(0.7, result.TstrTrtrRatio);
    }

    [TestMethod]
    public void MulticlassAndRegression_AndAnyTrainer()
    {
        var train = Rows(AdultFixture.Train, 0, 3000);
        var synthetic = Rows(AdultFixture.Train, 3000, 3000);
        var holdout = Rows(AdultFixture.Test, 0, 2000);
        var multiclass = Evaluate(train, synthetic, holdout, new UtilityOptions { LabelColumn = "relationship" });
        Console.WriteLine($"relationship: TSTR macro-F1 {multiclass.Tstr.F1:F4}, TRTR {multiclass.Trtr.F1:F4}, acc {multiclass.Tstr.Accuracy:F4}");
        Assert.AreEqual(UtilityTask.MulticlassClassification, multiclass.Task);
        Assert.IsGreaterThan(0.4, multiclass.Trtr.F1);
        Assert.IsGreaterThan(0.6, multiclass.Trtr.Accuracy);

        var regression = Evaluate(train, synthetic, holdout, new UtilityOptions
        {
            LabelColumn = "age",
            Trainer = ml => ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features"),
            TrainerName = "Sdca",
        });
        Console.WriteLine($"age: TSTR R2 {regression.Tstr.R2:F4}, TRTR R2 {regression.Trtr.R2:F4}, RMSE {regression.Trtr.Rmse:F2}");
        Assert.AreEqual(UtilityTask.Regression, regression.Task);
        Assert.AreEqual("Sdca", regression.Trainer);
        Assert.IsGreaterThan(0.2, regression.Trtr.R2);
        Assert.AreEqual(1.0, regression.TstrTrtrRatio, 0.15);
    }

    [TestMethod]
    public void OneClassLabel_IsAClearError()
    {
        var train = Rows(AdultFixture.Train, 0, 500);
        var income = (CategoricalColumn)train["income"];
        var oneClass = AdultFixture.Replace(train, new CategoricalColumn("income", income.Codes.Select(_ => 0).ToArray(), income.Categories));
        var error = Assert.ThrowsExactly<ArgumentException>(() => Evaluate(train, oneClass, Rows(AdultFixture.Test, 0, 500), new UtilityOptions { LabelColumn = "income" }));
        StringAssert.Contains(error.Message, "'income'");
        StringAssert.Contains(error.Message, "single class");

        var missing = Assert.ThrowsExactly<ArgumentException>(() => Evaluate(train, train, train, new UtilityOptions { LabelColumn = "salary" }));
        StringAssert.Contains(missing.Message, "'salary'");
    }
}
