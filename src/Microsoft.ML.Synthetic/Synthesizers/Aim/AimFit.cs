using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Privacy.Accounting;
using Microsoft.ML.Synthetic.Privacy.DpTvae;
using Microsoft.ML.Synthetic.Privacy.Marginals;
using Microsoft.ML.Synthetic.Privacy.Mechanisms;
using Microsoft.ML.Synthetic.Synthesizers.Mst;

namespace Microsoft.ML.Synthetic.Synthesizers.Aim;

/// <summary>
/// AIM (McKenna, Mullins, Sheldon &amp; Miklau, VLDB 2022, Algorithm 2, as the reference mechanisms/aim.py): ρ is the
/// largest zCDP budget whose conversion gives (ε, δ); with T rounds (16 per column), σ = √(T/(2·0.9ρ)) and the
/// selection ε = √(8·0.1ρ/T). Every one-way marginal is measured first. Each round then chooses, by the exponential
/// mechanism (sensitivity: the largest weight), the candidate maximising w_C·(‖x_C − x̂_C‖₁ − √(2/π)·σ·n_C) among
/// those that keep the model within its share of the size limit (limit × ρ spent / ρ) or already lie in one of its
/// cliques; measures it with Gaussian noise σ; re-estimates the model with Private-PGM from a warm start; and halves
/// σ (doubling ε) when the estimate of that marginal moved by at most √(2/π)·σ·n_C. When the budget left cannot pay
/// for two more rounds, the last round spends all of it. A final estimate with more iterations gives the model.
/// Noise is the discrete Gaussian on the integer counts (ρ = 1/(2σ²)), selection ρ = ε²/8 per round.
/// </summary>
internal static class AimFit
{
    public sealed record Fitted(TabularSchema Schema, ColumnCells[] Cells, int[][] Measured, double[][] Theta, double Total, PrivacyLedgerEntry[] Ledger);

    private static readonly double BiasFactor = Math.Sqrt(2 / Math.PI);

    /// <summary>Fits on a table already read: counts its marginals (<see cref="Count"/>), then fits from the counts.</summary>
    public static Fitted Run(TabularData table, AimOptions options) =>
        Run(Count([table], options, metadata: null), options);

    /// <summary>The counts AIM needs of <paramref name="blocks"/>: every one-way marginal and every candidate (the workload's downward closure), all on the columns' public cells.</summary>
    public static MarginalStatistics Count(IEnumerable<TabularData> blocks, AimOptions options, TableMetadata? metadata) =>
        MarginalCounter.Count(blocks, options, metadata, "AIM", nameof(AimOptions), Query(options), options.CancellationToken);

    /// <summary>The marginals AIM counts, for the restated schema and cells: the one-way marginals, then the candidates not among them.</summary>
    public static Func<TabularSchema, ColumnCells[], int[][]> Query(AimOptions options) => (schema, cells) =>
    {
        var (_, candidates) = Plan(schema, cells, options);
        int p = schema.Columns.Count;
        return [.. Enumerable.Range(0, p).Select(v => new[] { v }), .. candidates.Select(c => c.Clique).Where(c => c.Length > 1)];
    };

    /// <summary>Fits from exact marginal counts; all noise and selection happen here, once.</summary>
    public static Fitted Run(MarginalStatistics statistics, AimOptions options)
    {
        var schema = statistics.Schema;
        var cells = statistics.Cells;
        int p = schema.Columns.Count;
        var names = schema.Columns.Select(c => c.Name).ToArray();
        int[] sizes = [.. cells.Select(c => c.Count)];
        var (rounds, candidates) = Plan(schema, cells, options);
        var answers = candidates.Select(c => statistics.CountsOf(c.Clique)).ToArray();
        var source = NoiseSource.For(options.NonPrivateReproducibleSeed);
        long maxCells = (long)(options.MaxModelSizeMegabytes * (1 << 20) / 8);
        var cancellation = options.CancellationToken;

        double rho = ZeroConcentratedDp.Rho(options.Epsilon, options.Delta);
        double sigma = Math.Sqrt(rounds / (2 * 0.9 * rho));
        double epsilon = Math.Sqrt(8 * 0.1 * rho / rounds);
        var measurements = new List<MarginalMeasurement>();
        for (int v = 0; v < p; v++)
        {
            cancellation.ThrowIfCancellationRequested();
            measurements.Add(new MarginalMeasurement([v], MarginalNoise.Add(statistics.CountsOf([v]), sigma, source), sigma));
        }

        var spent = new Budget { OneWay = p * 0.5 / (sigma * sigma), FirstSigma = sigma };
        var model = new JunctionTreeModel(sizes, measurements.Select(m => m.Variables), maxCells, names);
        var fit = MirrorDescent.Estimate(model, measurements, options.IterationsPerRound, cancellation: cancellation);
        bool terminate = false;
        for (int round = 1; !terminate; round++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (rho - spent.Total < 2 * ((0.5 / (sigma * sigma)) + (epsilon * epsilon / 8)))
            {
                double remaining = rho - spent.Total;   // the last round spends what is left
                sigma = Math.Sqrt(1 / (2 * 0.9 * remaining));
                epsilon = Math.Sqrt(8 * 0.1 * remaining);
                terminate = true;
            }

            spent.Selection += epsilon * epsilon / 8;
            spent.Measurement += 0.5 / (sigma * sigma);
            spent.Rounds = round;
            double sizeLimit = options.MaxModelSizeMegabytes * spent.Total / rho;
            var (chosen, before) = Select(model, fit, candidates, answers, sizeLimit, sigma, epsilon, source);
            var clique = candidates[chosen].Clique;
            measurements.Add(new MarginalMeasurement(clique, MarginalNoise.Add(answers[chosen], sigma, source), sigma));

            var next = new JunctionTreeModel(sizes, measurements.Select(m => m.Variables), maxCells, names);
            fit = MirrorDescent.Estimate(next, measurements, options.IterationsPerRound, next.WarmStart(model, fit.Theta), cancellation);
            model = next;
            var after = SubsetMarginal.Compute(model, fit.Marginals, clique, fit.Total);
            options.Progress?.Report(new AimProgress(round, [.. clique.Select(v => names[v])], Math.Min(1, spent.Total / rho), sigma, JunctionTreeModel.Megabytes(model.TotalCells)));
            if (L1(after, before) <= sigma * BiasFactor * answers[chosen].Length)
            {
                sigma /= 2;   // the estimate barely moved: measure more precisely from now on
                epsilon *= 2;
            }
        }

        fit = MirrorDescent.Estimate(model, measurements, options.FinalIterations, fit.Theta, cancellation);
        return new Fitted(schema, cells, [.. measurements.Select(m => m.Variables)], fit.Theta, fit.Total, spent.Ledger(options.Delta, source, p));
    }

