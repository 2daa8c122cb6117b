using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>Options of the MST synthesizer (<see cref="MstCatalog.Mst(SynthesizerCatalog, MstOptions)"/>).</summary>
/// <remarks>
/// The domain is public: number columns are cut into bins from <see cref="PublicBounds"/> (or
/// <see cref="PublicBinEdges"/>), categorical columns take <see cref="PublicCategories"/>; nothing about the domain is
/// read from the private rows. Values outside the bounds fall in the first or last bin; undeclared categories and
/// missing values fall in a "missing" cell when the column's type can hold a missing value.
/// </remarks>
public sealed class MstOptions
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

    /// <summary>The ε of the (ε, δ) guarantee of the whole fit (required, &gt; 0).</summary>
    public double Epsilon { get; set; } = 1;

    /// <summary>The δ of the guarantee, in (0, 1), typically far below 1/N.</summary>
    public double Delta { get; set; } = Defaults.Delta;

    /// <summary>The declared public range [Lower, Upper] of each number column, by name (required for every number column).</summary>
    public IDictionary<string, (double Lower, double Upper)> PublicBounds { get; set; } = new Dictionary<string, (double Lower, double Upper)>();

    /// <summary>The declared public categories of each categorical column, by name (Boolean columns need none).</summary>
    public IDictionary<string, IReadOnlyList<string>> PublicCategories { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Optional declared bin edges of number columns, by name: increasing, from the column's lower bound to its upper
    /// bound; a value v falls in bin k when edge k ≤ v &lt; edge k+1 (the last bin includes the upper bound). Columns
    /// not listed get <see cref="Bins"/> equal-width bins, or one bin per whole number when a whole-number column's
    /// range holds at most <see cref="Bins"/> of them.
    /// </summary>
    public IDictionary<string, IReadOnlyList<double>> PublicBinEdges { get; set; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>Equal-width bins of each number column without declared edges (2 to 10,000).</summary>
    public int Bins { get; set; } = Defaults.Bins;

    /// <summary>Mirror-descent iterations of the final Private-PGM estimate (1 to 1,000,000).</summary>
    public int Iterations { get; set; } = Defaults.Iterations;

    /// <summary>Mirror-descent iterations of the one-way estimate that the tree selection compares with (1 to 1,000,000).</summary>
    public int SelectionIterations { get; set; } = Defaults.SelectionIterations;

    /// <summary>The most cells a two-way marginal may hold; a larger pair of columns is an error naming them (caps the model's size).</summary>
    public int MaxCliqueCells { get; set; } = Defaults.MaxCliqueCells;

    /// <summary>How the training data is read; null for the defaults.</summary>
    public TabularDataOptions? DataOptions { get; set; }

    /// <summary>The model's default sampling seed; null draws one from the ML.NET context (sampling is post-processing).</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// NOT PRIVATE: when set, the measurement noise and the tree selection draw from a generator seeded with this value,
    /// so the same data gives the same model, and anyone with the seed can subtract the noise. The ledger entries are
    /// then marked not private. Null (the default): the operating system's cryptographically secure generator.
    /// </summary>
    public int? NonPrivateReproducibleSeed { get; set; }

    /// <summary>Stops <c>Fit</c> between mirror-descent iterations.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks every setting; the message names the one at fault.</summary>
    internal void Validate()
    {
        PrivacyParameters.ThrowIfBadEpsilon(Epsilon, nameof(Epsilon));
        PrivacyParameters.ThrowIfBadDelta(Delta, nameof(Delta));
        ColumnCells.ThrowIfBadDomain(PublicBounds, PublicCategories, PublicBinEdges, Bins, nameof(MstOptions));
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
