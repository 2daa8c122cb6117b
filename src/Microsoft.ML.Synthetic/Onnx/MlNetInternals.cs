using System.Reflection;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Synthetic.Onnx;

/// <summary>
/// The only place SyntheticML reads ML.NET (6.0.0) state that ML.NET does not make public: which columns a
/// transformer maps, a one-hot encoder's inner chain, replacement values, a binary classifier's threshold.
/// Every read checks that the member exists and has the expected type, and fails with an error that names
/// the member, so an ML.NET upgrade that moves one gives a clear message instead of a wrong model.
/// </summary>
internal static class MlNetInternals
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>The (output, input) column pairs of a one-to-one transformer (<c>OneToOneTransformerBase.ColumnPairs</c>).</summary>
    public static (string Output, string Input)[] ColumnPairs(OneToOneTransformerBase transformer) =>
        Read<(string, string)[]>(transformer, typeof(OneToOneTransformerBase), "ColumnPairs");

    /// <summary>The (output, inputs) of a concatenation (<c>ColumnConcatenatingTransformer.Columns</c>).</summary>
    public static IReadOnlyCollection<(string Output, string[] Inputs)> ConcatenatedColumns(ColumnConcatenatingTransformer transformer) =>
        Read<IReadOnlyCollection<(string, string[])>>(transformer, typeof(ColumnConcatenatingTransformer), "Columns");

    /// <summary>The inner chain of a one-hot encoder: value-to-key, then key-to-vector (<c>_transformer</c>).</summary>
    public static TransformerChain<ITransformer> OneHotChain(OneHotEncodingTransformer transformer) =>
        Read<TransformerChain<ITransformer>>(transformer, typeof(OneHotEncodingTransformer), "_transformer");

    /// <summary>Whether each column of a key-to-vector mapping sums over slots ("bag"), in column-pair order.</summary>
    public static bool[] KeyToVectorCountsVector(KeyToVectorMappingTransformer transformer)
    {
        var columns = Read<System.Collections.IEnumerable>(transformer, typeof(KeyToVectorMappingTransformer), "Columns");
        var result = new List<bool>();
        foreach (object column in columns)
        {
            var field = column.GetType().GetField("OutputCountVector", Instance)
                ?? throw Moved(column.GetType(), "OutputCountVector");
            result.Add((bool)field.GetValue(column)!);
        }

        return [.. result];
    }

    /// <summary>The replacement value of each column of a missing-value replacer: a scalar, or an array per slot.</summary>
    public static object[] ReplacementValues(MissingValueReplacingTransformer transformer) =>
        Read<object[]>(transformer, typeof(MissingValueReplacingTransformer), "_repValues");

    /// <summary>The score threshold of a binary classifier and the column it applies to.</summary>
    public static (float Threshold, string Column) BinaryThreshold(ITransformer predictionTransformer)
    {
        var type = predictionTransformer.GetType();
        float threshold = Read<float>(predictionTransformer, type, "Threshold");
        string column = Read<string>(predictionTransformer, type, "ThresholdColumn");
        return (threshold, column);
    }

    /// <summary>
    /// The per-class models of a one-versus-all model and how their outputs are combined: <c>Raw</c> (the
    /// scores as they are), <c>ProbabilityNormalization</c> (calibrated probabilities divided by their sum)
    /// or <c>Softmax</c> (softmax of the scores).
    /// </summary>
    public static (object[] Models, string Formula) OneVersusAll(Microsoft.ML.Trainers.OneVersusAllModelParameters model)
    {
        var models = Read<System.Collections.Immutable.ImmutableArray<object>>(model, model.GetType(), "SubModelParameters");
        object impl = Read<object>(model, model.GetType(), "_impl");
        object formula = Read<object>(impl, impl.GetType(), "OutputFormula");
        return ([.. models], formula.ToString()!);
    }

    /// <summary>
    /// The dictionary of a value mapping (<c>MapValue</c>): its keys and values (typed arrays, in the same
    /// order) and the value given to a key not in the dictionary.
    /// </summary>
    public static (Array Keys, Array Values, object? Missing) ValueMap(ValueMappingTransformer transformer)
    {
        object map = Read<object>(transformer, typeof(ValueMappingTransformer), "_valueMap");
        var mapType = map.GetType();
        var keyType = Read<DataViewSchema.Column>(map, mapType, "KeyColumn").Type.RawType;
        var valueType = Read<DataViewSchema.Column>(map, mapType, "ValueColumn").Type.RawType;
        Array Call(string name, Type type) =>
            (mapType.GetMethod(name, Instance)?.MakeGenericMethod(type).Invoke(map, null) as Array) ?? throw Moved(mapType, name);
        var missingField = mapType.GetField("_missingValue", Instance) ?? throw Moved(mapType, "_missingValue");
        return (Call("GetKeys", keyType), Call("GetValues", valueType), missingField.GetValue(map));
    }

    /// <summary>
    /// The value a tree uses in place of a missing (NaN) feature at each node, or null when it keeps NaN
    /// (<c>InternalRegressionTree.DefaultValueForMissing</c>; LightGbm models set it).
    /// </summary>
    public static float[]? DefaultValueForMissing(Microsoft.ML.Trainers.FastTree.RegressionTreeBase tree)
    {
        object inner = Read<object>(tree, typeof(Microsoft.ML.Trainers.FastTree.RegressionTreeBase), "_tree");
        var field = inner.GetType().GetField("DefaultValueForMissing", Instance) ?? throw Moved(inner.GetType(), "DefaultValueForMissing");
        return (float[]?)field.GetValue(inner);
    }

    /// <summary>The calibrator and score column of a calibrator stage (<c>CalibratorTransformer&lt;T&gt;</c>).</summary>
    public static (object Calibrator, string ScoreColumn) CalibratorStage(ITransformer stage)
    {
        var type = stage.GetType();
        return (Read<object>(stage, type, "_calibrator"), Read<string>(stage, type, "_scoreColumnName"));
    }

    /// <summary>
    /// The shape functions of a generalized additive model: for each, the input feature it reads, its bin upper
    /// bounds and its bin effects (<c>_inputFeatureToShapeFunctionMap</c>, <c>_binUpperBounds</c>, <c>_binEffects</c>;
    /// the public accessors check the feature index against the number of shape functions, so they fail for
    /// features after an unused one).
    /// </summary>
    public static (int Feature, double[] UpperBounds, double[] Effects)[] GamShapeFunctions(Microsoft.ML.Trainers.FastTree.GamModelParametersBase model)
    {
        var type = typeof(Microsoft.ML.Trainers.FastTree.GamModelParametersBase);
        var map = Read<Dictionary<int, int>>(model, type, "_inputFeatureToShapeFunctionMap");
        var bounds = Read<double[][]>(model, type, "_binUpperBounds");
        var effects = Read<double[][]>(model, type, "_binEffects");
        return [.. map.OrderBy(p => p.Key).Select(p => (p.Key, bounds[p.Value], effects[p.Value]))];
    }

    private static T Read<T>(object target, Type declaringType, string member)
    {
        for (var type = declaringType; type != null; type = type.BaseType)
        {
            var field = type.GetField(member, Instance | BindingFlags.DeclaredOnly);
            if (field != null && field.GetValue(target) is T fieldValue)
            {
                return fieldValue;
            }

            var property = type.GetProperty(member, Instance | BindingFlags.DeclaredOnly);
            if (property != null && property.GetValue(target) is T propertyValue)
            {
                return propertyValue;
            }
        }

        throw Moved(declaringType, member);
    }

    private static InvalidOperationException Moved(Type type, string member) =>
        new($"ONNX export reads {type.Name}.{member} of ML.NET 6.0.0, which this ML.NET version does not have "
            + "(or holds with another type); the exporter must be updated for it.");
}
