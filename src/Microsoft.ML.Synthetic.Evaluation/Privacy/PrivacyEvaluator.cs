using Microsoft.ML.Synthetic.Evaluation.Detection;
using Microsoft.ML.Synthetic.Evaluation.Fidelity;
using Microsoft.ML.Synthetic.Evaluation.Tables;

namespace Microsoft.ML.Synthetic.Evaluation.Privacy;

/// <summary>Computes the distance-based privacy figures over every synthetic row.</summary>
internal static class PrivacyEvaluator
{
    public static PrivacyResult Evaluate(AlignedTables tables, PrivacyOptions options, int seed, CancellationToken cancellationToken)
    {
        var encoding = tables.FitEncoding(exactConstantColumns: options.ConstantColumnDistance == ConstantColumnDistance.AnyDifferenceIsOne);
        int continuous = encoding.ScaledContinuous.Length;
        var syntheticRows = KernelMetrics.Sample(tables.Synthetic.RowCount, options.MaxSyntheticRows, seed, 24);
        var realRows = KernelMetrics.Sample(tables.Real.RowCount, options.MaxReferenceRows, seed, 25);
        var holdoutRows = tables.Holdout is { } h ? KernelMetrics.Sample(h.RowCount, options.MaxReferenceRows, seed, 26) : [];
        tables.Record("privacy.dcr_queries", options.MaxSyntheticRows, "PrivacyOptions.MaxSyntheticRows", 0, syntheticRows.Length, 0);
        tables.Record("privacy.dcr_references", options.MaxReferenceRows, "PrivacyOptions.MaxReferenceRows", realRows.Length, 0, holdoutRows.Length);
        var real = encoding.ColumnMajor(tables.Real, realRows);
        var synthetic = encoding.ColumnMajor(tables.Synthetic, syntheticRows);
        var result = new PrivacyResult();

        var realIndex = new DcrIndex(real, continuous);
        var toReal = realIndex.Query(synthetic, cancellationToken);
        var sorted = (double[])toReal.Clone();
        Array.Sort(sorted);
        result.MedianDcrToReal = KernelMetrics.Quantile(sorted, 0.5);
        result.FifthPercentileDcrToReal = KernelMetrics.Quantile(sorted, 0.05);
        result.ExactCopyRate = toReal.Count(d => d == 0) / (double)toReal.Length;

        var random = encoding.ColumnMajor(RandomTable(tables, Math.Min(options.BaselineRows, Math.Max(syntheticRows.Length, 10)), seed));
        var randomToReal = realIndex.Query(random, cancellationToken);
        Array.Sort(randomToReal);
        result.MedianDcrRandomToReal = KernelMetrics.Quantile(randomToReal, 0.5);
        result.DcrBaselineProtection = result.MedianDcrRandomToReal > 0
            ? Math.Min(1.0, result.MedianDcrToReal / result.MedianDcrRandomToReal)
            : options.BaselineProtectionWhenBaselineIsZero;
        result.NewRowSynthesis = NewRowSynthesis.Compute(tables, syntheticRows, realRows, options.NumericalMatchTolerance, options.NumericalMatchRule, cancellationToken);

        if (tables.Holdout is { } holdoutTable)
        {
            var holdout = encoding.ColumnMajor(holdoutTable, holdoutRows);
            var toHoldout = new DcrIndex(holdout, continuous).Query(synthetic, cancellationToken);
            int closer = 0;
            for (int i = 0; i < toReal.Length; i++)
            {
                if (toReal[i] < toHoldout[i]) closer++;
            }

            result.CloserToTrainingShare = closer / (double)toReal.Length;
            double expected = options.AdjustOverfittingForTableSizes
                ? realRows.Length / (double)(realRows.Length + holdoutRows.Length)
                : 0.5;
            result.ExpectedCloserToTrainingShare = expected;
            result.DcrOverfittingProtection = Math.Min(1.0, (1 - result.CloserToTrainingShare) / (1 - expected));

            var members = KernelMetrics.Sample(tables.Real.RowCount, options.MembershipRows, seed, 21);
            var nonMembers = KernelMetrics.Sample(holdoutTable.RowCount, options.MembershipRows, seed, 22);
            tables.Record("privacy.membership_inference", options.MembershipRows, "PrivacyOptions.MembershipRows", members.Length, syntheticRows.Length, nonMembers.Length);
            var syntheticIndex = new DcrIndex(synthetic, continuous);
            var memberDcr = syntheticIndex.Query(encoding.ColumnMajor(tables.Real, members), cancellationToken);
            var nonMemberDcr = syntheticIndex.Query(encoding.ColumnMajor(holdoutTable, nonMembers), cancellationToken);
            var scores = memberDcr.Concat(nonMemberDcr).Select(d => -d).ToArray();
            var labels = Enumerable.Repeat(true, memberDcr.Length).Concat(Enumerable.Repeat(false, nonMemberDcr.Length)).ToArray();
            result.MembershipInferenceAuc = Auc.Compute(scores, labels);
        }

        return result;
    }

    /// <summary>Rows with every column drawn independently and uniformly: numbers over the real range, categories over the real categories.</summary>
    internal static TabularData RandomTable(AlignedTables tables, int rows, int seed)
    {
        var random = Numerics.SeedSequence.CreateRandom(seed, 23);
        var columns = new TableColumn[tables.ColumnCount];
        for (int c = 0; c < tables.ColumnCount; c++)
        {
            if (tables.Real.Columns[c] is ContinuousColumn { Values: var values })
            {
                var observed = values.Where(v => !double.IsNaN(v)).ToArray();
                double min = observed.Min(), max = observed.Max();
                columns[c] = new ContinuousColumn(tables.Names[c], Enumerable.Range(0, rows).Select(_ => min + random.NextDouble() * (max - min)).ToArray(), isInteger: false);
            }
            else
            {
                int k = Math.Max(1, tables.RealCategoryCounts[c]);
                columns[c] = new CategoricalColumn(tables.Names[c], Enumerable.Range(0, rows).Select(_ => random.Next(k)).ToArray(), tables.Categories[c]);
            }
        }

        return new TabularData(tables.Schema, columns);
    }
}
