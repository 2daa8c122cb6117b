using System.Buffers.Binary;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Synthetic.Data;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula;
using Microsoft.ML.Synthetic.Synthesizers.GaussianCopula.Marginals;
using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;
using static Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles.ModelFileAssert;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;

/// <summary>The specific traps found in saved models: each now fails at Load with an error naming the part.</summary>
[TestClass]
public sealed class ModelFileTrapTests
{
    /// <summary>The managed bytes <paramref name="action"/> allocates on this thread.</summary>
    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>A copula body: seed, a schema of one continuous column, then the copula's dimension and nothing else.</summary>
    private static byte[] CopulaBodyDeclaringDimension(int dimension, int padTo)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(7);                 // seed
        writer.Write(1);                 // one column
        writer.Write("x");
        writer.Write((int)ColumnKind.Continuous);
        writer.Write("Double");
        writer.Write(false);
        writer.Write(0.0);
        writer.Write(1.0);
        writer.Write(false);
        writer.Write(string.Empty);
        writer.Write(0);                 // no categories
        writer.Write(dimension);         // the copula: d, then d × d doubles that are not there
        while (stream.Length < padTo)
        {
            writer.Write((byte)0);
        }

        return stream.ToArray();
    }

    [TestMethod]
    public void Load_SixtyByteCopulaFileAskingForTwelveGigabytes_ThrowsBeforeAllocating()
    {
        // 40,000² doubles are 12.8 GB; the old loader allocated them before reading any.
        var legacy = ModelFileBytes.Legacy(ModelFileBytes.Build("GaussianCopula", 1, CopulaBodyDeclaringDimension(40_000, 0)));
        var container = ModelFileBytes.Build("GaussianCopula", 1, CopulaBodyDeclaringDimension(40_000, 0));
        Assert.IsLessThanOrEqualTo(100, legacy.Length);

        foreach (var file in new[] { legacy, container })
        {
            string message = "";
            long allocated = Allocated(() => message = Rejects(file, "Gaussian copula", "latent dimension", "40000"));
            Assert.IsLessThan(1L << 20, allocated, message);
        }
    }

    [TestMethod]
    public void Load_CopulaDimensionWithinBoundsButMatrixMissing_NamesTheMatrixAndTheBytesLeft()
    {
        // Two is a legal dimension for one continuous column with missing values, but the 32 bytes of R are not there.
        Rejects(ModelFileBytes.Build("GaussianCopula", 1, CopulaBodyDeclaringDimension(2, 0)), "correlation matrix entries", "remain");
    }

    [TestMethod]
    public void Load_TvaeWithHugeLayerSizes_ThrowsBeforeBuildingTheNetwork()
    {
        var model = (TvaeModel)Load(ModelFileFixtures.Bytes(ModelFileFixtures.Tvae));
        byte[] Patched(int hidden, int latent)
        {
            using var stream = new MemoryStream();
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            writer.Write(model.Seed);
            model.TableSchema.Write(writer);
            model.Encoder.Write(writer);
            writer.Write(1);
            writer.Write(hidden);   // encoder
            writer.Write(1);
            writer.Write(hidden);   // decoder
            writer.Write(latent);
            NetworkState.Write(writer, model.Network);
            return ModelFileBytes.Build("Tvae", 1, stream.ToArray());
        }

        // Within the width cap, but 65,536² weights per layer (≈ 43 GB of native tensors with the old loader) are not in the file.
        long allocated = Allocated(() => Rejects(Patched(65_536, 65_536), "TVAE", "layer sizes", "remain"));
        Assert.IsLessThan(1L << 20, allocated);
        Rejects(Patched(1 << 20, 4), "TVAE", "encoder layer 1 width", "1048576");
        Rejects(Patched(8, 0), "TVAE", "latent dimension");
    }

    [TestMethod]
    public void Load_CopulaWithNaNSigma_ThrowsNamingTheColumnInsteadOfSamplingZeros()
    {
        var ml = new MLContext(seed: 1);
        var options = new GaussianCopulaOptions { ColumnMarginals = { ["Count"] = MarginalKind.Normal } };
        var model = ml.Synthetic().Synthesizers.GaussianCopula(options).Fit(ModelFileFixtures.Data(ml));
        var normal = (NormalMarginal)((ContinuousCopulaColumn)model.CopulaColumns[2]).Marginal;
        using var stream = new MemoryStream();
        model.Save(stream);
        var (format, version, body) = ModelFileBytes.Split(stream.ToArray());

        int at = IndexOf(body, BitConverter.GetBytes(normal.Sd));
        BinaryPrimitives.WriteDoubleLittleEndian(body.AsSpan(at), double.NaN);
        Rejects(ModelFileBytes.Build(format, version, body), "column 'Count'", "marginal", "σ");
        BinaryPrimitives.WriteDoubleLittleEndian(body.AsSpan(at), -1);
        Rejects(ModelFileBytes.Build(format, version, body), "column 'Count'", "marginal", "σ is not positive");
    }

    [TestMethod]
    public void Load_CopulaWithHugeGibbsSweepCount_ThrowsInsteadOfHangingAtSampling()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Synthetic().Synthesizers.GaussianCopula().Fit(ModelFileFixtures.Data(ml));
        using var stream = new MemoryStream();
        model.Save(stream);
        var (format, version, body) = ModelFileBytes.Split(stream.ToArray());
        using var schema = new MemoryStream();
        using (var writer = new BinaryWriter(schema, Encoding.UTF8, leaveOpen: true))
        {
            model.TableSchema.Write(writer);
        }

        int d = model.Dimension;
        int at = 4 + (int)schema.Length + 4 + (8 * d * d);
        Assert.AreEqual(GaussianCopulaOptions.Defaults.GibbsSweeps, BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(at)));
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(at), int.MaxValue);
        Rejects(ModelFileBytes.Build(format, version, body), "Gaussian copula", "Gibbs sweeps", "2147483647", "1000");
    }

    [TestMethod]
    public void Fit_GibbsSweepsAboveTheLoadCap_IsRejectedUpFront()
    {
        var ml = new MLContext(seed: 1);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ml.Synthetic().Synthesizers.GaussianCopula(new GaussianCopulaOptions { GibbsSweeps = ModelFileLimits.MaxGibbsSweeps + 1 }));
    }

    [TestMethod]
    public void Load_TvaeWithNaNWeight_NamesTheTensor()
    {
        var model = (TvaeModel)Load(ModelFileFixtures.Bytes(ModelFileFixtures.Tvae));
        var (format, version, body) = ModelFileBytes.Split(ModelFileFixtures.Bytes(ModelFileFixtures.Tvae));
        var weights = model.Network.state_dict()["_decoder.output.weight"].data<float>().ToArray();
        int at = IndexOf(body, [.. BitConverter.GetBytes(weights[0]), .. BitConverter.GetBytes(weights[1])]);
        BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(at), float.NaN);
        Rejects(ModelFileBytes.Build(format, version, body), "TVAE › network › tensor '_decoder.output.weight'", "must be finite");
    }

    [TestMethod]
    [DataRow(ModelFileFixtures.Copula)]
    [DataRow(ModelFileFixtures.Tvae)]
    [DataRow(ModelFileFixtures.Ctgan)]
    public void Load_EveryTruncationOfTheFile_ThrowsInvalidDataNotEndOfStream(string format)
    {
        var file = ModelFileFixtures.Bytes(format);
        var legacy = ModelFileBytes.Legacy(file);
        for (int length = 0; length < file.Length; length++)
        {
            Assert.ThrowsExactly<InvalidDataException>(() => Load(file[..length]), $"{format} truncated to {length}");
        }

        // The legacy layout has no length or checksum: every truncation reaches the body parser, which must name the part.
        for (int length = 1; length < legacy.Length; length++)
        {
            Rejects(legacy[..length], "remain");
        }
    }

    [TestMethod]
    public void Load_FlippedBodyByte_FailsTheChecksum()
    {
        var file = ModelFileFixtures.Bytes(ModelFileFixtures.Copula);
        file[^5] ^= 0x10;
        Rejects(file, "model file header", "SHA-256 checksum does not match");
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        int found = haystack.AsSpan().IndexOf(needle);
        Assert.IsGreaterThanOrEqualTo(0, found, "pattern not found");
        Assert.AreEqual(-1, haystack.AsSpan(found + 1).IndexOf(needle), "pattern not unique");
        return found;
    }
}
