using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// What a train-only stage (<c>Oversample</c>, <c>Augment</c>, <c>Replace</c>) uses to make new rows for a class:
/// an interpolation oversampler (<see cref="Oversampler"/>: SMOTE and its variants, random
/// duplication) or any synthesizer that samples conditionally on the label
/// (<see cref="SynthesizerRowGenerator"/>). A generator is refitted on every data set a stage is fitted on, so
/// inside cross-validation it only ever sees the training fold.
/// </summary>
public abstract class SyntheticRowGenerator
{
    private protected SyntheticRowGenerator()
    {
    }

    /// <summary>A short name for messages and summaries (<c>SMOTE</c>, <c>GaussianCopula</c>, …).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Learns from <see cref="GenerationRequest.Table"/> and returns the requested number of new rows of each class,
    /// class by class in class order, with the visible columns of <see cref="GenerationRequest.Input"/>.
    /// </summary>
    internal abstract GeneratedRows Generate(GenerationRequest request);
}

/// <summary>The rows a generator made: class by class, and how many of each class.</summary>
/// <param name="Rows">The new rows, with the visible columns of the stage's input.</param>
/// <param name="RowsPerClass">How many rows of each class were made (a method may round the request, as ADASYN does).</param>
/// <param name="Privacy">The privacy budget the generator spent on the rows it learned from (a DP-trained synthesizer's ledger entries); empty otherwise.</param>
internal sealed record GeneratedRows(IDataView Rows, int[] RowsPerClass, IReadOnlyList<PrivacyLedgerEntry>? Privacy = null);

/// <summary>What a stage asks of its generator.</summary>
/// <param name="Context">The ML.NET context (for logging).</param>
/// <param name="Input">The training data as the stage received it.</param>
/// <param name="Table">The same rows as a table (visible columns).</param>
/// <param name="LabelIndex">The label column's index in <paramref name="Table"/>, or -1 when the stage has no label (one class).</param>
/// <param name="ClassRows">The row indices of each class (one class holding every row when there is no label).</param>
/// <param name="ClassNames">The text of each class.</param>
/// <param name="RowsToAdd">How many rows to generate for each class.</param>
/// <param name="Seed">The seed for every random choice.</param>
/// <param name="MaxThreads">Upper bound on threads.</param>
/// <param name="Report">Reports a step of the work (to the ML.NET log and the stage's progress).</param>
/// <param name="Cancellation">Cancels long work.</param>
internal sealed record GenerationRequest(
    MLContext Context,
    IDataView Input,
    TabularData Table,
    int LabelIndex,
    int[][] ClassRows,
    IReadOnlyList<string> ClassNames,
    int[] RowsToAdd,
    int Seed,
    int MaxThreads,
    Action<string> Report,
    CancellationToken Cancellation)
{
    /// <summary>The label column's name, or null.</summary>
    public string? LabelName => LabelIndex >= 0 ? Table.Columns[LabelIndex].Name : null;
}
