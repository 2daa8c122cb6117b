using System.Numerics;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// Mode-specific normalization of one continuous column (Xu et al. 2019, "Modeling Tabular Data using Conditional
/// GAN", §4.2): a variational Gaussian mixture finds the column's modes; each value is represented by a mode,
/// drawn with the mode's posterior probability for that value, as a one-hot, and by its offset within the mode,
/// α = (x − μ)/(4σ) clipped to [−1, 1]. Decoding takes the most likely mode and x = 4σα + μ.
/// </summary>
internal sealed class ModeSpecificNormalizer
{
    private readonly bool[] _active;
    private readonly int[] _activeIndex;   // position among active modes → component index

    private ModeSpecificNormalizer(string name, BayesianGaussianMixture mixture, bool[] active, double fillValue, double min, double max)
    {
        Name = name;
        Mixture = mixture;
        _active = active;
        _activeIndex = Enumerable.Range(0, active.Length).Where(i => active[i]).ToArray();
        FillValue = fillValue;
        Min = min;
        Max = max;
    }

    /// <summary>
    /// A normalizer built from declared public bounds only (no data): one mode centred on the middle of
    /// [<paramref name="lower"/>, <paramref name="upper"/>] with 4σ equal to half the width, so α = (x − mid)/(half
    /// width) is a min-max scaling to [−1, 1]; missing values are encoded at the middle, and decoded values are
    /// clipped to the bounds.
    /// </summary>
    internal static ModeSpecificNormalizer FromPublicBounds(string name, double lower, double upper)
    {
        double middle = (lower / 2) + (upper / 2);
        var mixture = BayesianGaussianMixture.SingleComponent(middle, ((upper / 2) - (lower / 2)) / 4);
        return new ModeSpecificNormalizer(name, mixture, [true], middle, lower, upper);
    }

    /// <summary>
    /// This normalizer's modes with the range and fill value of the whole column (streamed training fits the modes on a
    /// sample of the rows but takes these from every row).
    /// </summary>
    internal ModeSpecificNormalizer WithRange(double min, double max, double fillValue) => new(Name, Mixture, _active, fillValue, min, max);

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The fitted mixture (all its components, dropped ones included).</summary>
    public BayesianGaussianMixture Mixture { get; }

    /// <summary>The modes kept (weight at or above the threshold), in component order.</summary>
    public IReadOnlyList<GaussianComponent> Modes => _activeIndex.Select(i => Mixture.Components[i]).ToArray();

    /// <summary>The number of modes kept: the width of the mode one-hot.</summary>
    public int ModeCount => _activeIndex.Length;

    /// <summary>The value encoded in place of a missing one (the mean of the observed values).</summary>
    public double FillValue { get; }

    /// <summary>The smallest observed value; decoded values are clipped to [<see cref="Min"/>, <see cref="Max"/>].</summary>
    public double Min { get; }

    /// <summary>The largest observed value.</summary>
    public double Max { get; }

