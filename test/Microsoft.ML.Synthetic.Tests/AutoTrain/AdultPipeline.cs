using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.Synthetic.Tests.AutoTrain;

/// <summary>Adult rows and the featurizing prefix the AutoTrain tests use.</summary>
internal static class AdultPipeline
{
    /// <summary>One Adult row, as the text loader of <see cref="TestData.LoadAdult"/> reads it.</summary>
    public sealed class AdultRow
    {
        [ColumnName("age")] public float Age { get; set; }
        [ColumnName("workclass")] public string Workclass { get; set; } = "";
        [ColumnName("fnlwgt")] public float Fnlwgt { get; set; }
        [ColumnName("education")] public string Education { get; set; } = "";
        [ColumnName("education-num")] public float EducationNum { get; set; }
        [ColumnName("marital-status")] public string MaritalStatus { get; set; } = "";
        [ColumnName("occupation")] public string Occupation { get; set; } = "";
        [ColumnName("relationship")] public string Relationship { get; set; } = "";
        [ColumnName("race")] public string Race { get; set; } = "";
        [ColumnName("sex")] public string Sex { get; set; } = "";
        [ColumnName("capital-gain")] public float CapitalGain { get; set; }
        [ColumnName("capital-loss")] public float CapitalLoss { get; set; }
        [ColumnName("hours-per-week")] public float HoursPerWeek { get; set; }
        [ColumnName("native-country")] public string NativeCountry { get; set; } = "";
        [ColumnName("income")] public string Income { get; set; } = "";
    }

    /// <summary>A scored row.</summary>
    public sealed class Prediction
    {
        public bool PredictedLabel { get; set; }
        public float Score { get; set; }
    }

    private static readonly string[] Categorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];

    // ML.NET's text loader drops the leading space of " >50K"; both spellings are mapped so any loader works.
    private static readonly KeyValuePair<string, bool>[] Income =
        [new(">50K", true), new(" >50K", true), new("<=50K", false), new(" <=50K", false)];

    /// <summary>income → Boolean Label, one-hot categoricals, Features = continuous + one-hot.</summary>
    public static IEstimator<ITransformer> Prefix(MLContext ml) =>
        ml.Transforms.Conversion.MapValue("Label", Income, "income")
            .Append(ml.Transforms.Categorical.OneHotEncoding(Categorical.Select(c => new InputOutputColumnPair(c + "_oh", c)).ToArray()))
            .Append(ml.Transforms.Concatenate("Features", TestData.AdultContinuous.Concat(Categorical.Select(c => c + "_oh")).ToArray()));

    /// <summary>The first <paramref name="rows"/> rows of Adult, cached.</summary>
    public static IDataView Load(MLContext ml, int rows) => ml.Data.Cache(ml.Data.TakeRows(TestData.LoadAdult(ml), rows));
}
