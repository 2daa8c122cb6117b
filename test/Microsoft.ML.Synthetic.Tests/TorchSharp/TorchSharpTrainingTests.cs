using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Tests.TorchSharp;

/// <summary>
/// TorchSharp's native library loads from the test output folder (after build/TorchSharpNativeFix.targets on
/// systems whose libstdc++ predates GCC 13) and trains. Any load failure makes these tests fail.
/// </summary>
[TestClass]
public sealed class TorchSharpTrainingTests
{
    [TestMethod]
    public void Tensor_Created_HoldsItsValuesAndComputes()
    {
        using var scope = NewDisposeScope();
        Tensor t = tensor(new float[] { 1f, 2f, 3f, 4f }).reshape(2, 2);
        Tensor product = t.matmul(t);   // [[1,2],[3,4]]² = [[7,10],[15,22]]
        CollectionAssert.AreEqual(new float[] { 7f, 10f, 15f, 22f }, product.data<float>().ToArray());
    }

    [TestMethod]
    public void AdamStep_OnSmallMlp_MovesEachParameterByLearningRateAndLowersLoss()
    {
        const double learningRate = 0.01;
        using var scope = NewDisposeScope();
        manual_seed(7);
        Tensor x = randn(128, 4);
        Tensor y = (x.matmul(tensor(new float[] { 1.5f, -2f, 0.5f, 1f }).reshape(4, 1)) + 0.3f).tanh();

        var model = nn.Sequential(
            ("hidden", nn.Linear(4, 16)),
            ("act", nn.Tanh()),
            ("out", nn.Linear(16, 1)));
        var optimizer = optim.Adam(model.parameters(), lr: learningRate);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var before = parameters.ToDictionary(p => p.Key, p => p.Value.detach().clone());

        optimizer.zero_grad();
        Tensor prediction = model.forward(x);
        Tensor loss = nn.functional.mse_loss(prediction, y);
        loss.backward();
        float lossBefore = loss.item<float>();

        // Closed form: d mean((p − y)²) / d out.bias = 2·mean(p − y).
        float expectedBiasGradient = 2f * (prediction - y).mean().item<float>();
        Tensor biasGradient = parameters["out.bias"].grad!;
        Assert.AreEqual(expectedBiasGradient, biasGradient.item<float>(), 1e-5f);

        // Adam's first step (Kingma & Ba 2015, Algorithm 1): bias-corrected m̂ = g and v̂ = g², so every
        // parameter moves by −lr·g/(|g| + ε) ≈ −lr·sign(g).
        var gradients = parameters.ToDictionary(p => p.Key, p => p.Value.grad!.detach().clone());
        optimizer.step();
        foreach (var (name, parameter) in parameters)
        {
            Tensor g = gradients[name];
            Tensor expected = before[name] - learningRate * g / (g.abs() + 1e-8);
            Assert.IsTrue(allclose(parameter.detach(), expected, rtol: 1e-4, atol: 1e-6), $"parameter {name} did not take the Adam step");
            Assert.IsTrue((parameter.detach() - before[name]).abs().max().item<float>() > 0f, $"parameter {name} did not change");
        }

        using (no_grad())
        {
            float lossAfter = nn.functional.mse_loss(model.forward(x), y).item<float>();
            Assert.IsTrue(lossAfter < lossBefore, $"loss went from {lossBefore} to {lossAfter}");
        }
    }
}
