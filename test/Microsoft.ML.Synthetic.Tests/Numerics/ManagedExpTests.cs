using Microsoft.ML.Synthetic.Numerics;

namespace Microsoft.ML.Synthetic.Tests.Numerics;

[TestClass]
public sealed class ManagedExpTests
{
    [TestMethod]
    public void Exp_AgreesWithMathExp_ToAFewUlps_AcrossItsRange()
    {
        var random = new Random(5);
        double worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double x = i < 100_000 ? -50 * random.NextDouble() : (random.NextDouble() * 1400) - 700;
            double expected = Math.Exp(x);
            double relative = Math.Abs(ManagedExp.Exp(x) - expected) / expected;
            worst = Math.Max(worst, relative);
        }

        Assert.IsTrue(worst <= 1e-15, $"largest relative difference {worst:E3}");
    }

    [TestMethod]
    public void Exp_HasExactValuesAndLimits()
    {
        Assert.AreEqual(1.0, ManagedExp.Exp(0));
        Assert.AreEqual(Math.E, ManagedExp.Exp(1), 1e-15 * Math.E);
        Assert.AreEqual(0.5, ManagedExp.Exp(-Math.Log(2)), 1e-16);
        Assert.AreEqual(0.0, ManagedExp.Exp(-1000));
        Assert.AreEqual(double.PositiveInfinity, ManagedExp.Exp(1000));
        Assert.IsTrue(double.IsNaN(ManagedExp.Exp(double.NaN)));
    }
}