    /// <summary>Fits the column's modes to its observed (non-NaN) values.</summary>
    /// <param name="name">The column name, for messages.</param>
    /// <param name="observed">The non-missing values (at least one).</param>
    /// <param name="options">Mode count, weight threshold, prior and iterations.</param>
    public static ModeSpecificNormalizer Fit(string name, ReadOnlySpan<double> observed, TabularEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (observed.Length == 0)
        {
            throw new ArgumentException($"Column '{name}' has no observed values; mode-specific normalization needs at least one.", nameof(observed));
        }

        int distinct = CountDistinct(observed, options.MaxModes);
        var mixture = BayesianGaussianMixture.Fit(observed, Math.Min(options.MaxModes, distinct), options.WeightConcentration, options.MaxIterations);
        var active = mixture.Components.Select(c => c.Weight >= options.ModeWeightThreshold).ToArray();
        if (!active.Any(a => a))
        {
            int best = 0;
            for (int j = 1; j < active.Length; j++)
            {
                if (mixture.Components[j].Weight > mixture.Components[best].Weight)
                {
                    best = j;
                }
            }

            active[best] = true;
        }

        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in observed)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return new ModeSpecificNormalizer(name, mixture, active, sum / observed.Length, min, max);
    }

    /// <summary>The number of distinct values, counted up to <paramref name="limit"/>.</summary>
    internal static int CountDistinct(ReadOnlySpan<double> values, int limit)
    {
        var seen = new HashSet<double>();
        foreach (var v in values)
        {
            if (seen.Add(v) && seen.Count >= limit)
            {
                break;
            }
        }

        return seen.Count;
    }

    private double StandardDeviation(int component) => Math.Max(Mixture.Components[component].StandardDeviation, 1e-12);

    /// <summary>
    /// Encodes <paramref name="value"/> (NaN is encoded as <see cref="FillValue"/>): writes α to
    /// <paramref name="alpha"/> and the one-hot of a mode drawn from its posterior to <paramref name="modes"/>.
    /// </summary>
    /// <returns>The position of the chosen mode in <paramref name="modes"/>.</returns>
    public int Encode(double value, Random random, out float alpha, Span<float> modes)
    {
        ArgumentNullException.ThrowIfNull(random);
        double x = double.IsNaN(value) ? FillValue : value;
        Span<double> probabilities = stackalloc double[_active.Length];
        Mixture.Responsibilities(x, _active, probabilities);
        double u = random.NextDouble(), cumulative = 0;
        int chosen = _activeIndex[^1];
        foreach (int j in _activeIndex)
        {
            cumulative += probabilities[j];
            if (u < cumulative)
            {
                chosen = j;
                break;
            }
        }

        var component = Mixture.Components[chosen];
        alpha = (float)Math.Clamp((x - component.Mean) / (4 * StandardDeviation(chosen)), -1, 1);
        int position = Array.IndexOf(_activeIndex, chosen);
        modes.Clear();
        modes[position] = 1;
        return position;
    }

    /// <summary>Decodes α within the mode with the largest score in <paramref name="modeScores"/>, clipped to the training range.</summary>
    public double Decode<T>(double alpha, ReadOnlySpan<T> modeScores)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int component = _activeIndex[ColumnTransformer.ArgMax(modeScores)];
        double a = Math.Clamp(alpha, -1, 1);
        double x = (a * 4 * StandardDeviation(component)) + Mixture.Components[component].Mean;
        return Math.Clamp(x, Min, Max);
    }

    /// <summary>Writes the normalizer; <see cref="Read(ModelReader, string?)"/> reads it back.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Name);
        Mixture.Write(writer);
        writer.Write(_active.Length);
        foreach (var a in _active)
        {
            writer.Write(a);
        }

        writer.Write(FillValue);
        writer.Write(Min);
        writer.Write(Max);
    }

    /// <summary>Reads a normalizer through the bounded model-file reader; with <paramref name="column"/>, its name must match.</summary>
    internal static ModeSpecificNormalizer Read(ModelReader reader, string? column)
    {
        var name = reader.ReadString("column name");
        reader.Check(column is null || name == column, "the normalizer belongs to another column");
        var mixture = BayesianGaussianMixture.Read(reader);
        int count = reader.ReadInt32("mode flag count");
        if (count != mixture.Components.Count)
        {
            throw reader.Corrupt($"{count} mode flags for {mixture.Components.Count} components");
        }

        var active = new bool[count];
        for (int j = 0; j < active.Length; j++)
        {
            active[j] = reader.ReadBoolean("mode flag");
        }

        reader.Check(Array.IndexOf(active, true) >= 0, "no mode is kept");
        double fill = reader.ReadFinite("fill value"), min = reader.ReadFinite("minimum"), max = reader.ReadFinite("maximum");
        reader.Check(min <= max, "the minimum is above the maximum");
        return new ModeSpecificNormalizer(name, mixture, active, fill, min, max);
    }
}
