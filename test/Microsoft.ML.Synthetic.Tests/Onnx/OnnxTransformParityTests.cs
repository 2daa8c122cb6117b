using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using static Microsoft.ML.Synthetic.Tests.Onnx.OnnxTestSupport;

namespace Microsoft.ML.Synthetic.Tests.Onnx;

/// <summary>
/// Each supported transform, fitted on Adult, gives in ONNX Runtime the columns ML.NET gives on 1,000 holdout
/// rows, including missing values and categories the encoder never saw.
/// </summary>
[TestClass]
public sealed class OnnxTransformParityTests
{
    private const double Tolerance = 1e-5;

    // (The text loader trims the spaces that lead Adult's categories in the file.)

    /// <summary>Adult with NaN in every 7th capital-gain and an unseen workclass in every 5th holdout row.</summary>
    private static (IDataView Train, IDataView Holdout) MessySplit(MLContext ml)
    {
        var rows = CopyRows();
        for (int i = 0; i < rows.Count; i += 7) rows[i].CapitalGain = float.NaN;
        for (int i = rows.Count - 1000; i < rows.Count; i += 5) rows[i].Workclass = " Never-seen-before";
        return (ml.Data.LoadFromEnumerable(rows.Take(3000)), ml.Data.LoadFromEnumerable(rows.Skip(rows.Count - 1000)));
    }

    private static void AssertColumnsMatch(IEstimator<ITransformer> pipeline, params string[] columns)
    {
        var ml = new MLContext(seed: 1);
        var (train, holdout) = MessySplit(ml);
        var model = pipeline.Fit(train);
        var expected = model.Transform(holdout);
        var onnx = RunOnnx(Export(ml, model, train), holdout);
        foreach (string column in columns)
        {
            var actual = onnx[column];
            switch (actual)
            {
                case float[] values:
                    AssertClose(Column<float>(expected, column), values, Tolerance, column);
                    Assert.IsTrue(values.Distinct().Count() > 1, $"{column} varies");
                    break;
                case string[] text:
                    CollectionAssert.AreEqual(Column<ReadOnlyMemory<char>>(expected, column).Select(v => v.ToString()).ToArray(), text, column);
                    break;
                case uint[] keys:
                    CollectionAssert.AreEqual(Column<uint>(expected, column), keys, column);
                    break;
                default:
                    Assert.Fail($"unexpected output type {actual.GetType()} of {column}");
                    break;
            }
        }
    }

