namespace Microsoft.ML.Synthetic;

/// <summary>
/// Streamed (out-of-core) training of TVAE and CTGAN (<see cref="DeepSynthesizerOptions.Streaming"/>): the training
/// <see cref="IDataView"/> is read in blocks and never held whole. A first cursor pass counts every category exactly
/// and keeps a seeded uniform reservoir sample of <see cref="TransformSampleRows"/> rows (Vitter 1985, Algorithm R),
/// on which the continuous columns' modes are fitted; training then reads blocks of <see cref="BlockRows"/> rows,
/// in a new random block order each epoch, <see cref="BufferBlocks"/> at a time into a buffer whose rows are
/// shuffled together and encoded, and takes its minibatches from that buffer. What this changes from in-memory
/// training is stated in the Deep folder's README ("Streamed training").
/// </summary>
public sealed class StreamingTrainingOptions
{
    /// <summary>Rows per block: the unit the source is read and its order shuffled in. Default 10,000.</summary>
    public int BlockRows { get; set; } = 10_000;

    /// <summary>
    /// Blocks held at once in the shuffle buffer (minibatches are drawn from these <c>BufferBlocks × BlockRows</c>
    /// rows). Default 10. When the whole table fits in one buffer it is read and encoded once and training equals the
    /// in-memory fit, provided the reservoir holds every row too.
    /// </summary>
    public int BufferBlocks { get; set; } = 10;

    /// <summary>
    /// Size of the uniform reservoir sample the continuous columns' mixtures (modes) are fitted on. Default 100,000.
    /// Categories, missing values, ranges and whole-number-ness are always taken from every row.
    /// </summary>
    public int TransformSampleRows { get; set; } = 100_000;

    /// <summary>Checks the settings; throws an exception that names the bad one.</summary>
    public void Validate()
    {
        if (BlockRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockRows), BlockRows, "BlockRows must be at least 1.");
        }

        if (BufferBlocks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferBlocks), BufferBlocks, "BufferBlocks must be at least 1.");
        }

        if ((long)BlockRows * BufferBlocks > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferBlocks), BufferBlocks, $"BlockRows × BufferBlocks ({(long)BlockRows * BufferBlocks:N0}) must not exceed {Array.MaxLength:N0} rows.");
        }

        if (TransformSampleRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TransformSampleRows), TransformSampleRows, "TransformSampleRows must be at least 1.");
        }
    }
}
