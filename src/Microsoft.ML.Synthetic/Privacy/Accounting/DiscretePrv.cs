namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>
/// A privacy loss random variable discretised on a <see cref="PrvDomain"/>: probability <see cref="Pmf"/>[i] at
/// tᵢ + <see cref="Shift"/> (Gopi, Lee &amp; Wutschitz 2021, Section 5). Built cell-centred from a truncated PRV,
/// shifted so that its mean equals the truncated PRV's; composed by raising its discrete Fourier transform to the
/// number of steps (a circular convolution on the grid); and read as δ(ε) = Σ_{t ≥ ε} p(t)·(1 − e^{ε − t}), the
/// hockey-stick divergence of the composition.
/// </summary>
internal sealed class DiscretePrv
{
    private DiscretePrv(PrvDomain domain, double[] pmf, double shift)
    {
        Domain = domain;
        Pmf = pmf;
        Shift = shift;
    }

    /// <summary>The grid.</summary>
    public PrvDomain Domain { get; }

    /// <summary>The probability at each grid point.</summary>
    public double[] Pmf { get; }

    /// <summary>How far the support lies right of the grid points.</summary>
    public double Shift { get; }

    /// <summary>
    /// The PRV truncated to [t₀, t_{N−1}] and renormalised; each grid point gets the truncated mass of its cell
    /// [tᵢ − Δt/2, tᵢ + Δt/2); the support is then shifted by the difference between the truncated PRV's mean and the
    /// discrete mean (Gopi et al. 2021, Algorithm 1; the shift is below Δt/2 or the discretisation is refused).
    /// </summary>
    public static DiscretePrv Discretise(SubsampledGaussianPrv prv, PrvDomain domain)
    {
        int n = domain.Size;
        double dt = domain.Mesh, min = domain.Min, max = domain.Max;
        var pmf = new double[n];
        var previous = prv.Tails(min);
        var last = prv.Tails(max);
        double mass = 1 - previous.Below - last.Above;
        for (int i = 0; i < n; i++)
        {
            var next = i == n - 1 ? last : prv.Tails(Math.Min(max, min + ((i + 0.5) * dt)));
            // The cell's mass from whichever tail each end holds directly, so that far-tail cells keep their digits.
            pmf[i] = !next.BelowIsDirect && !previous.BelowIsDirect
                ? previous.Above - next.Above
                : next.Below - previous.Below;
            previous = next;
        }

        var discreteMean = new CompensatedSum();
        for (int i = 0; i < n; i++)
        {
            pmf[i] /= mass;
            discreteMean.Add(domain[i] * pmf[i]);
        }

        double shift = prv.TruncatedMean(min, max).Mean - discreteMean.Value;
        if (!(Math.Abs(shift) < dt / 2))
        {
            throw new InvalidOperationException($"The discretised privacy loss has mean {discreteMean.Value} where the truncated one has {discreteMean.Value + shift}: they differ by more than half the mesh {dt}.");
        }

        return new DiscretePrv(domain, pmf, shift);
    }

    /// <summary>
    /// The composition of <paramref name="parts"/>[j] taken <c>Count</c> times each (all on one domain): the product of
    /// their spectra raised to their counts, transformed back, and rotated so that index i again stands for tᵢ
    /// (the sum of n grid points carries n − 1 extra offsets of −K·Δt; the grid being 2K + 2 long, that is a rotation
    /// by n − 1, plus N/2 when n − 1 is odd). The shifts add up.
    /// </summary>
    public static DiscretePrv Compose(IReadOnlyList<(DiscretePrv Part, long Count)> parts)
    {
        var domain = parts[0].Part.Domain;
        int n = domain.Size;
        var fft = new RealFft(n);
        double[]? product = null;
        long total = 0;
        double shift = 0;
        foreach (var (part, count) in parts)
        {
            if (part.Domain != domain)
            {
                throw new ArgumentException("Every part must be discretised on the same domain.", nameof(parts));
            }

            var spectrum = (double[])part.Pmf.Clone();
            fft.Forward(spectrum);
            Power(spectrum, count);
            if (product is null)
            {
                product = spectrum;
            }
            else
            {
                Multiply(product, spectrum);
            }

            total += count;
            shift += count * part.Shift;
        }

        var composed = product!;
        fft.Inverse(composed);
        long rotation = ((total - 1) % n) + ((total - 1) % 2 == 1 ? n / 2 : 0);
        int r = (int)(rotation % n);
        Array.Reverse(composed);   // rotation right by r in place: reverse all, then each part
        Array.Reverse(composed, 0, r);
        Array.Reverse(composed, r, n - r);
        return new DiscretePrv(domain, composed, shift);
    }

