using Microsoft.ML.Synthetic.Privacy.Accounting;

namespace Microsoft.ML.Synthetic.Tests.Privacy.Accounting;

[TestClass]
public sealed class RealFftTests
{
    [TestMethod]
    [DataRow(4)]
    [DataRow(16)]
    [DataRow(256)]
    public void Forward_MatchesTheDirectDft_AndInverseRestoresTheInput(int n)
    {
        var random = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.3).ToArray();
        var data = (double[])x.Clone();
        var fft = new RealFft(n);
        fft.Forward(data);
        for (int k = 0; k <= n / 2; k++)
        {
            double re = 0, im = 0;
            for (int j = 0; j < n; j++)
            {
                re += x[j] * Math.Cos(2 * Math.PI * j * k / n);
                im -= x[j] * Math.Sin(2 * Math.PI * j * k / n);
            }

            (double gotRe, double gotIm) = k == 0 ? (data[0], 0) : k == n / 2 ? (data[1], 0) : (data[2 * k], data[(2 * k) + 1]);
            Assert.AreEqual(re, gotRe, 1e-12 * n, $"Re X[{k}]");
            Assert.AreEqual(im, gotIm, 1e-12 * n, $"Im X[{k}]");
        }

        fft.Inverse(data);
        for (int j = 0; j < n; j++)
        {
            Assert.AreEqual(x[j], data[j], 1e-14 * n, $"x[{j}]");
        }
    }

    [TestMethod]
    public void Constructor_LengthNotAPowerOfTwo_ThrowsNamingTheLength()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new RealFft(12));
        Assert.AreEqual("length", e.ParamName);
        StringAssert.Contains(e.Message, "power of two");
    }
}
