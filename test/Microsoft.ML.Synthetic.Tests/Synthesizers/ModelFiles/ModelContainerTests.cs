using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using static Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles.ModelFileAssert;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;

/// <summary>The container every synthesizer is saved in: its layout, foreign and newer files, and files of the first layout.</summary>
[TestClass]
public sealed class ModelContainerTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static float[] FirstColumn(ISynthesizerModel model) =>
        model.Sample(50, seed: 4).GetColumn<float>("X").ToArray();

    [TestMethod]
    [DataRow(ModelFileFixtures.Copula, "GaussianCopula")]
    [DataRow(ModelFileFixtures.Tvae, "Tvae")]
    [DataRow(ModelFileFixtures.Ctgan, "Ctgan")]
    public void Save_WritesTheDocumentedHeader(string fixture, string format)
    {
        var (name, version, body) = ModelFileBytes.Split(ModelFileFixtures.Bytes(fixture));
        Assert.AreEqual(format, name);
        Assert.AreEqual(1, version);
        Assert.IsGreaterThan(0, body.Length);
    }

    [TestMethod]
    [DataRow(ModelFileFixtures.Copula)]
    [DataRow(ModelFileFixtures.Tvae)]
    [DataRow(ModelFileFixtures.Ctgan)]
    public void Load_FileOfThePreviousUnversionedLayout_LoadsTheSameModel(string fixture)
    {
        var file = ModelFileFixtures.Bytes(fixture);
        var current = Load(file);
        var legacy = Load(ModelFileBytes.Legacy(file));
        Assert.AreEqual(((SynthesizerModelBase)current).Seed, ((SynthesizerModelBase)legacy).Seed);
        CollectionAssert.AreEqual(FirstColumn(current), FirstColumn(legacy));
    }

    [TestMethod]
    public void Load_CorruptFileOfThePreviousLayout_IsValidatedLikeTheCurrentOne()
    {
        var legacy = ModelFileBytes.Legacy(ModelFileFixtures.Bytes(ModelFileFixtures.Copula));
        // The seed (4 bytes) follows the 39-byte legacy header; the schema's column count follows the seed.
        BitConverter.GetBytes(int.MaxValue).CopyTo(legacy, 39 + 4);
        Rejects(legacy, "Gaussian copula › schema", "column count is 2147483647");
    }

    [TestMethod]
    public void Load_ForeignFiles_ThrowInvalidDataSayingItIsNotAModel()
    {
        Rejects([], "empty");
        Rejects(Encoding.UTF8.GetBytes("age,workclass\n39,State-gov\n"), "not a saved synthesizer");
        Rejects([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0], "not a saved synthesizer");   // a zip (an ML.NET model)
        Rejects([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "not a saved synthesizer");
        Rejects(ModelFileBytes.Build("Smote", 1, [1, 2, 3]), "unknown synthesizer format 'Smote'");

        using var stream = new MemoryStream();
        Ml.Model.Save(Ml.Transforms.CopyColumns("a", "b").Fit(Ml.Data.LoadFromEnumerable(new[] { new { b = 1f } })), null, stream);
        Rejects(stream.ToArray(), "not a saved synthesizer");
    }

    [TestMethod]
    public void Load_NewerContainerOrFormatVersion_SaysANewerLibraryWroteIt()
    {
        var file = ModelFileFixtures.Bytes(ModelFileFixtures.Copula);
        var newerContainer = (byte[])file.Clone();
        BitConverter.GetBytes(2).CopyTo(newerContainer, 10);
        Rejects(newerContainer, "container version 2", "newer SyntheticML");

        var (format, _, body) = ModelFileBytes.Split(file);
        Rejects(ModelFileBytes.Build(format, 2, body), "Gaussian copula", "format version 2", "newer SyntheticML");
    }

    [TestMethod]
    public void Load_TwoModelsInOneStream_ReadsEachExactlyToItsEnd()
    {
        var first = ModelFileFixtures.Bytes(ModelFileFixtures.Copula);
        var second = ModelFileFixtures.Bytes(ModelFileFixtures.Tvae);
        using var stream = new MemoryStream([.. first, .. second]);
        Assert.IsInstanceOfType<GaussianCopulaModel>(Ml.Synthetic().Synthesizers.Load(stream));
        Assert.IsInstanceOfType<TvaeModel>(Ml.Synthetic().Synthesizers.Load(stream));
        Assert.AreEqual(stream.Length, stream.Position);
    }

    [TestMethod]
    public void Load_BodyWithBytesLeftOver_IsRejected()
    {
        var (format, version, body) = ModelFileBytes.Split(ModelFileFixtures.Bytes(ModelFileFixtures.Copula));
        Rejects(ModelFileBytes.Build(format, version, [.. body, 0]), "1 bytes are left over");
    }

    [TestMethod]
    public void Load_NonSeekableStream_ReadsTheSameModel()
    {
        var file = ModelFileFixtures.Bytes(ModelFileFixtures.Tvae);
        var model = Ml.Synthetic().Synthesizers.Load(new ForwardOnlyStream(file));
        CollectionAssert.AreEqual(FirstColumn(Load(file)), FirstColumn(model));
        Assert.ThrowsExactly<InvalidDataException>(() => Ml.Synthetic().Synthesizers.Load(new ForwardOnlyStream(file[..^10])));
    }

    /// <summary>A stream that cannot seek or tell its length (a network stream, a pipe).</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
