using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.Preprocessing;
using Microsoft.ML.Synthetic.Transforms;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep.Streaming;

/// <summary>
/// The encoding of a streamed table, from its <see cref="StreamSummary"/>: when the reservoir holds every row it is
/// exactly <see cref="TabularEncoder.Fit"/> on the table; otherwise each continuous column's mixture is fitted on the
/// reservoir's values (the one approximation) while its range, fill value (mean), missing slot and whole-number
/// rounding come from every row, and each categorical column's one-hot from its exact counts, so no category, however
/// rare, is missed.
/// </summary>
internal static class StreamedEncoder
{
    public static TabularEncoder Fit(StreamSummary summary, TabularEncoderOptions options, Action<string>? warn, int threads)
    {
        if (summary.ReservoirIsWhole)
        {
            return TabularEncoder.Fit(summary.Reservoir, options, warn, threads);
        }

        options.Validate();
        var schema = summary.Schema;
        var transformers = new ColumnTransformer[schema.Columns.Count];
        for (int i = 0; i < transformers.Length; i++)
        {
            if (summary.ObservedCount(i) == 0)
            {
                throw new ArgumentException($"Column '{schema.Columns[i].Name}' has only missing values; there is nothing to learn from it. Drop the column or fill it.");
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1 };
        Parallel.For(0, transformers.Length, parallel, i =>
        {
            var info = schema.Columns[i];
            if (summary.Reservoir.Columns[i] is not ContinuousColumn sample)
            {
                return;
            }

            var observed = sample.ObservedValues();
            if (observed.Length == 0)
            {
                throw new ArgumentException($"Column '{info.Name}' has no observed value among the {summary.Reservoir.RowCount:N0} rows sampled to fit its modes ({summary.ObservedCount(i):N0} of {summary.RowCount:N0} rows are observed). Raise {nameof(StreamingTrainingOptions)}.{nameof(StreamingTrainingOptions.TransformSampleRows)}.");
            }

            var normalizer = ModeSpecificNormalizer.Fit(info.Name, observed, options).WithRange(info.Min, info.Max, summary.Mean(i));
            transformers[i] = ModeSpecificTransformer.Create(info, normalizer, info.IsInteger || summary.AllWhole(i), summary.MissingCount(i) > 0);
        });

        for (int i = 0; i < transformers.Length; i++)
        {
            var info = schema.Columns[i];
            if (transformers[i] is ModeSpecificTransformer m)
            {
                int distinct = ModeSpecificNormalizer.CountDistinct(((ContinuousColumn)summary.Reservoir.Columns[i]).ObservedValues(), options.MaxModes);
                if (distinct < options.MaxModes)
                {
                    warn?.Invoke($"Column '{info.Name}' has {distinct} distinct value(s) in the sample its modes are fitted on, fewer than {options.MaxModes} modes: its mixture has at most {distinct} component(s).");
                }
            }
            else
            {
                var counts = summary.CategoryCounts(i);
                transformers[i] = OneHotTransformer.FromCounts(info, counts, summary.MissingCount(i), options.MaxCategories, warn);
                if (counts.Count(n => n > 0) == 1)
                {
                    warn?.Invoke($"Column '{info.Name}' has a single category in the training data; every generated row gets it.");
                }
            }
        }

        return TabularEncoder.FromTransformers(schema, transformers);
    }
}
