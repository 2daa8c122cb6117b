using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Privacy.Marginals;

/// <summary>
/// Draws a block of rows from a junction-tree model as Private-PGM's synthetic_data does: variables in reverse
/// elimination order, each from its conditional given the already drawn variables it shares a clique with (in
/// reverse elimination order those are its later-eliminated neighbours, which with it form a clique of the
/// triangulated graph, so the conditional is read off one clique marginal). Within each group of rows sharing the
/// given values, the variable's cells are the conditional times the group's rows, rounded down, with the remaining
/// rows given to cells drawn in proportion to the fractional parts, then shuffled (<see cref="ForestSampler.Allocate"/>).
/// </summary>
internal sealed class JunctionTreeSampler
{
    private readonly Step[] _steps;

    /// <summary>Prepares sampling from <paramref name="marginals"/>, the clique marginals of <paramref name="model"/>.</summary>
    public JunctionTreeSampler(JunctionTreeModel model, double[][] marginals)
    {
        var sizes = model.Sizes;
        var used = new HashSet<int>();
        var steps = new List<Step>();
        foreach (var v in model.Tree.EliminationOrder.Reverse())
        {
            var given = model.Cliques.Where(c => c.Contains(v)).SelectMany(c => c).Where(used.Contains).Distinct().Order().ToArray();
            int[] variables = [.. given.Append(v).Order()];
            int c = model.CliqueContaining(variables);
            var table = model.Project(c, marginals[c], variables);
            var keys = new CliqueProjection(sizes, variables, given).Map();
            var values = new CliqueProjection(sizes, variables, [v]).Map();
            int k = sizes[v];
            var conditional = new double[table.Length];
            for (int i = 0; i < table.Length; i++)
            {
                conditional[(keys[i] * k) + values[i]] = table[i];
            }

            var strides = new int[given.Length];
            for (int g = given.Length - 1, stride = 1; g >= 0; g--)
            {
                strides[g] = stride;
                stride *= sizes[given[g]];
            }

            steps.Add(new Step(v, given, strides, conditional, table.Length / k));
            used.Add(v);
        }

        _steps = [.. steps];
    }

    /// <summary>Fills <paramref name="columns"/> (one array of at least <paramref name="rows"/> cells per variable) with one block.</summary>
    public void DrawRounded(Xoshiro256StarStar rng, int rows, int[][] columns)
    {
        foreach (var step in _steps)
        {
            int k = step.Conditional.Length / step.Keys;
            var key = new int[rows];
            var count = new int[step.Keys + 1];
            for (int r = 0; r < rows; r++)
            {
                int index = 0;
                for (int g = 0; g < step.Given.Length; g++)
                {
                    index += columns[step.Given[g]][r] * step.Strides[g];
                }

                key[r] = index;
                count[index + 1]++;
            }

            for (int i = 0; i < step.Keys; i++)
            {
                count[i + 1] += count[i];
            }

            var grouped = new int[rows];
            var next = (int[])count.Clone();
            for (int r = 0; r < rows; r++)
            {
                grouped[next[key[r]]++] = r;
            }

            var target = columns[step.Variable];
            for (int x = 0; x < step.Keys; x++)
            {
                int size = count[x + 1] - count[x];
                if (size == 0)
                {
                    continue;
                }

                var cdf = ForestSampler.Cdf(step.Conditional[(x * k)..((x + 1) * k)]);
                var drawn = ForestSampler.Allocate(cdf, size, rng);
                for (int i = 0; i < size; i++)
                {
                    target[grouped[count[x] + i]] = drawn[i];
                }
            }
        }
    }

    /// <summary>One variable's draw: the variables it is conditioned on, their strides in the key, and the weights by key then value.</summary>
    private sealed record Step(int Variable, int[] Given, int[] Strides, double[] Conditional, int Keys);
}