    /// <summary>
    /// The smallest ε with δ(ε) ≤ <paramref name="delta"/> (Opacus' and microsoft/prv_accountant's estimate): the
    /// highest grid point whose δ(tᵢ) exceeds it bounds a cell in which δ(ε) = D₁ − e^ε·D₂ with the tail sums
    /// D₁ = Σ_{j ≥ i} pⱼ, D₂ = Σ_{j ≥ i} pⱼe^{−tⱼ} is solved exactly. 0 when δ(0) ≤ <paramref name="delta"/>.
    /// </summary>
    public double EpsilonFor(double delta)
    {
        int n = Domain.Size;
        double decay = Math.Exp(-Domain.Mesh);
        double tailMass = 0, tailWeighted = 0;   // Σ_{j ≥ i} pⱼ and Σ_{j ≥ i} pⱼ e^{−(tⱼ − tᵢ)}
        for (int i = n - 1; i >= 0; i--)
        {
            double nextMass = tailMass + Pmf[i];
            double nextWeighted = Pmf[i] + (decay * tailWeighted);
            if (nextMass - nextWeighted > delta)
            {
                // (δ(t_{N−1}) = 0, so i < N − 1 here.) Within the cell (tᵢ, tᵢ₊₁]: δ(ε) = D₁ − e^{ε − t_{i+1}}·D₂′ over j ≥ i + 1.
                double eps = Domain[i + 1] + Shift + Math.Log((tailMass - delta) / tailWeighted);
                return Math.Max(0, eps);
            }

            tailMass = nextMass;
            tailWeighted = nextWeighted;
        }

        return 0;
    }

    /// <summary>δ(ε) = Σ_{tᵢ ≥ ε} pᵢ·(1 − e^{ε − tᵢ}), clamped to [0, 1].</summary>
    public double DeltaFor(double epsilon)
    {
        var sum = new CompensatedSum();
        for (int i = Domain.Size - 1; i >= 0; i--)
        {
            double t = Domain[i] + Shift;
            if (t < epsilon)
            {
                break;
            }

            sum.Add(Pmf[i] * -LogSpace.ExpM1(epsilon - t));
        }

        return Math.Clamp(sum.Value, 0, 1);
    }

    // Raises each packed spectral value to the integer power by repeated squaring.
    private static void Power(double[] spectrum, long count)
    {
        spectrum[0] = RealPower(spectrum[0], count);
        spectrum[1] = RealPower(spectrum[1], count);
        for (int k = 2; k < spectrum.Length; k += 2)
        {
            double br = spectrum[k], bi = spectrum[k + 1], rr = 1, ri = 0;
            for (long e = count; e > 0; e >>= 1)
            {
                if ((e & 1) == 1)
                {
                    (rr, ri) = ((rr * br) - (ri * bi), (rr * bi) + (ri * br));
                }

                (br, bi) = ((br * br) - (bi * bi), 2 * br * bi);
            }

            spectrum[k] = rr;
            spectrum[k + 1] = ri;
        }
    }

    private static double RealPower(double x, long count)
    {
        double result = 1;
        for (long e = count; e > 0; e >>= 1)
        {
            if ((e & 1) == 1)
            {
                result *= x;
            }

            x *= x;
        }

        return result;
    }

    private static void Multiply(double[] into, double[] by)
    {
        into[0] *= by[0];
        into[1] *= by[1];
        for (int k = 2; k < into.Length; k += 2)
        {
            (into[k], into[k + 1]) = ((into[k] * by[k]) - (into[k + 1] * by[k + 1]), (into[k] * by[k + 1]) + (into[k + 1] * by[k]));
        }
    }

    /// <summary>Neumaier's compensated summation.</summary>
    private struct CompensatedSum
    {
        private double _sum;
        private double _compensation;

        public readonly double Value => _sum + _compensation;

        public void Add(double x)
        {
            double t = _sum + x;
            _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
            _sum = t;
        }
    }
}
