namespace Microsoft.ML.Synthetic.Synthesizers.Steps;

/// <summary>
/// One fitted, reversible step between the user's table and the table a synthesizer models: <see cref="Forward"/>
/// turns a table of schema <see cref="Before"/> (the user's side) into one of schema <see cref="After"/> (the model's
/// side), and <see cref="Reverse"/> turns generated rows back. Steps are fitted once on the training table and are
/// immutable; they save with the model (see <see cref="TableSteps"/>).
/// </summary>
internal abstract class TableStep
{
    private protected TableStep(TabularSchema before, TabularSchema after)
    {
        Before = before;
        After = after;
    }

    /// <summary>The schema of the user's side of this step.</summary>
    public TabularSchema Before { get; }

    /// <summary>The schema of the model's side of this step.</summary>
    public TabularSchema After { get; }

    /// <summary>The name this step's state is saved under (see <see cref="TableStepFormats"/>).</summary>
    public abstract string Format { get; }

    /// <summary>What the step does, for messages ("Inequality(checkin ≤ checkout): checkout modelled as log(checkout − checkin + 1)").</summary>
    public abstract string Description { get; }

    /// <summary>The columns of <see cref="Before"/> whose values the model does not see as they are (conditions on them are checked by rejection).</summary>
    public abstract IReadOnlyCollection<string> ChangedColumns { get; }

    /// <summary>The user's side to the model's side (rows kept one to one).</summary>
    public abstract TabularData Forward(TabularData table);

    /// <summary>Generated rows of the model's side back to the user's side (rows kept one to one); <paramref name="random"/> is the block's only source of randomness.</summary>
    public abstract TabularData Reverse(TabularData table, Random random);

    /// <summary>Whether the step can be saved; a step built on user code (a delegate) cannot, and says so in <see cref="Description"/>.</summary>
    public virtual bool CanSave => true;

    /// <summary>Writes what the step learned (its schemas are written by <see cref="TableSteps"/>).</summary>
    public abstract void WriteState(BinaryWriter writer);
}
