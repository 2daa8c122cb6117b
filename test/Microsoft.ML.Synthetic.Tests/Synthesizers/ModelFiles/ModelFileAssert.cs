using Microsoft.ML;

namespace Microsoft.ML.Synthetic.Tests.Synthesizers.ModelFiles;

/// <summary>Loading model bytes, and asserting that they are rejected with a message that names the part.</summary>
internal static class ModelFileAssert
{
    public static ISynthesizerModel Load(byte[] bytes) =>
        new MLContext(seed: 1).Synthetic().Synthesizers.Load(new MemoryStream(bytes, writable: false));

    /// <summary>Loading <paramref name="bytes"/> throws <see cref="InvalidDataException"/> whose message contains each of <paramref name="mentions"/>.</summary>
    public static string Rejects(byte[] bytes, params string[] mentions)
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => Load(bytes));
        foreach (var m in mentions)
        {
            StringAssert.Contains(e.Message, m);
        }

        return e.Message;
    }
}
