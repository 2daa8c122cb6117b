namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>
/// The grid on which privacy loss random variables are discretised and composed: points tᵢ = (i − K)·Δt for
/// i = 0 … N − 1, with N = 2K + 2 a power of two, so the grid runs from −K·Δt to (K + 1)·Δt and its points are
/// multiples of Δt (Gopi, Lee &amp; Wutschitz 2021, Section 5 and Remark 5.6, as Opacus and microsoft/prv_accountant
/// choose it): the mesh Δt = ε_err / √(n·ln(12/δ_err)/2) for n composed steps, and the half-width
/// L = max(ε_RDP(n steps, δ_err/4), maxᵢ ε_RDP(one step i, δ_err/(8n)), ε_err) + 3, ε_RDP from the RDP accountant,
/// so that the mass the truncation to [−L, L] drops costs at most δ_err. Where the reference takes
/// N = 2⌈L/Δt⌉ + 2 points, this grid rounds N up to a power of two for the radix-2 FFT: the same points plus a
/// wider margin, which only lowers the truncated mass.
/// </summary>
internal sealed record PrvDomain(double Mesh, int Size)
{
    /// <summary>The largest grid allowed: 2²² points (32 MiB per array of doubles).</summary>
    public const int MaxSize = 1 << 22;

    /// <summary>K: t₀ = −K·Δt.</summary>
    public int Offset => (Size / 2) - 1;

    /// <summary>The lowest grid point.</summary>
    public double Min => -Offset * Mesh;

    /// <summary>The highest grid point.</summary>
    public double Max => (Size - 1 - Offset) * Mesh;

    /// <summary>tᵢ.</summary>
    public double this[int i] => (i - Offset) * Mesh;

    /// <summary>The grid for composing <paramref name="history"/> with the given error bounds.</summary>
    public static PrvDomain For(IReadOnlyList<(double NoiseMultiplier, double SampleRate, long Steps)> history, double epsilonError, double deltaError)
    {
        long total = history.Sum(h => h.Steps);
        var rdp = new RdpAccountant();
        foreach (var (sigma, q, steps) in history)
        {
            rdp.Step(sigma, q, steps);
        }

        double half = rdp.GetEpsilon(deltaError / 4);
        foreach (var (sigma, q, _) in history)
        {
            half = Math.Max(half, RdpAccountant.Epsilon(sigma, q, 1, deltaError / (8.0 * total)));
        }

        half = Math.Max(half, epsilonError) + 3;
        double mesh = epsilonError / Math.Sqrt(total * Math.Log(12 / deltaError) / 2);
        double points = (2 * Math.Ceiling(half / mesh)) + 2;
        if (!(points <= MaxSize))
        {
            throw new ArgumentOutOfRangeException(
                nameof(epsilonError), epsilonError,
                $"The PRV accountant would need {points:G4} grid points (half-width {half:G4}, mesh {mesh:G4}) for {total} steps at ε error {epsilonError} and δ error {deltaError:G3}; at most {MaxSize} are allowed. Allow a larger ε error (the mesh grows with it) or use the RDP accountant.");
        }

        int size = 4;
        while (size < points)
        {
            size *= 2;
        }

        return new PrvDomain(mesh, size);
    }
}
