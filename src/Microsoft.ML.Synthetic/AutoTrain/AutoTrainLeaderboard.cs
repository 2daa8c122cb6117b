using System.Collections;
using System.Globalization;
using System.Text;
using Microsoft.ML.Synthetic.AutoTrain;

namespace Microsoft.ML.Synthetic;

/// <summary>The completed trials of a search, best first (ties: the earlier trial first).</summary>
public sealed class AutoTrainLeaderboard : IReadOnlyList<AutoTrainTrial>
{
    private readonly AutoTrainTrial[] _ranked;

    internal AutoTrainLeaderboard(IEnumerable<AutoTrainTrial> trials, AutoTrainMetric metric)
    {
        Metric = metric;
        bool higherIsBetter = AutoTrainMetrics.HigherIsBetter(metric);
        _ranked = trials.OrderBy(t => higherIsBetter ? -t.MetricMean : t.MetricMean).ThenBy(t => t.Index).ToArray();
    }

    /// <summary>The metric trials are ranked by.</summary>
    public AutoTrainMetric Metric { get; }

    /// <summary>The best trial.</summary>
    public AutoTrainTrial Best => _ranked[0];

    /// <inheritdoc/>
    public int Count => _ranked.Length;

    /// <inheritdoc/>
    public AutoTrainTrial this[int index] => _ranked[index];

    /// <inheritdoc/>
    public IEnumerator<AutoTrainTrial> GetEnumerator() => ((IEnumerable<AutoTrainTrial>)_ranked).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A text table: rank, trainer, metric mean ± sd over folds, seconds, hyperparameters.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"rank",4}  {"trial",5}  {"trainer",-24} {Metric + " (mean ± sd)",-34} {"seconds",8}  hyperparameters").AppendLine();
        for (int i = 0; i < _ranked.Length; i++)
        {
            var t = _ranked[i];
            text.Append(CultureInfo.InvariantCulture,
                $"{i + 1,4}  {t.Index,5}  {t.Trainer,-24} {$"{t.MetricMean:F4} ± {t.MetricStandardDeviation:F4}",-34} {t.Seconds,8:F2}  {t.HyperparametersText}").AppendLine();
        }

        return text.ToString();
    }
}