    /// <summary>The number of rounds and the candidates (public: from the schema, cells and options only).</summary>
    private static (int Rounds, List<(int[] Clique, double Weight)> Candidates) Plan(TabularSchema schema, ColumnCells[] cells, AimOptions options)
    {
        int p = schema.Columns.Count;
        int rounds = options.Rounds ?? 16 * p;
        if (rounds < p)
        {
            throw new ArgumentOutOfRangeException(nameof(options), rounds, $"{nameof(AimOptions)}.{nameof(AimOptions.Rounds)} is {rounds}; it must be at least the number of columns ({p}), whose one-way marginals take {p} rounds' worth of the budget.");
        }

        var workload = AimWorkload.Resolve([.. schema.Columns.Select(c => c.Name)], [.. cells.Select(c => c.Count)], options);
        return (rounds, AimWorkload.Candidates(workload));
    }

    /// <summary>The exponential mechanism's choice among the candidates that fit the size limit, and the model's estimate of it.</summary>
    private static (int Chosen, double[] Estimate) Select(JunctionTreeModel model, MirrorDescent.Result fit, List<(int[] Clique, double Weight)> candidates, double[][] answers, double sizeLimit, double sigma, double epsilon, NoiseSource source)
    {
        var allowed = new List<int>();
        var estimates = new List<double[]>();
        var scores = new List<double>();
        var modelCliques = model.Cliques;
        for (int i = 0; i < candidates.Count; i++)
        {
            var (clique, weight) = candidates[i];
            bool free = modelCliques.Any(c => clique.All(c.Contains));
            if (!free && JunctionTreeModel.Megabytes(new JunctionTree(model.Sizes, modelCliques.Append(clique)).TotalCells) > sizeLimit)
            {
                continue;
            }

            var estimate = SubsetMarginal.Compute(model, fit.Marginals, clique, fit.Total);
            allowed.Add(i);
            estimates.Add(estimate);
            scores.Add(weight * (L1(answers[i], estimate) - (BiasFactor * sigma * estimate.Length)));
        }

        double sensitivity = allowed.Max(i => Math.Abs(candidates[i].Weight));
        int chosen = ExponentialMechanism.Select(scores, epsilon, sensitivity, source);
        return (allowed[chosen], estimates[chosen]);
    }

    private static double L1(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += Math.Abs(a[i] - b[i]);
        }

        return s;
    }

    /// <summary>The zCDP ρ spent by each kind of step.</summary>
    private sealed class Budget
    {
        public double OneWay { get; init; }

        public double FirstSigma { get; init; }

        public double Selection { get; set; }

        public double Measurement { get; set; }

        public int Rounds { get; set; }

        public double Total => OneWay + Selection + Measurement;

        /// <summary>Three entries (one-way marginals, selections, round measurements), each with δ/3; under zCDP composition at δ they give back the fit's ε.</summary>
        public PrivacyLedgerEntry[] Ledger(double delta, NoiseSource source, int columns)
        {
            double third = delta / 3;
            return
            [
                new("Aim one-way marginals", $"discrete Gaussian on {columns} one-way marginals, σ = {FirstSigma:G6} (ρ = {OneWay:G6})", ZeroConcentratedDp.Epsilon(OneWay, third), third, OneWay) { NotPrivateReason = source.NotPrivateReason },
                new("Aim selection", $"exponential mechanism, {Rounds} rounds (ρ = {Selection:G6})", ZeroConcentratedDp.Epsilon(Selection, third), third, Selection) { NotPrivateReason = source.NotPrivateReason },
                new("Aim round measurements", $"discrete Gaussian on {Rounds} chosen marginals (ρ = {Measurement:G6})", ZeroConcentratedDp.Epsilon(Measurement, third), third, Measurement) { NotPrivateReason = source.NotPrivateReason },
            ];
        }
    }
}
