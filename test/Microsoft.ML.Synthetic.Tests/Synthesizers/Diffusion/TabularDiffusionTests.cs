using Microsoft.ML.Synthetic.Synthesizers.Diffusion;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.Diffusion;

/// <summary>
/// The tensor diffusions against independent facts: the multinomial forward marginal against the product of the
/// one-step transition matrices (Hoogeboom et al. 2021), its posterior against Bayes' rule with those matrices, and
/// the Gaussian forward draw's moments and inversion.
/// </summary>
[TestClass]
public sealed class TabularDiffusionTests
{
    private static readonly int[] Categories = [3, 5];

    private static float[] Row(Tensor t, int row) => t[row].contiguous().data<float>().ToArray();

    /// <summary>The one-step transition matrix Q_t[i, j] = P(x_t = j | x_{t−1} = i) = α_t 1[i = j] + (1 − α_t)/K.</summary>
    private static double[,] Transition(double alpha, int k)
    {
        var q = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                q[i, j] = (i == j ? alpha : 0) + ((1 - alpha) / k);
            }
        }

        return q;
    }

    private static double[] Times(double[] p, double[,] q)
    {
        int k = p.Length;
        var r = new double[k];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < k; i++)
            {
                r[j] += p[i] * q[i, j];
            }
        }

        return r;
    }

    [TestMethod]
    public void MultinomialForward_EqualsTheComposedTransitionMatrices()
    {
        var schedule = new NoiseSchedule(40, DiffusionSchedule.Cosine);
        using var diffusion = new TabularDiffusion(schedule, 0, Categories);
        using var scope = NewDisposeScope();
        var codes = tensor(new long[] { 2, 4 }, [1, 2]);
        var x0 = diffusion.OneHot(codes);
        var expected = new[] { new double[] { 0, 0, 1 }, new double[] { 0, 0, 0, 0, 1 } };
        for (int t = 0; t < schedule.Steps; t++)
        {
            for (int part = 0; part < 2; part++)
            {
                expected[part] = Times(expected[part], Transition(schedule.Alphas[t], Categories[part]));
            }

            var actual = Row(diffusion.ForwardCategorical(x0, tensor(new long[] { t })), 0);
            var flat = expected[0].Concat(expected[1]).ToArray();
            for (int s = 0; s < flat.Length; s++)
            {
                Assert.AreEqual(flat[s], actual[s], 1e-5, $"t = {t}, slot {s}");
            }
        }
    }

    [TestMethod]
    public void MultinomialPosterior_EqualsBayesRuleWithTheTransitionMatrices()
    {
        var schedule = new NoiseSchedule(30, DiffusionSchedule.Linear);
        using var diffusion = new TabularDiffusion(schedule, 0, Categories);
        using var scope = NewDisposeScope();
        var x0 = diffusion.OneHot(tensor(new long[] { 1, 0 }, [1, 2]));
        var xt = diffusion.OneHot(tensor(new long[] { 2, 3 }, [1, 2]));
        int[] x0Codes = [1, 0], xtCodes = [2, 3];
        foreach (int t in new[] { 0, 1, 7, 29 })
        {
            var actual = Row(diffusion.PosteriorCategorical(x0, xt, tensor(new long[] { t })), 0);
            int offset = 0;
            for (int part = 0; part < 2; part++)
            {
                int k = Categories[part];
                // q(x_{t−1} = j | x_0) by composing the matrices up to t − 1; times q(x_t | x_{t−1} = j); normalised.
                var prior = new double[k];
                prior[x0Codes[part]] = 1;
                for (int s = 0; s < t; s++)
                {
                    prior = Times(prior, Transition(schedule.Alphas[s], k));
                }

                var step = Transition(schedule.Alphas[t], k);
                var joint = Enumerable.Range(0, k).Select(j => prior[j] * step[j, xtCodes[part]]).ToArray();
                double total = joint.Sum();
                for (int j = 0; j < k; j++)
                {
                    Assert.AreEqual(joint[j] / total, actual[offset + j], 1e-5, $"t = {t}, part {part}, category {j}");
                }

                offset += k;
            }
        }
    }

    [TestMethod]
    public void GaussianForward_HasTheClosedFormMoments_AndPredictX0InvertsItWithTheTrueNoise()
    {
        var schedule = new NoiseSchedule(100, DiffusionSchedule.Cosine);
        using var diffusion = new TabularDiffusion(schedule, 1, []);
        using var scope = NewDisposeScope();
        const int n = 200_000;
        const int t = 37;
        var generator = new global::TorchSharp.torch.Generator(5, CPU);
        var x0 = ones([n, 1]) * tensor(2f);
        var steps = tensor(Enumerable.Repeat((long)t, n).ToArray());
        var noise = randn([n, 1], generator: generator);
        var xt = diffusion.ForwardGaussian(x0, steps, noise);
        var values = xt.data<float>().ToArray();
        double mean = values.Average(), variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.AreEqual(2 * Math.Sqrt(schedule.AlphaBars[t]), mean, 0.01);
        Assert.AreEqual(1 - schedule.AlphaBars[t], variance, 0.01);
        var back = diffusion.PredictX0(xt, noise, steps).data<float>().ToArray();
        Assert.IsTrue(back.All(v => Math.Abs(v - 2) < 1e-4), "x̂_0 from the true noise is x_0");
    }

    [TestMethod]
    public void SampledCategories_FollowTheGivenProbabilities()
    {
        using var diffusion = new TabularDiffusion(new NoiseSchedule(10, DiffusionSchedule.Cosine), 0, [3]);
        using var scope = NewDisposeScope();
        const int n = 60_000;
        var probabilities = tensor(new float[] { 0.2f, 0.5f, 0.3f }).unsqueeze(0).expand(n, 3);
        var codes = diffusion.SampleCategories(probabilities, new global::TorchSharp.torch.Generator(3, CPU)).data<long>().ToArray();
        for (int c = 0; c < 3; c++)
        {
            Assert.AreEqual(new[] { 0.2, 0.5, 0.3 }[c], codes.Count(v => v == c) / (double)n, 0.01, $"category {c}");
        }
    }
}
