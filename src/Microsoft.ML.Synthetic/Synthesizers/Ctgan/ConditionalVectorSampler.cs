using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;

namespace Microsoft.ML.Synthetic.Synthesizers.Ctgan;

/// <summary>
/// CTGAN's conditional vector and training-by-sampling (Xu et al. 2019, §4.3): the conditional vector is the
/// concatenation of every categorical column's one-hot with exactly one slot set. In training, a categorical
/// column is chosen uniformly, a category of it with probability proportional to log(1 + frequency), and the real
/// rows shown to the critic are drawn among the rows with that category. For unconditional sampling the column is
/// chosen uniformly and the category by its frequency.
/// </summary>
internal sealed class ConditionalVectorSampler
{
    private readonly int[] _offsets;          // start of each categorical column in the conditional vector
    private readonly int[] _widths;
    private readonly double[][] _trainingCumulative;   // log-frequency (or frequency) CDF per column
    private readonly double[][] _empiricalCumulative;  // frequency CDF per column
    private readonly int[][][]? _rowsBySlot;  // [column][slot] → training rows (null after loading)
    private readonly int[][] _counts;

    private ConditionalVectorSampler(int[] widths, int[][] counts, bool logFrequency, int[][][]? rowsBySlot, bool[][]? present = null)
    {
        _widths = widths;
        _counts = counts;
        _offsets = new int[widths.Length];
        for (int c = 1; c < widths.Length; c++)
        {
            _offsets[c] = _offsets[c - 1] + widths[c - 1];
        }

        Width = widths.Sum();
        _trainingCumulative = counts.Select((k, c) => Cumulative(k.Select((n, s) => present is not null && !present[c][s] ? 0 : logFrequency ? Math.Log(1 + n) : n).ToArray())).ToArray();
        _empiricalCumulative = counts.Select(k => Cumulative(k.Select(n => (double)n).ToArray())).ToArray();
        _rowsBySlot = rowsBySlot;
    }

    /// <summary>No conditional vector (width 0), whatever the columns: DP-CTGAN's generator is unconditional.</summary>
    public static ConditionalVectorSampler None { get; } = new([], [], false, null);

    /// <summary>The length of the conditional vector (0 when the table has no categorical column).</summary>
    public int Width { get; }

    /// <summary>The number of categorical columns.</summary>
    public int ColumnCount => _widths.Length;

    /// <summary>The widest categorical one-hot.</summary>
    public int Widest => _widths.Length == 0 ? 1 : _widths.Max();

    /// <summary>Where each categorical column's one-hot starts in the conditional vector.</summary>
    public IReadOnlyList<int> Offsets => _offsets;

    /// <summary>Each categorical column's cumulative training frequencies (what <see cref="SampleOriginal"/> draws a category by).</summary>
    public IReadOnlyList<double[]> EmpiricalCumulative => _empiricalCumulative;

    /// <summary>Indexes the training rows of each category of each categorical column of <paramref name="encoded"/>.</summary>
    public static ConditionalVectorSampler Create(TabularEncoder encoder, float[] encoded, int rows, bool logFrequency)
    {
        var layouts = encoder.CategoricalColumns;
        var widths = layouts.Select(l => l.Spans[0].Width).ToArray();
        var rowsBySlot = new int[layouts.Count][][];
        var counts = new int[layouts.Count][];
        for (int c = 0; c < layouts.Count; c++)
        {
            var span = layouts[c].Spans[0];
            var lists = Enumerable.Range(0, span.Width).Select(_ => new List<int>()).ToArray();
            for (int r = 0; r < rows; r++)
            {
                int offset = (r * encoder.Width) + span.Start;
                for (int s = 0; s < span.Width; s++)
                {
                    if (encoded[offset + s] > 0.5f)
                    {
                        lists[s].Add(r);
                        break;
                    }
                }
            }

            rowsBySlot[c] = lists.Select(l => l.ToArray()).ToArray();
            counts[c] = lists.Select(l => l.Count).ToArray();
        }

        return new ConditionalVectorSampler(widths, counts, logFrequency, rowsBySlot);
    }

    /// <summary>
    /// The sampler of streamed training for one shuffle buffer (<paramref name="encoded"/>, <paramref name="rows"/> rows):
    /// categories are drawn by the whole table's exact <paramref name="counts"/> (as in memory), among the categories
    /// the buffer has rows of, and the critic's real rows among the buffer's rows of the drawn category.
    /// </summary>
    public static ConditionalVectorSampler ForBuffer(TabularEncoder encoder, float[] encoded, int rows, bool logFrequency, int[][] counts)
    {
        var buffer = Create(encoder, encoded, rows, logFrequency);
        var present = buffer._rowsBySlot!.Select(column => column.Select(r => r.Length > 0).ToArray()).ToArray();
        return new ConditionalVectorSampler(buffer._widths, counts, logFrequency, buffer._rowsBySlot, present);
    }

