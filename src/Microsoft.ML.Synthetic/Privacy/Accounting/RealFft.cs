namespace Microsoft.ML.Synthetic.Privacy.Accounting;

/// <summary>
/// In-place radix-2 fast Fourier transform of a real sequence whose length N is a power of two (Cooley &amp; Tukey
/// 1965): the N reals are read as N/2 complex numbers (even index real part, odd index imaginary part), transformed
/// by an iterative decimation-in-time complex FFT, and split into the spectrum of the real sequence. The spectrum is
/// kept packed in the same array: <c>[X₀, X_{N/2}, Re X₁, Im X₁, …, Re X_{N/2−1}, Im X_{N/2−1}]</c> (X₀ and X_{N/2}
/// are real). Twiddle factors come from one table of cos/sin(2πk/N) computed directly (no recurrence), and the
/// loops are sequential, so the same input gives the same bits on every run.
/// </summary>
internal sealed class RealFft
{
    private readonly double[] _cos;
    private readonly double[] _sin;

    /// <summary>Prepares the transforms of length <paramref name="length"/> (a power of two, at least 4).</summary>
    public RealFft(int length)
    {
        if (length < 4 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The FFT length must be a power of two of at least 4.");
        }

        Length = length;
        _cos = new double[length / 2];
        _sin = new double[length / 2];
        for (int k = 0; k < length / 2; k++)
        {
            (_sin[k], _cos[k]) = Math.SinCos(2 * Math.PI * k / length);
        }
    }

    /// <summary>N.</summary>
    public int Length { get; }

    /// <summary>Replaces the N reals in <paramref name="data"/> by their packed spectrum X_k = Σ_j x_j e^{−2πijk/N}.</summary>
    public void Forward(double[] data)
    {
        CheckLength(data);
        Complex(data, inverse: false);
        int m = Length / 2;
        double z0r = data[0], z0i = data[1];
        data[0] = z0r + z0i;   // X₀ = E₀ + O₀
        data[1] = z0r - z0i;   // X_{N/2} = E₀ − O₀
        for (int k = 1; k <= m / 2; k++)
        {
            int j = m - k;
            double ar = data[2 * k], ai = data[(2 * k) + 1], br = data[2 * j], bi = data[(2 * j) + 1];
            // E_k = (Z_k + conj Z_{m−k})/2, O_k = (Z_k − conj Z_{m−k})/(2i), X_k = E_k + W^k O_k, X_{m−k} = conj(E_k − W^k O_k).
            double er = (ar + br) / 2, ei = (ai - bi) / 2;
            double or = (ai + bi) / 2, oi = -(ar - br) / 2;
            double wr = _cos[k], wi = -_sin[k];
            double tr = (wr * or) - (wi * oi), ti = (wr * oi) + (wi * or);
            data[2 * k] = er + tr;
            data[(2 * k) + 1] = ei + ti;
            data[2 * j] = er - tr;
            data[(2 * j) + 1] = -(ei - ti);
        }
    }

    /// <summary>The inverse of <see cref="Forward"/>: a packed spectrum back to the N reals x_j = (1/N) Σ_k X_k e^{2πijk/N}.</summary>
    public void Inverse(double[] data)
    {
        CheckLength(data);
        int m = Length / 2;
        double x0 = data[0], xm = data[1];
        data[0] = (x0 + xm) / 2;
        data[1] = (x0 - xm) / 2;
        for (int k = 1; k <= m / 2; k++)
        {
            int j = m - k;
            double ar = data[2 * k], ai = data[(2 * k) + 1], br = data[2 * j], bi = data[(2 * j) + 1];
            // E_k = (X_k + conj X_{m−k})/2, O_k = (X_k − conj X_{m−k}) W^{−k}/2, Z_k = E_k + i O_k.
            double er = (ar + br) / 2, ei = (ai - bi) / 2;
            double dr = (ar - br) / 2, di = (ai + bi) / 2;
            double wr = _cos[k], wi = _sin[k];
            double or = (wr * dr) - (wi * di), oi = (wr * di) + (wi * dr);
            data[2 * k] = er - oi;
            data[(2 * k) + 1] = ei + or;
            data[2 * j] = er + oi;
            data[(2 * j) + 1] = -(ei - or);
        }

        Complex(data, inverse: true);
        double scale = 1.0 / m;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] *= scale;
        }
    }

    private void CheckLength(double[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != Length)
        {
            throw new ArgumentException($"Expected {Length} values; got {data.Length}.", nameof(data));
        }
    }

    // The unnormalised complex DFT of the N/2 interleaved complex numbers, in place: bit-reversal permutation,
    // then log₂(N/2) butterfly passes; the twiddle of a pass of span s is e^{∓2πik/s} = table entry k·N/s.
    private void Complex(double[] data, bool inverse)
    {
        int m = Length / 2;
        for (int i = 1, j = 0; i < m; i++)
        {
            int bit = m >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (data[2 * i], data[2 * j]) = (data[2 * j], data[2 * i]);
                (data[(2 * i) + 1], data[(2 * j) + 1]) = (data[(2 * j) + 1], data[(2 * i) + 1]);
            }
        }

        double sign = inverse ? 1 : -1;
        for (int span = 2; span <= m; span <<= 1)
        {
            int half = span / 2, stride = Length / span;
            for (int start = 0; start < m; start += span)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = _cos[k * stride], wi = sign * _sin[k * stride];
                    int a = 2 * (start + k), b = 2 * (start + k + half);
                    double br = data[b], bi = data[b + 1];
                    double tr = (wr * br) - (wi * bi), ti = (wr * bi) + (wi * br);
                    double ar = data[a], ai = data[a + 1];
                    data[a] = ar + tr;
                    data[a + 1] = ai + ti;
                    data[b] = ar - tr;
                    data[b + 1] = ai - ti;
                }
            }
        }
    }
}
