using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.AutoTrain;

namespace Microsoft.ML.Synthetic.Tests.TrainOnly.Matrix;

/// <summary>
/// Every train-only stage × every composition: the estimators after the stage (spies, at every level of nesting) train on
/// the stage's rows — computed independently by <see cref="MatrixExpectations"/> — and all see the same rows; the fitted
/// model scores exactly the rows it is given; the ledger counts one entry per fit of a DP stage. The cells where the
/// library refuses a composition assert the error instead.
/// </summary>
[TestClass]
public sealed class TrainOnlyCompositionMatrixTests
{
    public static IEnumerable<object[]> Cells =>
        from s in MatrixStages.Stages from c in Enum.GetValues<Composition>() select new object[] { s.Name, c };

    [TestMethod]
    [DynamicData(nameof(Cells))]
    public void Stage_InComposition_LaterStagesTrainOnTheStageRows_ScoringIsIdentity_LedgerCountsEveryFit(string stageName, Composition composition)
    {
        var cell = new MatrixCell(MatrixStages.Get(stageName));
        switch (composition)
        {
            case Composition.FitTwiceOnOneDataObject:
                FitTwice(cell);
                break;
            case Composition.TransformTrainingDataAfterFit:
                TransformAfterFit(cell);
                break;
            case Composition.SaveAndLoad:
                SaveAndLoad(cell);
                break;
            case Composition.TrainTestSplit:
                TrainTestSplit(cell);
                break;
            case Composition.CrossValidate:
            case Composition.CrossValidateWithReleaseRecorder:
                CrossValidate(cell, composition == Composition.CrossValidateWithReleaseRecorder);
                break;
            case Composition.AutoTrain:
            case Composition.AutoTrainSpendingBudgetInEveryFold:
                AutoTrain(cell, composition == Composition.AutoTrainSpendingBudgetInEveryFold);
                break;
            case Composition.ConcurrentFitsOnOneDataObject:
                Concurrent(cell);
                break;
            default:
                var (pipeline, spies) = cell.Build(composition);
                var model = pipeline.Fit(cell.Data);
                cell.CheckFits(spies, [cell.Real], composition.ToString());
                cell.CheckModel(model, cell.Data, cell.Real, fits: 1);
                break;
        }
    }

    private static void FitTwice(MatrixCell cell)
    {
        var (pipeline, spies) = cell.Build(Composition.InnerChainFirst);
        var first = pipeline.Fit(cell.Data);
        var second = pipeline.Fit(cell.Data);
        cell.CheckFits(spies, [cell.Real, cell.Real], "fit twice");
        cell.CheckModel(first, cell.Data, cell.Real, fits: 1);
        cell.CheckModel(second, cell.Data, cell.Real, fits: 1);
    }

    private static void TransformAfterFit(MatrixCell cell)
    {
        var (pipeline, spies) = cell.Build(Composition.InnerChainMiddle);
        var model = pipeline.Fit(cell.Data);
        cell.CheckFits(spies, [cell.Real], "transform after fit");
        for (int i = 0; i < 3; i++)
        {
            CollectionAssert.AreEqual(cell.Real, cell.Read(model.Transform(cell.Data)), $"call {i + 1}: Transform(train) after Fit returns train");
        }

        using var engine = cell.Ml.Model.CreatePredictionEngine<MatrixRow, MatrixRow>(model, ignoreMissingColumns: true);
        var row = cell.Rows[5];
        var predicted = engine.Predict(row);
        Assert.AreEqual(row.Label, predicted.Label, "the prediction engine passes the row through");
        cell.CheckModel(model, cell.Data, cell.Real, fits: 1);
    }

    private static void SaveAndLoad(MatrixCell cell)
    {
        var (pipeline, spies) = cell.Build(Composition.InnerChainMiddle);
        var model = pipeline.Fit(cell.Data);
        cell.CheckFits(spies, [cell.Real], "save and load");
        using var stream = new MemoryStream();
        cell.Ml.Model.Save(model, cell.Data.Schema, stream);
        stream.Position = 0;
        var loaded = cell.Ml.Model.Load(stream, out _);
        CollectionAssert.AreEqual(cell.Real, cell.Read(loaded.Transform(cell.Data)), "the loaded model scores exactly the rows it is given");
        Assert.AreEqual(0, cell.Ml.Synthetic().Privacy.Ledger(loaded).Entries.Count, "a loaded model keeps no ledger (documented)");
    }

    private static void TrainTestSplit(MatrixCell cell)
    {
        var split = cell.Ml.Data.TrainTestSplit(cell.Data, testFraction: 0.25, seed: 3);
        var (pipeline, spies) = cell.Build(Composition.AppendExtension);
        var model = pipeline.Fit(split.TrainSet);
        var train = cell.Read(split.TrainSet);
        cell.CheckFits(spies, [train], "train-test split");
        cell.CheckModel(model, split.TrainSet, train, fits: 1);
        CollectionAssert.AreEqual(cell.Read(split.TestSet), cell.Read(model.Transform(split.TestSet)), "the test part is scored as it is");
    }