    /// <summary>A sampler for generation only from the whole table's slot counts (streamed training counts them in its first pass).</summary>
    public static ConditionalVectorSampler FromCounts(TabularEncoder encoder, int[][] counts, bool logFrequency) =>
        new(encoder.CategoricalColumns.Select(l => l.Spans[0].Width).ToArray(), counts, logFrequency, rowsBySlot: null);

    private static double[] Cumulative(double[] weights)
    {
        double total = weights.Sum(), running = 0;
        var result = new double[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            running += weights[i];
            result[i] = total > 0 ? running / total : (i + 1.0) / weights.Length;
        }

        return result;
    }

    private static int Draw(double[] cumulative, Random random)
    {
        double u = random.NextDouble();
        int i = Array.BinarySearch(cumulative, u);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, cumulative.Length - 1);
    }

    /// <summary>
    /// Training conditional vectors for <paramref name="batch"/> rows (row-major into <paramref name="cond"/>), with
    /// the chosen column and slot of each row.
    /// </summary>
    public void SampleTraining(int batch, Random random, float[] cond, int[] columnOf, int[] slotOf)
    {
        Array.Clear(cond, 0, batch * Width);
        for (int b = 0; b < batch; b++)
        {
            int c = random.Next(_widths.Length);
            int s = Draw(_trainingCumulative[c], random);
            columnOf[b] = c;
            slotOf[b] = s;
            cond[(b * Width) + _offsets[c] + s] = 1;
        }
    }

    /// <summary>A training row with category slot <paramref name="slot"/> of categorical column <paramref name="column"/>.</summary>
    public int SampleRow(int column, int slot, Random random)
    {
        var rows = _rowsBySlot![column][slot];
        return rows[random.Next(rows.Length)];
    }

    /// <summary>Conditional vectors for unconditional sampling: a column uniformly, its category by frequency.</summary>
    public void SampleOriginal(int batch, Random random, float[] cond)
    {
        Array.Clear(cond, 0, batch * Width);
        for (int b = 0; b < batch; b++)
        {
            int c = random.Next(_widths.Length);
            cond[(b * Width) + _offsets[c] + Draw(_empiricalCumulative[c], random)] = 1;
        }
    }

    /// <summary>Conditional vectors that all fix slot <paramref name="slot"/> of categorical column <paramref name="column"/>.</summary>
    public void Fixed(int batch, int column, int slot, float[] cond)
    {
        Array.Clear(cond, 0, batch * Width);
        for (int b = 0; b < batch; b++)
        {
            cond[(b * Width) + _offsets[column] + slot] = 1;
        }
    }

    /// <summary>Writes the category counts (enough to sample unconditionally; training rows are not kept).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_counts.Length);
        foreach (var k in _counts)
        {
            writer.Write(k.Length);
            foreach (var n in k)
            {
                writer.Write(n);
            }
        }
    }

    /// <summary>
    /// Reads what <see cref="Write"/> wrote (a sampler for generation only): no column (an unconditional generator), or
    /// one per categorical column of <paramref name="encoder"/> with that column's one-hot width; counts not negative.
    /// </summary>
    public static ConditionalVectorSampler Read(ModelReader reader, TabularEncoder encoder)
    {
        using var part = reader.Part("conditional vector");
        var layouts = encoder.CategoricalColumns;
        int columns = reader.ReadInt32("column count");
        if (columns != 0 && columns != layouts.Count)
        {
            throw reader.Corrupt($"{columns} columns; the encoder has {layouts.Count} categorical columns (or 0 for an unconditional generator)");
        }

        var counts = new int[columns][];
        for (int c = 0; c < columns; c++)
        {
            int width = reader.ReadInt32("one-hot width");
            if (width != layouts[c].Spans[0].Width)
            {
                throw reader.Corrupt($"column {c} has {width} slots; its one-hot has {layouts[c].Spans[0].Width}");
            }

            reader.CheckCount("slot counts", width, width, sizeof(int));
            counts[c] = new int[width];
            for (int s = 0; s < width; s++)
            {
                counts[c][s] = reader.ReadInt32("slot count", 0, int.MaxValue);
            }
        }

        return new ConditionalVectorSampler(counts.Select(k => k.Length).ToArray(), counts, logFrequency: true, rowsBySlot: null);
    }
}
