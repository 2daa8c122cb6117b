using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// Random oversampling (imbalanced-learn's <c>RandomOverSampler</c>): each new row is an exact copy of a row of its
/// class drawn uniformly with replacement. Works with any column types and with missing values.
/// </summary>
public sealed class RandomOverSampler : Oversampler
{
    /// <summary>Creates the oversampler.</summary>
    public RandomOverSampler(OversamplerOptions options)
        : base(options)
    {
    }

    /// <inheritdoc/>
    public override string Name => "RandomOverSampler";

    private protected override object Prepare(GenerationRequest request) => this;

    private protected override TabularData GenerateClass(GenerationRequest request, object state, int classIndex, int count, Random random)
    {
        var rows = request.ClassRows[classIndex];
        RequireRows(request, classIndex, 1, "duplicating a row");
        var picked = new int[count];
        for (int i = 0; i < count; i++)
        {
            picked[i] = rows[random.Next(rows.Length)];
        }

        return request.Table.SelectRows(picked);
    }
}
