namespace Microsoft.ML.Synthetic;

/// <summary>
/// A step's Rényi-DP guarantee at a list of orders: the step is (α, <see cref="Values"/>[i])-RDP at α =
/// <see cref="Orders"/>[i] (Mironov 2017). DP-SGD records its accountant's total here, so that a chain holding it
/// can be composed under <see cref="CompositionRule.Renyi"/>.
/// </summary>
/// <param name="Orders">The orders α, each greater than 1.</param>
/// <param name="Values">The RDP at each order.</param>
public sealed record RenyiCurve(IReadOnlyList<double> Orders, IReadOnlyList<double> Values)
{
    /// <summary>The RDP at <paramref name="order"/>, or null when the curve does not hold that order.</summary>
    public double? At(double order)
    {
        for (int i = 0; i < Orders.Count; i++)
        {
            if (Orders[i] == order)
            {
                return Values[i];
            }
        }

        return null;
    }
}
