using Microsoft.ML;
using Microsoft.ML.Synthetic.Oversampling;
using static Microsoft.ML.Synthetic.Tests.Oversampling.OversamplingTestData;

namespace Microsoft.ML.Synthetic.Tests.Oversampling;

[TestClass]
public sealed class SmoteNcContractTests : OversamplerContractTests
{
    protected override Oversampler CreateOversampler() => Oversampler.SmoteNc(5);

    protected override IDataView ContractData(MLContext ml) => MixedData(ml);

    protected override IDataView NaNData(MLContext ml)
    {
        var rows = ml.Data.CreateEnumerable<MixedRow>(ContractData(ml), reuseRowObject: false).ToList();
        rows[3].X2 = float.NaN;
        return ml.Data.LoadFromEnumerable(rows);
    }
}

[TestClass]
public sealed class SmotenContractTests : OversamplerContractTests
{
    private sealed class CategoricalRow
    {
        public string Color { get; set; } = "";
        public string Shape { get; set; } = "";
        public string Label { get; set; } = "";
    }

    protected override Oversampler CreateOversampler() => Oversampler.Smoten(5);

    protected override IDataView ContractData(MLContext ml) =>
        ml.Data.LoadFromEnumerable(ml.Data.CreateEnumerable<CategoricalRow>(MixedData(ml), reuseRowObject: false).ToList());

    /// <summary>Categorical data has no NaN; a missing category (empty text) is a value of its own.</summary>
    protected override bool RejectsNaN => false;

    protected override IDataView NaNData(MLContext ml)
    {
        var rows = ml.Data.CreateEnumerable<CategoricalRow>(ContractData(ml), reuseRowObject: false).ToList();
        rows[3].Color = "";
        return ml.Data.LoadFromEnumerable(rows);
    }
}

[TestClass]
public sealed class BorderlineSmote1ContractTests : OversamplerContractTests
{
    protected override Oversampler CreateOversampler() => Oversampler.BorderlineSmote(BorderlineSmoteKind.Borderline1);
}

[TestClass]
public sealed class BorderlineSmote2ContractTests : OversamplerContractTests
{
    protected override Oversampler CreateOversampler() => Oversampler.BorderlineSmote(BorderlineSmoteKind.Borderline2);
}

[TestClass]
public sealed class AdasynContractTests : OversamplerContractTests
{
    protected override Oversampler CreateOversampler() => Oversampler.Adasyn(5);

    /// <summary>ADASYN rounds each row's share (imbalanced-learn's rule), so totals differ from the strategy by rounding.</summary>
    protected override bool ReachesCountsExactly => false;
}
