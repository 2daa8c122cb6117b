namespace Microsoft.ML.Synthetic.Transforms;

/// <summary>
/// Where reversing model-space values takes its random draws from: the standard-normal noise a deep model adds to a
/// continuous column's α (TVAE's learned σ) and the uniform that picks a category of a one-hot's rare-category
/// group. Sampling draws them one after another from a <see cref="Random"/>; the ONNX sampler's parity reference
/// reads them from given noise, by row and column.
/// </summary>
internal abstract class DecodeDraws
{
    /// <summary>A standard-normal draw for the α of continuous column <paramref name="column"/> (schema index) in row <paramref name="row"/>.</summary>
    public abstract double Normal(int row, int column);

    /// <summary>A uniform draw in [0, 1) for the rare-category group of categorical column <paramref name="column"/> (schema index) in row <paramref name="row"/>.</summary>
    public abstract double Uniform(int row, int column);

    /// <summary>Draws in call order from <paramref name="random"/> (Box–Muller normals, <see cref="Random.NextDouble"/> uniforms).</summary>
    public static DecodeDraws From(Random random) => new Sequential(random);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private sealed class Sequential(Random random) : DecodeDraws
    {
        public override double Normal(int row, int column) => StandardNormal(random);

        public override double Uniform(int row, int column) => random.NextDouble();
    }
}
