[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.Parallelize(Workers = 2, Scope = Microsoft.VisualStudio.TestTools.UnitTesting.ExecutionScope.ClassLevel)]

namespace Microsoft.ML.Synthetic.Evaluation.Tests;

/// <summary>Paths of the data files copied next to the test assembly.</summary>
internal static class TestData
{
    public static string AdultPath => Path.Combine(AppContext.BaseDirectory, "data", "adult.csv");
}
