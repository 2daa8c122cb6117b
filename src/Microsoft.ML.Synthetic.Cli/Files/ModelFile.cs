namespace Microsoft.ML.Synthetic.Cli.Files;

/// <summary>Saves and loads fitted synthesizers (the library's checksummed model container).</summary>
internal static class ModelFile
{
    /// <summary>Loads a model; a missing, damaged or foreign file is an input error naming the file and the part.</summary>
    public static ISynthesizerModel Load(SyntheticCatalog synthetic, string path) =>
        FileErrors.Guard(path, "loading the model", () =>
        {
            try
            {
                return synthetic.Synthesizers.Load(path);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path} is not a synthml model file, or it is damaged: {e.Message}", e);
            }
        });

    /// <summary>Saves a model, whole or not at all.</summary>
    public static void Save(ISynthesizerModel model, string path) =>
        OutputFile.Write(path, "saving the model", partial =>
        {
            using var stream = File.Create(partial);
            model.Save(stream);
        });
}
