using Microsoft.ML.Synthetic.Constraints;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Synthesizers.Steps;

/// <summary>The readers of saved table steps, by format name: one line per kind of step.</summary>
internal static class TableStepFormats
{
    private static readonly Dictionary<string, Func<ModelReader, TabularSchema, TabularSchema, TableStep>> Readers =
        new(StringComparer.Ordinal)
        {
            [OrderedDifferenceStep.FormatName] = OrderedDifferenceStep.Read,
            [BoundedValueStep.FormatName] = BoundedValueStep.Read,
            [IncrementStep.FormatName] = IncrementStep.Read,
            [CombinedCategoryStep.FormatName] = CombinedCategoryStep.Read,
        };

    /// <summary>Reads a step of <paramref name="format"/> between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static TableStep Read(ModelReader reader, string format, TabularSchema before, TabularSchema after) =>
        Readers.TryGetValue(format, out var read)
            ? read(reader, before, after)
            : throw reader.Corrupt($"the step format {ModelReader.Quote(format)} is not one this library reads");
}
