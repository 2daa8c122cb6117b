using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>Options of the adversarial random forest synthesizer (<see cref="ArfCatalog.Arf(SynthesizerCatalog, ArfOptions)"/>).</summary>
public sealed class ArfOptions
{
    /// <summary>Default values of the options (those of the reference R package <c>arf</c>).</summary>
    public static class Defaults
    {
        /// <summary>Trees per forest.</summary>
        public const int Trees = 10;

        /// <summary>Least real rows in a leaf.</summary>
        public const int MinLeafSize = 2;

        /// <summary>Tolerance above ½ of the out-of-bag accuracy at which the loop has converged.</summary>
        public const double Delta = 0;

        /// <summary>Most adversarial rounds after the first forest.</summary>
        public const int MaxIterations = 10;

        /// <summary>Categorical pseudo-count.</summary>
        public const double Alpha = 0;
    }

    /// <summary>How the training data is read (missing tokens, column kinds, columns); null for the defaults.</summary>
    public TabularDataOptions? DataOptions { get; set; }

    /// <summary>The training seed and the model's default sampling seed; null draws one from the ML.NET context.</summary>
    public int? Seed { get; set; }

    /// <summary>Trees in each forest (at least 1). More trees give smoother densities at a proportional cost.</summary>
    public int Trees { get; set; } = Defaults.Trees;

    /// <summary>
    /// The least number of real rows in a leaf (at least 1): forests are grown with nodes of at most twice this many
    /// rows left unsplit, then leaves with fewer real rows are pruned into their siblings (as the reference does).
    /// </summary>
    public int MinLeafSize { get; set; } = Defaults.MinLeafSize;

    /// <summary>The loop has converged when the forest's out-of-bag accuracy is at most ½ + <c>Delta</c> (in [0, ½]).</summary>
    public double Delta { get; set; } = Defaults.Delta;

    /// <summary>The most adversarial rounds after the first forest (0 keeps the first forest; at most 1,000).</summary>
    public int MaxIterations { get; set; } = Defaults.MaxIterations;

    /// <summary>Stop as soon as a round does not lower the out-of-bag accuracy (the reference's <c>early_stop</c>).</summary>
    public bool EarlyStop { get; set; } = true;

    /// <summary>Prune leaves with fewer than <see cref="MinLeafSize"/> real rows (the reference's <c>prune</c>).</summary>
    public bool Prune { get; set; } = true;

    /// <summary>Columns drawn as split candidates at each node; null for ⌊√columns⌋ (at least 1).</summary>
    public int? ColumnsPerSplit { get; set; }

    /// <summary>
    /// Pseudo-count added to every category a leaf allows (Laplace smoothing of the leaf's category frequencies; 0 keeps
    /// the observed frequencies). Not negative. Whole-number columns keep their observed values unsmoothed.
    /// </summary>
    public double Alpha { get; set; } = Defaults.Alpha;

    /// <summary>Threads that grow trees in parallel; null for the processor count. The model does not depend on it.</summary>
    public int? Threads { get; set; }

    /// <summary>Receives the out-of-bag accuracy of each round's forest.</summary>
    public IProgress<ArfProgress>? Progress { get; set; }

    /// <summary>Stops <c>Fit</c> between trees and rounds; a cancelled token makes it throw <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Checks every setting; the message names the one at fault.</summary>
    internal void Validate()
    {
        static void Require(bool ok, string name, object value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{nameof(ArfOptions)}.{name} is {value}; it {rule}.");
            }
        }

        Require(Trees is >= 1 and <= 10_000, nameof(Trees), Trees, "must lie in [1, 10000]");
        Require(MinLeafSize >= 1, nameof(MinLeafSize), MinLeafSize, "must be at least 1");
        Require(Delta is >= 0 and <= 0.5, nameof(Delta), Delta, "must lie in [0, 0.5]");
        Require(MaxIterations is >= 0 and <= 1_000, nameof(MaxIterations), MaxIterations, "must lie in [0, 1000]");
        Require(ColumnsPerSplit is null or >= 1, nameof(ColumnsPerSplit), ColumnsPerSplit!, "must be at least 1 (or null for ⌊√columns⌋)");
        Require(double.IsFinite(Alpha) && Alpha >= 0, nameof(Alpha), Alpha, "must be a finite number ≥ 0");
        Require(Threads is null or >= 1, nameof(Threads), Threads!, "must be at least 1 (or null for the processor count)");
    }
}