    private static void CrossValidate(MatrixCell cell, bool recorded)
    {
        var ml = cell.Ml;
        var before = new RowSpy(ml, cell.Stage.Columns);
        var after = new RowSpy(ml, cell.Stage.Columns);
        var outer = new RowSpy(ml, cell.Stage.Columns);
        var stage = cell.Stage.Create(ml);
        IEstimator<ITransformer> prep = before.Append(stage).Append(after);
        var pipeline = prep.Append(outer).Append(MatrixStages.Featurize(ml, cell.Stage.Columns))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression("Label", "Features"));
        using var recorder = recorded ? ml.Synthetic().Privacy.RecordReleases() : null;
        if (cell.Stage.IsDp && !recorded)
        {
            var e = Assert.ThrowsExactly<InvalidOperationException>(() => ml.BinaryClassification.CrossValidate(cell.Data, pipeline, 3, "Label", seed: 2));
            StringAssert.Contains(e.Message, cell.StageName);
            StringAssert.Contains(e.Message, "RecordReleases");
            Console.WriteLine($"{cell.Stage.Name} × CrossValidate throws: {e.Message}");
            return;
        }

        Assert.AreEqual(2, MatrixCell.ChainDepth(pipeline, stage), "the stage is in a nested chain");
        var folds = ml.BinaryClassification.CrossValidate(cell.Data, pipeline, 3, "Label", seed: 2);
        Assert.AreEqual(3, folds.Count);
        cell.CheckFits([after, outer], before.Fits, "cross-validation fold");
        var heldOut = new List<string>();
        for (int f = 0; f < folds.Count; f++)
        {
            var scored = cell.Read(folds[f].ScoredHoldOutSet);
            Assert.IsTrue(scored.All(cell.Real.Contains), $"fold {f}: the held-out rows are real rows");
            Assert.AreEqual(cell.Real.Count, scored.Count + before.Fits[f].Count, $"fold {f}: held-out and training rows partition the data");
            if (cell.RowsAreUnique)
            {
                Assert.AreEqual(0, scored.Intersect(before.Fits[f]).Count(), $"fold {f}: no held-out row was trained on");
            }

            heldOut.AddRange(scored);
            Assert.AreEqual(cell.Stage.IsDp ? 1 : 0, ml.Synthetic().Privacy.Ledger(folds[f].Model).Entries.Count, $"fold {f}: the fold model's ledger");
        }

        CollectionAssert.AreEquivalent(cell.Real, heldOut, "the held-out parts cover every row once");
        if (recorder is not null)
        {
            var ledger = recorder.Ledger();
            Assert.AreEqual(cell.Stage.IsDp ? 3 : 0, ledger.Entries.Count, "the recorder holds one release per fold");
            Assert.AreEqual(3 * cell.Stage.Epsilon, ledger.TotalEpsilon, 1e-12, "the total is the sum over the folds");
            Assert.AreEqual(3 * cell.Stage.Delta, ledger.TotalDelta, 1e-18);
        }
    }

    private static void AutoTrain(MatrixCell cell, bool spendBudget)
    {
        var ml = cell.Ml;
        var before = new RowSpy(ml, cell.Stage.Columns);
        var after = new RowSpy(ml, cell.Stage.Columns);
        var prefix = before.Append(cell.Stage.Create(ml)).Append(after).Append(MatrixStages.Featurize(ml, cell.Stage.Columns));
        var options = new AutoTrainOptions
        {
            MaxTrials = 1, Folds = 3, Seed = 1, Trainers = ["LbfgsLogisticRegression"], SpendPrivacyBudgetInEveryFold = spendBudget,
        };
        var estimator = ml.Synthetic().AutoTrain.BinaryClassification(prefix, "Label", options);
        if (cell.Stage.IsDp && !spendBudget)
        {
            var e = Assert.ThrowsExactly<InvalidOperationException>(() => estimator.Fit(cell.Data));
            StringAssert.Contains(e.Message, cell.StageName);
            StringAssert.Contains(e.Message, nameof(AutoTrainOptions.SpendPrivacyBudgetInEveryFold));
            Console.WriteLine($"{cell.Stage.Name} × AutoTrain throws: {e.Message}");
            return;
        }

        var model = estimator.Fit(cell.Data);
        Assert.AreEqual(4, after.Fits.Count, "3 fold refits and the final fit");
        cell.CheckFits([after], before.Fits, "AutoTrain prefix fit");
        CollectionAssert.AreEqual(cell.Real, before.Fits[^1], "the final fit sees every row");
        CollectionAssert.AreEqual(cell.Real, cell.Read(model.Transform(cell.Data)), "the AutoTrain model scores the rows it is given");

        var ledger = ml.Synthetic().Privacy.Ledger(model);
        int releases = cell.Stage.IsDp ? 4 : 0;
        Assert.AreEqual(releases, ledger.Entries.Count, "every fold refit and the final fit is an entry");
        Assert.AreEqual(Enumerable.Repeat(cell.Stage.Epsilon, releases).Sum(), ledger.TotalEpsilon, 1e-12, "an independent sum of the four releases");
        Assert.AreEqual(Enumerable.Repeat(cell.Stage.Delta, releases).Sum(), ledger.TotalDelta, 1e-18);
        Assert.AreEqual(cell.Stage.IsDp ? 1 : 0, ml.Synthetic().Privacy.Ledger(model.Model).Entries.Count, "the fitted chain alone reports its final fit only");
    }

    private static void Concurrent(MatrixCell cell)
    {
        var cells = new[] { cell.Build(Composition.AppendExtension), cell.Build(Composition.DeepNesting) };
        var models = new ITransformer[2];
        var errors = new Exception?[2];
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                models[i] = cells[i].Pipeline.Fit(cell.Data);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        foreach (var e in errors)
        {
            if (e is not null) throw new AssertFailedException($"a concurrent fit failed: {e}", e);
        }

        for (int i = 0; i < 2; i++)
        {
            cell.CheckFits(cells[i].Spies, [cell.Real], $"thread {i}");
            cell.CheckModel(models[i], cell.Data, cell.Real, fits: 1);
        }
    }
}
