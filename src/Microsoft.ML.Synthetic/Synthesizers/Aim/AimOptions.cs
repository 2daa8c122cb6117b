using Microsoft.ML.Synthetic.Privacy;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic;

/// <summary>Options of the AIM synthesizer (<see cref="AimCatalog.Aim(SynthesizerCatalog, AimOptions)"/>); the shared settings (guarantee, public domain, seeds) are <see cref="MarginalSynthesizerOptions"/>'s.</summary>
public sealed class AimOptions : MarginalSynthesizerOptions
{
    /// <summary>Default values of the options.</summary>
    public static class Defaults
    {
        /// <summary>The δ of the guarantee (the reference's default).</summary>
        public const double Delta = 1e-9;

        /// <summary>The workload: every set of this many columns (all 2-way marginals).</summary>
        public const int WorkloadDegree = 2;

        /// <summary>Workload marginals with more cells are left out of the workload (the reference's max_cells).</summary>
        public const int MaxWorkloadCells = 10_000;

        /// <summary>The largest model, in megabytes of dense clique tables (the paper's 80 MB).</summary>
        public const double MaxModelSizeMegabytes = 80;

        /// <summary>Mirror-descent iterations of the estimate after each round (the reference code's 1,000).</summary>
        public const int IterationsPerRound = 1000;

        /// <summary>Mirror-descent iterations of the final estimate (the reference's 2,500).</summary>
        public const int FinalIterations = 2500;
    }







    /// <summary>The workload when <see cref="Workload"/> is empty: every set of this many columns (1 to 3).</summary>
    public int WorkloadDegree { get; set; } = Defaults.WorkloadDegree;

    /// <summary>The marginals whose error AIM minimises, each a list of column names; empty: every set of <see cref="WorkloadDegree"/> columns.</summary>
    public IList<IReadOnlyList<string>> Workload { get; set; } = [];

    /// <summary>Workload marginals with more cells than this are left out of the workload (at least 2).</summary>
    public int MaxWorkloadCells { get; set; } = Defaults.MaxWorkloadCells;

    /// <summary>The largest graphical model, in megabytes of dense clique tables (8 bytes a cell); a round may only choose a marginal that keeps the model within its share of it.</summary>
    public double MaxModelSizeMegabytes { get; set; } = Defaults.MaxModelSizeMegabytes;

    /// <summary>The number of rounds the budget is first split into; null: 16 × the number of columns, the paper's.</summary>
    public int? Rounds { get; set; }

    /// <summary>Mirror-descent iterations of the Private-PGM estimate after each round (1 to 1,000,000).</summary>
    public int IterationsPerRound { get; set; } = Defaults.IterationsPerRound;

    /// <summary>Mirror-descent iterations of the final estimate (1 to 1,000,000).</summary>
    public int FinalIterations { get; set; } = Defaults.FinalIterations;




    /// <summary>Receives one report per round (the marginal chosen, the budget spent, the model's size).</summary>
    public IProgress<AimProgress>? Progress { get; set; }


    /// <summary>Checks every setting; the message names the one at fault.</summary>
    internal void Validate()
    {
        ValidateShared(nameof(AimOptions));
        ArgumentNullException.ThrowIfNull(Workload, nameof(Workload));
        Require(WorkloadDegree is >= 1 and <= 3, nameof(WorkloadDegree), WorkloadDegree, "must lie in [1, 3]");
        Require(MaxWorkloadCells >= 2, nameof(MaxWorkloadCells), MaxWorkloadCells, "must be at least 2");
        Require(MaxModelSizeMegabytes is > 0 and <= 16_384, nameof(MaxModelSizeMegabytes), MaxModelSizeMegabytes, "must lie in (0, 16384]");
        Require(Rounds is null or >= 1, nameof(Rounds), Rounds ?? 0, "must be at least 1 when set");
        Require(IterationsPerRound is >= 1 and <= 1_000_000, nameof(IterationsPerRound), IterationsPerRound, "must lie in [1, 1000000]");
        Require(FinalIterations is >= 1 and <= 1_000_000, nameof(FinalIterations), FinalIterations, "must lie in [1, 1000000]");

        foreach (var marginal in Workload)
        {
            if (marginal is null || marginal.Count == 0 || marginal.Distinct(StringComparer.Ordinal).Count() != marginal.Count)
            {
                throw new ArgumentException("Every workload marginal must name at least one column, each column once.", nameof(Workload));
            }
        }
    }

    private static void Require(bool ok, string name, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(AimOptions)}.{name} is {value}; it {rule}.");
        }
    }
}
