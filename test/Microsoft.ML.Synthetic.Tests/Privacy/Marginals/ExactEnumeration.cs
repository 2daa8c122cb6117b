using Microsoft.ML.Synthetic.Privacy.Marginals;

namespace Microsoft.ML.Synthetic.Tests.Privacy.Marginals;

/// <summary>The oracle of the inference tests: a model's joint distribution by enumerating every assignment.</summary>
internal static class ExactEnumeration
{
    /// <summary>Every assignment of the model's variables with its unnormalised weight exp(Σ_c θ_c(x_c)).</summary>
    public static IEnumerable<(int[] X, double W)> Joint(ICliqueModel model, double[][] theta)
    {
        int p = model.Sizes.Length;
        int cells = model.Sizes.Aggregate(1, (a, b) => a * b);
        for (int index = 0; index < cells; index++)
        {
            var x = new int[p];
            int rest = index;
            for (int v = p - 1; v >= 0; v--)
            {
                x[v] = rest % model.Sizes[v];
                rest /= model.Sizes[v];
            }

            double logW = 0;
            for (int c = 0; c < model.Cliques.Length; c++)
            {
                logW += theta[c][Cell(model.Sizes, model.Cliques[c], x)];
            }

            yield return (x, Math.Exp(logW));
        }
    }

    /// <summary>Every clique's marginal, scaled to <paramref name="total"/>.</summary>
    public static double[][] Marginals(ICliqueModel model, double[][] theta, double total) => Marginals(model, theta, total, model.Cliques);

    /// <summary>The marginals of <paramref name="sets"/> (increasing variable lists), scaled to <paramref name="total"/>.</summary>
    public static double[][] Marginals(ICliqueModel model, double[][] theta, double total, IReadOnlyList<int[]> sets)
    {
        var result = sets.Select(s => new double[s.Aggregate(1, (a, v) => a * model.Sizes[v])]).ToArray();
        double z = 0;
        foreach (var (x, w) in Joint(model, theta))
        {
            z += w;
            for (int s = 0; s < sets.Count; s++)
            {
                result[s][Cell(model.Sizes, sets[s], x)] += w;
            }
        }

        return [.. result.Select(t => t.Select(v => v * total / z).ToArray())];
    }

    /// <summary>The row-major cell of assignment <paramref name="x"/> in a table over <paramref name="variables"/>.</summary>
    public static int Cell(int[] sizes, int[] variables, int[] x) => variables.Aggregate(0, (index, v) => (index * sizes[v]) + x[v]);

    /// <summary>Log-potentials uniform in [−2, 2).</summary>
    public static double[][] RandomPotentials(ICliqueModel model, int seed)
    {
        var random = new Random(seed);
        return [.. model.ZeroPotentials().Select(t => t.Select(_ => (random.NextDouble() * 4) - 2).ToArray())];
    }

    /// <summary>Asserts two tables equal cell by cell within <paramref name="tolerance"/>.</summary>
    public static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i], actual[i], tolerance, $"{what}, cell {i}");
        }
    }
}