    [TestMethod]
    public void ReplaceMissingValues_MeanAndPerSlot_Match()
    {
        var ml = new MLContext(seed: 1);
        AssertColumnsMatch(ml.Transforms.ReplaceMissingValues("GainFilled", "capital-gain", MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(ml.Transforms.Concatenate("Money", "capital-gain", "capital-loss"))
            .Append(ml.Transforms.ReplaceMissingValues("MoneyFilled", "Money", MissingValueReplacingEstimator.ReplacementMode.Maximum, imputeBySlot: true)),
            "GainFilled", "MoneyFilled");
    }

    [TestMethod]
    public void Normalizers_MinMaxMeanVarianceLogMeanVarianceBinning_Match()
    {
        var ml = new MLContext(seed: 1);
        AssertColumnsMatch(ml.Transforms.Concatenate("Numbers", "age", "fnlwgt", "hours-per-week")
            .Append(ml.Transforms.NormalizeMinMax("AgeMinMax", "age", fixZero: false))
            .Append(ml.Transforms.NormalizeMeanVariance("NumbersMeanVar", "Numbers"))
            .Append(ml.Transforms.NormalizeMeanVariance("AgeCdf", "age", useCdf: true))
            .Append(ml.Transforms.NormalizeLogMeanVariance("WeightLogCdf", "fnlwgt", useCdf: true))
            .Append(ml.Transforms.NormalizeBinning("NumbersBinned", "Numbers", maximumBinCount: 8))
            .Append(ml.Transforms.NormalizeBinning("HoursBinned", "hours-per-week", maximumBinCount: 5))
            .Append(ml.Transforms.NormalizeLogMeanVariance("WeightLog", "fnlwgt", useCdf: false))
            .Append(ml.Transforms.NormalizeRobustScaling("NumbersRobust", "Numbers"))
            .Append(ml.Transforms.NormalizeMinMax("NumbersMinMax", "Numbers")),
            "AgeMinMax", "NumbersMeanVar", "AgeCdf", "WeightLogCdf", "NumbersBinned", "HoursBinned", "WeightLog", "NumbersRobust", "NumbersMinMax");
    }

    [TestMethod]
    public void OneHot_UnseenCategoryGivesZeros_BagAndKeyOutputsMatch()
    {
        var ml = new MLContext(seed: 1);
        AssertColumnsMatch(ml.Transforms.Categorical.OneHotEncoding("Workclass", "workclass")
            .Append(ml.Transforms.Concatenate("People", "race", "sex"))
            .Append(ml.Transforms.Categorical.OneHotEncoding("PeopleIndicators", "People"))
            .Append(ml.Transforms.Categorical.OneHotEncoding("PeopleBag", "People", OneHotEncodingEstimator.OutputKind.Bag))
            .Append(ml.Transforms.Categorical.OneHotEncoding("EducationKey", "education", OneHotEncodingEstimator.OutputKind.Key)),
            "Workclass", "PeopleIndicators", "PeopleBag", "EducationKey");

        // The unseen workclass rows are all-zero in ONNX Runtime as in ML.NET (the test above compared every slot).
        var (train, holdout) = MessySplit(ml);
        var model = ml.Transforms.Categorical.OneHotEncoding("Workclass", "workclass").Fit(train);
        var onnx = (float[])RunOnnx(Export(ml, model, train), holdout)["Workclass"];
        int width = onnx.Length / 1000;
        Assert.AreEqual(0f, onnx.Skip(0 * width).Take(width).Sum(), "holdout row 0 has the unseen workclass");
        Assert.AreEqual(1f, onnx.Skip(1 * width).Take(width).Sum(), "holdout row 1 has a known workclass");
    }

    [TestMethod]
    public void KeysCopyConvertDrop_Match()
    {
        var ml = new MLContext(seed: 1);
        AssertColumnsMatch(ml.Transforms.Conversion.MapValueToKey("OccupationKey", "occupation")
            .Append(ml.Transforms.Conversion.MapKeyToValue("OccupationBack", "OccupationKey"))
            .Append(ml.Transforms.CopyColumns("AgeCopy", "age"))
            .Append(ml.Transforms.Conversion.ConvertType("LabelNumber", "Label", DataKind.Single))
            .Append(ml.Transforms.Concatenate("Both", "AgeCopy", "LabelNumber"))
            .Append(ml.Transforms.DropColumns("AgeCopy")),
            "OccupationKey", "OccupationBack", "LabelNumber", "Both");
    }

    [TestMethod]
    public void MapValue_TextToBooleanAndText_UnknownKeysGetMissingValue_Match()
    {
        var ml = new MLContext(seed: 1);
        var sexes = new Dictionary<string, bool> { ["Male"] = true, ["Female"] = false };
        var regions = new Dictionary<string, string> { ["United-States"] = "US", ["Mexico"] = "MX", ["Canada"] = "CA" };
        var pipeline = ml.Transforms.Conversion.MapValue("IsMale", sexes, "sex")
            .Append(ml.Transforms.Conversion.MapValue("Region", regions, "native-country"))
            .Append(ml.Transforms.Conversion.ConvertType("IsMaleNumber", "IsMale", DataKind.Single));
        AssertColumnsMatch(pipeline, "Region", "IsMaleNumber");

        var (train, holdout) = MessySplit(ml);
        var model = pipeline.Fit(train);
        var onnx = RunOnnx(Export(ml, model, train), holdout);
        CollectionAssert.AreEqual(Column<bool>(model.Transform(holdout), "IsMale"), (bool[])onnx["IsMale"]);
        Assert.Contains("", (string[])onnx["Region"], "countries not in the dictionary get the empty string");
    }
}
