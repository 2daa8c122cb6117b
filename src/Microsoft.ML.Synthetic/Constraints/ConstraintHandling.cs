namespace Microsoft.ML.Synthetic;

/// <summary>
/// How a synthesizer keeps a constraint (SDV's <c>handling_strategy</c>). Either way every sampled row follows the
/// rule: sampling always rejects and redraws rows that break one.
/// </summary>
public enum ConstraintHandling
{
    /// <summary>
    /// Chosen from the training rows: a <c>ScalarRange</c>, <c>Positive</c> or <c>Negative</c> rule on a whole-number
    /// column, or on a column where one value holds at least a tenth of the rows (a point mass such as zero gains), is
    /// kept by <see cref="Reject"/> (the transform would smear the whole numbers and the spike, and synthesizers keep
    /// such values within the training range anyway); every other rule by <see cref="Transform"/>.
    /// </summary>
    Auto = 0,

    /// <summary>The model sees a reversibly transformed table in which the rule holds by construction (SDV's <c>'transform'</c>).</summary>
    Transform = 1,

    /// <summary>The model sees the columns as they are; sampled rows that break the rule are rejected and redrawn (SDV's <c>'reject_sampling'</c>).</summary>
    Reject = 2,
}
