using Microsoft.ML;
using Microsoft.ML.Data;

[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.Parallelize(Workers = 2, Scope = Microsoft.VisualStudio.TestTools.UnitTesting.ExecutionScope.ClassLevel)]

namespace Microsoft.ML.Synthetic.Evaluation.Tests;

/// <summary>Paths of the data files copied next to the test assembly, and loaders for them.</summary>
internal static class TestData
{
    public static string AdultPath => Path.Combine(AppContext.BaseDirectory, "data", "adult.csv");

    /// <summary>The continuous columns of Adult (read as Single).</summary>
    public static readonly string[] AdultContinuous = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];

    /// <summary>The categorical columns of Adult, read as text (ML.NET's TextLoader drops the space after each comma: "State-gov", ">50K", "?").</summary>
    public static readonly string[] AdultCategorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country", "income"];

    /// <summary>Adult as the file has it: 15 columns in file order, numbers as Single, categories as text.</summary>
    public static IDataView LoadAdult(MLContext ml)
    {
        string[] order = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income"];
        var columns = order.Select((name, i) => new TextLoader.Column(name,
            AdultContinuous.Contains(name) ? DataKind.Single : DataKind.String, i)).ToArray();
        return ml.Data.LoadFromTextFile(AdultPath, columns, separatorChar: ',', hasHeader: true);
    }
}
