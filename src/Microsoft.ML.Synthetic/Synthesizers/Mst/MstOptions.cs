using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>Options of the MST synthesizer (<see cref="MstCatalog.Mst(SynthesizerCatalog, MstOptions)"/>); the shared settings are <see cref="MarginalSynthesizerOptions"/>'s.</summary>
public sealed class MstOptions : MarginalSynthesizerOptions
{
    /// <summary>Default values of the options.</summary>
    public static class Defaults
    {
        /// <summary>The δ of the guarantee (the reference's default).</summary>
        public const double Delta = 1e-9;

        /// <summary>Equal-width bins of a number column without declared edges.</summary>
        public const int Bins = 32;

        /// <summary>Mirror-descent iterations of the final estimate (the reference's 5,000).</summary>
        public const int Iterations = 5000;

        /// <summary>Mirror-descent iterations of the one-way estimate used in selection (the reference's 1,000).</summary>
        public const int SelectionIterations = 1000;

        /// <summary>The most cells a two-way marginal may hold.</summary>
        public const int MaxCliqueCells = 1_000_000;
    }







    /// <summary>Mirror-descent iterations of the final Private-PGM estimate (1 to 1,000,000).</summary>
    public int Iterations { get; set; } = Defaults.Iterations;

    /// <summary>Mirror-descent iterations of the one-way estimate that the tree selection compares with (1 to 1,000,000).</summary>
    public int SelectionIterations { get; set; } = Defaults.SelectionIterations;

    /// <summary>The most cells a two-way marginal may hold; a larger pair of columns is an error naming them (caps the model's size).</summary>
    public int MaxCliqueCells { get; set; } = Defaults.MaxCliqueCells;





    /// <summary>Checks every setting; the message names the one at fault.</summary>
    internal void Validate()
    {
        ValidateShared(nameof(MstOptions));
        Require(Iterations is >= 1 and <= 1_000_000, nameof(Iterations), Iterations, "must lie in [1, 1000000]");
        Require(SelectionIterations is >= 1 and <= 1_000_000, nameof(SelectionIterations), SelectionIterations, "must lie in [1, 1000000]");
        Require(MaxCliqueCells >= 4, nameof(MaxCliqueCells), MaxCliqueCells, "must be at least 4");
    }

    private static void Require(bool ok, string name, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(MstOptions)}.{name} is {value}; it {rule}.");
        }
    }
}
