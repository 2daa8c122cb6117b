using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Oversampling;
using static Microsoft.ML.Synthetic.Tests.Oversampling.OversamplingTestData;

namespace Microsoft.ML.Synthetic.Tests.Augmentation;

/// <summary>Oversample with any synthesizer, Augment and Replace: generator-based train-only stages.</summary>
[TestClass]
public sealed class AugmentationStageTests
{
    private sealed class Spy(Action<IDataView> onFit) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input)
        {
            onFit(input);
            return new MLContext().Transforms.CopyColumns("X1Copy", "X1").Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }

    [TestMethod]
    public void Oversample_WithASynthesizer_BalancesTheClasses_NewRowsCarryTheirClass()
    {
        var ml = new MLContext(1);
        var data = MixedData(ml);
        var generator = new MarginalsSynthesizerEstimator(ml.Synthetic());
        var rows = ml.Synthetic().Oversample("Label", generator: generator, seed: 3).Resample(data);
        var counts = ClassCounts(rows);
        Assert.AreEqual(300, counts["a"]);
        Assert.AreEqual(300, counts["b"]);
        Assert.AreEqual(300, counts["c"]);
        CollectionAssert.AreEqual(RowTexts(data), RowTexts(rows).Take(390).ToList(), "real rows first, unaltered");
        Assert.AreEqual(390L, rows.RealRowCount);
        CollectionAssert.AreEqual(new[] { 390 }, generator.FittedRowCounts);

        var again = ml.Synthetic().Oversample("Label", generator: new MarginalsSynthesizerEstimator(ml.Synthetic()), seed: 3).Resample(data);
        CollectionAssert.AreEqual(RowTexts(rows), RowTexts(again), "same seed, same rows");
    }

    [TestMethod]
    public void Oversample_WithASynthesizer_InsideCrossValidate_TheGeneratorSeesOnlyTrainingFolds()
    {
        var ml = new MLContext(1);
        var data = MixedData(ml);
        var generator = new MarginalsSynthesizerEstimator(ml.Synthetic());
        var pipeline = ml.Synthetic().Oversample("Label", generator: generator)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.Transforms.Categorical.OneHotEncoding([new InputOutputColumnPair("Color"), new InputOutputColumnPair("Shape")]))
            .Append(ml.Transforms.Concatenate("Features", "X1", "X2", "Color", "Shape"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 10));
        var folds = ml.MulticlassClassification.CrossValidate(data, pipeline, numberOfFolds: 3, labelColumnName: "Label", seed: 1);
        Assert.AreEqual(3, folds.Count);
        Assert.AreEqual(3, generator.FittedRowCounts.Count, "the generator is refitted per fold");
        Assert.IsTrue(generator.FittedRowCounts.All(n => n < 390 && n > 200), string.Join(", ", generator.FittedRowCounts));
        Assert.AreEqual(390, generator.FittedRowCounts.Sum() / 2, "each row is in exactly two of three training folds");
    }

    [TestMethod]
    public void Oversample_WithASynthesizerThatIgnoresTheCondition_IsAnError()
    {
        var ml = new MLContext(1);
        var stage = ml.Synthetic().Oversample("Label", generator: new MarginalsSynthesizerEstimator(ml.Synthetic(), ignoreConditions: true), seed: 1);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => stage.Fit(MixedData(ml)));
        StringAssert.Contains(e.Message, "'Label'");
    }

    [TestMethod]
    public void Augment_RowCount_KeepsClassShares_Fraction_And_RowsPerClass()
    {
        var ml = new MLContext(1);
        var data = MixedData(ml);
        var synthetic = ml.Synthetic();
        var byCount = synthetic.Resampling.Augment(new MarginalsSynthesizerEstimator(synthetic), new AugmentOptions { RowCount = 130 }, "Label", seed: 1).Resample(data);
        var counts = ClassCounts(byCount);
        Assert.AreEqual(400, counts["a"]);  // 300 + 130 × 300/390
        Assert.AreEqual(80, counts["b"]);
        Assert.AreEqual(40, counts["c"]);

        var byFraction = synthetic.Resampling.Augment(new MarginalsSynthesizerEstimator(synthetic), new AugmentOptions { Fraction = 0.5 }, "Label", seed: 1).Resample(data);
        Assert.AreEqual(195L, byFraction.SyntheticRowCount);

        var perClass = synthetic.Resampling.Augment(Oversampler.SmoteNc(3), new AugmentOptions { RowsPerClass = new Dictionary<string, int> { ["c"] = 17 } }, "Label", seed: 1).Resample(data);
        Assert.AreEqual(47, ClassCounts(perClass)["c"]);
        Assert.AreEqual(17L, perClass.SyntheticRowCount);

        var unlabelled = synthetic.Resampling.Augment(new MarginalsSynthesizerEstimator(synthetic), new AugmentOptions { RowCount = 10 }, seed: 1).Resample(data);
        Assert.AreEqual(400L, Count(unlabelled));
    }

    [TestMethod]
    public void Augment_BadOptions_AreRejected()
    {
        var ml = new MLContext(1);
        var synthetic = ml.Synthetic();
        Assert.ThrowsExactly<ArgumentException>(() => synthetic.Resampling.Augment(Oversampler.Random(), new AugmentOptions()));
        Assert.ThrowsExactly<ArgumentException>(() => synthetic.Resampling.Augment(Oversampler.Random(), new AugmentOptions { RowCount = 5, Fraction = 0.1 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => synthetic.Resampling.Augment(Oversampler.Random(), new AugmentOptions { Fraction = -1 }));
        Assert.ThrowsExactly<ArgumentException>(() => synthetic.Resampling.Augment(Oversampler.Random(), new AugmentOptions { RowsPerClass = new Dictionary<string, int> { ["a"] = 1 } }));
    }

    [TestMethod]
    public void Replace_NextEstimatorSeesOnlySyntheticRows_ClassSharesKept_ScoringIsIdentity()
    {
        var ml = new MLContext(1);
        var data = MixedData(ml);
        Dictionary<string, int>? seen = null;
        long? real = null;
        var model = ml.Synthetic().Replace(new MarginalsSynthesizerEstimator(ml.Synthetic()), "Label", seed: 2)
            .Append(new Spy(v => { seen = ClassCounts(v); real = v.RealRowCount(); }))
            .Fit(data);
        Assert.AreEqual(0L, real);
        Assert.AreEqual(300, seen!["a"]);
        Assert.AreEqual(60, seen["b"]);
        Assert.AreEqual(30, seen["c"]);
        var summary = ((SyntheticRowsTransformer)model.First()).Summary;
        Assert.AreEqual(0L, summary.RealRowsPassedOn);
        Assert.AreEqual(390L, summary.SyntheticRows);
        Assert.AreEqual(390, Count(model.Transform(data)));
    }
}
