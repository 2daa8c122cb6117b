namespace Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

/// <summary>How a generator produces one part of an encoded row.</summary>
internal enum SpanActivation
{
    /// <summary>A scalar in [−1, 1] (a value within its mode): tanh.</summary>
    Tanh,

    /// <summary>A one-hot choice (a mode, a category, missing or not): softmax or Gumbel-softmax.</summary>
    Softmax,
}

/// <summary>A contiguous part of an encoded row: where it starts, how wide it is, and its activation.</summary>
/// <param name="Start">The first position in the encoded row.</param>
/// <param name="Width">The number of positions.</param>
/// <param name="Activation">How a generator produces it.</param>
internal readonly record struct OutputSpan(int Start, int Width, SpanActivation Activation)
{
    /// <summary>One past the last position.</summary>
    public int End => Start + Width;
}
