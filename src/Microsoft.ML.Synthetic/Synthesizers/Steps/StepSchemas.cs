using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Synthesizers.Steps;

/// <summary>Checks, when a saved step is read, that the columns it names are on both sides of it with the kinds it needs.</summary>
internal static class StepSchemas
{
    /// <summary>The column is continuous before and after the step.</summary>
    public static void CheckContinuous(ModelReader reader, TabularSchema before, TabularSchema after, string column)
    {
        CheckKind(reader, before, column, ColumnKind.Continuous, "user");
        CheckKind(reader, after, column, ColumnKind.Continuous, "model");
    }

    /// <summary>The column is in <paramref name="schema"/> with <paramref name="kind"/>; returns its index.</summary>
    public static int CheckKind(ModelReader reader, TabularSchema schema, string column, ColumnKind kind, string side)
    {
        int i = schema.IndexOf(column);
        reader.Check(i >= 0, $"column {ModelReader.Quote(column)} is not on the {side} side of the step");
        reader.Check(schema.Columns[i].Kind == kind, $"column {ModelReader.Quote(column)} is not {kind} on the {side} side of the step");
        return i;
    }
}
