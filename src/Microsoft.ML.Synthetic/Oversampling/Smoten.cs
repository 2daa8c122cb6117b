using Microsoft.ML.Synthetic.Augmentation;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Oversampling;

namespace Microsoft.ML.Synthetic;

/// <summary>
/// SMOTEN (Chawla et al. 2002, §6.2, "SMOTE-N") as imbalanced-learn defines it, for categorical features only.
/// Distances use the value difference metric (Stanfill and Waltz 1986; Cost and Salzberg 1993) fitted on all rows:
/// per feature, <c>δ(a, b) = Σ_classes |P(class | a) − P(class | b)|</c>, and <c>Δ(x, y)² = Σ_features δ²</c>. Each
/// new row takes a uniformly drawn row of the class and, per feature, the most frequent value among that row and
/// its k nearest same-class neighbours (ties: the category listed first). Missing is a category of its own.
/// </summary>
public sealed class Smoten : Oversampler
{
    /// <summary>Creates SMOTEN.</summary>
    public Smoten(SmoteOptions options)
        : base(options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KNeighbors, 1, nameof(options.KNeighbors));
        KNeighbors = options.KNeighbors;
    }

    /// <summary>Same-class neighbours that vote on each value.</summary>
    public int KNeighbors { get; }

    /// <inheritdoc/>
    public override string Name => "SMOTEN";

    /// <summary>The most categories a SMOTEN feature may have (the votes and the value difference metric grow with them).</summary>
    public const int MaxCategories = 65_536;

    /// <summary>Per feature: codes shifted by one (0 = missing) and the VDM between every two codes.</summary>
    private sealed record State(FeatureSpace Space, int[][] Codes, ValueDifferenceMetric[] Delta);

    private protected override object Prepare(GenerationRequest request)
    {
        var features = ResolveFeatures(request, _ => true);
        FeatureSpace.RejectKind(request, features, ColumnKind.Continuous, Name, "works on categorical columns",
            "Use SMOTE-NC, or list the categorical FeatureColumnNames (other columns are then copied from the base row).");
        if (features.Length == 0)
        {
            throw new ArgumentException($"{Name}: the data has no feature columns besides the label.", nameof(request));
        }

        var space = new FeatureSpace(request, features);
        space.RequireCategoriesAtMost(Name, MaxCategories);
        int classes = request.ClassRows.Length;
        var codes = new int[features.Length][];
        var delta = new ValueDifferenceMetric[features.Length];
        for (int f = 0; f < features.Length; f++)
        {
            int values = ((CategoricalColumn)request.Table.Columns[features[f]]).CategoryCount + 1;
            codes[f] = space.CategoricalCodes[f].Select(c => c + 1).ToArray();
            delta[f] = new ValueDifferenceMetric(codes[f], space.RowClass, values, classes);
        }

        return new State(space, codes, delta);
    }

    /// <summary>The k nearest same-class rows of each row of the class under the VDM (ties: smaller row first).</summary>
    internal static int[] Neighbors(int[][] codes, ValueDifferenceMetric[] delta, int[] rows, int k, int maxThreads, CancellationToken cancellation)
    {
        var result = new int[rows.Length * k];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads, CancellationToken = cancellation };
        Parallel.For(0, rows.Length, options, () => (new double[k], new int[k]), (q, _, scratch) =>
        {
            var (best, index) = scratch;
            Array.Fill(best, double.PositiveInfinity);
            Array.Fill(index, int.MaxValue);
            int rq = rows[q];
            for (int i = 0; i < rows.Length; i++)
            {
                if (i == q)
                {
                    continue;
                }

                int ri = rows[i];
                double dist = 0;
                for (int f = 0; f < codes.Length && dist < best[k - 1]; f++)
                {
                    dist += delta[f][codes[f][rq], codes[f][ri]];
                }

                if (dist < best[k - 1])
                {
                    int j = k - 1;
                    while (j > 0 && best[j - 1] > dist)
                    {
                        best[j] = best[j - 1];
                        index[j] = index[j - 1];
                        j--;
                    }

                    best[j] = dist;
                    index[j] = i;
                }
            }

            for (int j = 0; j < k; j++)
            {
                result[(q * k) + j] = rows[index[j]];
            }

            return scratch;
        }, static _ => { });
        return result;
    }

    private protected override TabularData GenerateClass(GenerationRequest request, object state, int classIndex, int count, Random random)
    {
        var s = (State)state;
        var rows = request.ClassRows[classIndex];
        RequireRows(request, classIndex, KNeighbors + 1, $"{Name} with k = {KNeighbors} neighbours");
        var nn = Neighbors(s.Codes, s.Delta, rows, KNeighbors, MaxThreads, request.Cancellation);
        var bases = new int[count];
        for (int i = 0; i < count; i++)
        {
            bases[i] = random.Next(rows.Length);
        }

        var output = request.Table.SelectRows(bases.Select(b => rows[b]).ToArray());
        for (int f = 0; f < s.Codes.Length; f++)
        {
            var codes = s.Codes[f];
            var target = ((CategoricalColumn)output.Columns[s.Space.Categorical[f]]).Codes;
            var votes = new int[s.Delta[f].Values];
            for (int i = 0; i < count; i++)
            {
                Array.Clear(votes);
                int b = bases[i];
                votes[codes[rows[b]]]++;
                for (int j = 0; j < KNeighbors; j++)
                {
                    votes[codes[nn[(b * KNeighbors) + j]]]++;
                }

                int winner = -1;
                for (int v = 1; v < votes.Length; v++)
                {
                    if (winner < 0 || votes[v] > votes[winner])
                    {
                        winner = v;
                    }
                }

                if (winner < 0 || votes[0] > votes[winner])
                {
                    winner = 0;
                }

                // Slot 0 is "missing"; the category listed first wins a tie, missing only when it has strictly more votes.
                target[i] = winner - 1;
            }
        }

        return output;
    }
}
