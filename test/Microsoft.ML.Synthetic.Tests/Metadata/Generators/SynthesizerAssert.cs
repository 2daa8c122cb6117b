using System.Globalization;

namespace Microsoft.ML.Synthetic.Tests.Metadata.Generators;

/// <summary>Compares tables by their values as the user sees them (category texts, not codes: generated columns have their own categories per sample).</summary>
internal static class SynthesizerAssert
{
    public static string?[] Values(TableColumn column) => column switch
    {
        CategoricalColumn c => c.Codes.Select(k => k < 0 ? null : c.Categories[k]).ToArray(),
        ContinuousColumn c => c.Values.Select(v => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
        _ => throw new AssertFailedException($"unknown column kind {column.GetType().Name}"),
    };

    public static void SameValues(TabularData expected, TabularData actual)
    {
        CollectionAssert.AreEqual(expected.Columns.Select(c => c.Name).ToArray(), actual.Columns.Select(c => c.Name).ToArray());
        for (int i = 0; i < expected.Columns.Count; i++)
        {
            CollectionAssert.AreEqual(Values(expected.Columns[i]), Values(actual.Columns[i]), $"column {expected.Columns[i].Name}");
        }
    }
}
