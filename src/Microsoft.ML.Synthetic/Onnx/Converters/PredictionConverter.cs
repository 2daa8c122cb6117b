using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.Synthetic.Onnx.Converters;

/// <summary>
/// The prediction stages of binary classification, regression and multiclass classification: the model's
/// raw score (<see cref="ScoreConverters"/>), the calibrator's probability, and the predicted label, under
/// ML.NET's column names and types (<c>Score</c>, <c>Probability</c>, <c>PredictedLabel</c>).
/// </summary>
internal sealed class PredictionConverter : IOnnxStageConverter
{
    private const string Score = "Score", Probability = "Probability", PredictedLabel = "PredictedLabel";

    public bool CanConvert(ITransformer stage) => stage is ISingleFeaturePredictionTransformer<object>
        && stage.GetType().IsGenericType
        && (stage.GetType().GetGenericTypeDefinition() == typeof(BinaryPredictionTransformer<>)
            || stage.GetType().GetGenericTypeDefinition() == typeof(RegressionPredictionTransformer<>)
            || stage.GetType().GetGenericTypeDefinition() == typeof(MulticlassPredictionTransformer<>));

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        var prediction = (ISingleFeaturePredictionTransformer<object>)stage;
        if (prediction.FeatureColumnName is null)
        {
            throw OnnxExporter.Unsupported(stage, input, output, $"the model {prediction.Model.GetType().Name} reads no feature column");
        }

        var features = context.Column(prediction.FeatureColumnName, stage);
        if (features.ItemType != NumberDataViewType.Single || features.Width == 0)
        {
            throw OnnxExporter.Unsupported(stage, input, output, $"feature column '{prediction.FeatureColumnName}' is {features.Type}; a Single vector of known size is needed");
        }

        var kind = stage.GetType().GetGenericTypeDefinition();
        if (kind == typeof(BinaryPredictionTransformer<>))
        {
            ConvertBinary(context, stage, prediction.Model, features, input, output);
        }
        else if (kind == typeof(RegressionPredictionTransformer<>))
        {
            string score = ScoreConverters.RawScore(context.Graph, prediction.Model, features, stage, input, output);
            context.SetColumn(Score, score, output[Score].Type);
        }
        else
        {
            ConvertMulticlass(context, stage, prediction.Model, features, input, output);
        }
    }

    private static void ConvertBinary(OnnxConversionContext context, ITransformer stage, object model, OnnxColumn features,
        DataViewSchema input, DataViewSchema output)
    {
        var g = context.Graph;
        var (score, probability) = ScoreConverters.ScoreAndProbability(g, model, features, stage, input, output);
        context.SetColumn(Score, score, output[Score].Type);
        if (output.GetColumnOrNull(Probability) is { } probabilityColumn && input.GetColumnOrNull(Probability)?.Index != probabilityColumn.Index)
        {
            if (probability is null)
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"the model {model.GetType().Name} has no calibrator to give '{Probability}'");
            }

            context.SetColumn(Probability, probability, probabilityColumn.Type);
        }

        if (output.GetColumnOrNull(PredictedLabel) is { } labelColumn)
        {
            if (labelColumn.Type is not BooleanDataViewType)
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"'{PredictedLabel}' is {labelColumn.Type}; Boolean labels are exported");
            }

            var (threshold, thresholdColumn) = MlNetInternals.BinaryThreshold(stage);
            string compared = thresholdColumn switch
            {
                Score => score,
                Probability when probability is not null => probability,
                _ => throw OnnxExporter.Unsupported(stage, input, output, $"the threshold applies to column '{thresholdColumn}'"),
            };
            // ML.NET's binary scorer: PredictedLabel = value > threshold.
            string label = g.Node("Greater", [compared, g.Constant("threshold", [threshold], 1)], PredictedLabel);
            context.SetColumn(PredictedLabel, label, labelColumn.Type);
        }
    }

    private static void ConvertMulticlass(OnnxConversionContext context, ITransformer stage, object model, OnnxColumn features,
        DataViewSchema input, DataViewSchema output)
    {
        string scores = model switch
        {
            // Maximum entropy (multinomial logistic regression): softmax(W·x + b).
            MaximumEntropyModelParameters maximumEntropy => context.Graph.Node("Softmax",
                [LinearScores(context.Graph, maximumEntropy, features, stage, input, output)], Score, ("axis", 1L)),
            // Linear multiclass models without calibration (SDCA non-calibrated): the scores W·x + b themselves.
            LinearMulticlassModelParameters linear => LinearScores(context.Graph, linear, features, stage, input, output),
            OneVersusAllModelParameters oneVersusAll => OneVersusAllScores(context.Graph, oneVersusAll, features, stage, input, output),
            _ => throw OnnxExporter.Unsupported(stage, input, output, $"the multiclass model {model.GetType().Name} is not exported"),
        };
        context.SetColumn(Score, scores, output[Score].Type);

        if (output.GetColumnOrNull(PredictedLabel) is { } labelColumn)
        {
            // ML.NET picks the first class with the highest score, as ArgMax does; keys number classes from 1.
            var g = context.Graph;
            string index = g.Node("ArgMax", [scores], "argmax", ("axis", 1L), ("keepdims", 1L));
            string key = g.Node("Add", [index, g.Constant("one", new long[] { 1 }, 1)], PredictedLabel);
            context.SetColumn(PredictedLabel, key, labelColumn.Type);
        }
    }

    private static string LinearScores(OnnxGraphBuilder g, LinearMulticlassModelParametersBase model, OnnxColumn features,
        ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        VBuffer<float>[] weights = [];
        model.GetWeights(ref weights, out int classes);
        var biases = model.GetBiases().ToArray();
        int k = features.Width;
        var matrix = new float[k * classes];
        for (int c = 0; c < classes; c++)
        {
            var dense = weights[c].DenseValues().ToArray();
            if (dense.Length != k)
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"class {c} has {dense.Length} weights for {k} features");
            }

            for (int j = 0; j < k; j++)
            {
                matrix[j * classes + c] = dense[j];
            }
        }

        string product = g.Node("MatMul", [features.Tensor!, g.Constant("multiclass_weights", matrix, k, classes)], "multiclass_product");
        return g.Node("Add", [product, g.Constant("multiclass_biases", biases, classes)], "multiclass_scores");
    }

    /// <summary>
    /// One-versus-all: one binary model per class, combined as ML.NET's formula says: raw scores side by side;
    /// softmax of the scores; or the calibrated probabilities, negatives set to 0, divided by their sum when it
    /// is positive.
    /// </summary>
    private static string OneVersusAllScores(OnnxGraphBuilder g, OneVersusAllModelParameters model, OnnxColumn features,
        ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        var (models, formula) = MlNetInternals.OneVersusAll(model);
        var parts = models.Select(m => ScoreConverters.ScoreAndProbability(g, m, features, stage, input, output)).ToArray();
        switch (formula)
        {
            case "Raw":
                return g.Node("Concat", parts.Select(p => p.Score), "ova_scores", ("axis", 1L));
            case "Softmax":
                return g.Node("Softmax", [g.Node("Concat", parts.Select(p => p.Score), "ova_scores", ("axis", 1L))], Score, ("axis", 1L));
            case "ProbabilityNormalization":
                if (parts.Any(p => p.Probability is null))
                {
                    throw OnnxExporter.Unsupported(stage, input, output, "a one-versus-all class model has no calibrator");
                }

                string probabilities = g.Node("Concat", parts.Select(p => p.Probability!), "ova_probabilities", ("axis", 1L));
                string zero = g.Constant("ova_zero", [0f], 1);
                string clamped = g.Node("Max", [probabilities, zero], "ova_clamped");
                string sum = g.Node("ReduceSum", [clamped, g.Constant("ova_axis", new long[] { 1 }, 1)], "ova_sum", ("keepdims", 1L));
                string positive = g.Node("Greater", [sum, zero], "ova_positive");
                string divided = g.Node("Div", [clamped, sum], "ova_divided");
                return g.Node("Where", [positive, divided, clamped], Score);
            default:
                throw OnnxExporter.Unsupported(stage, input, output, $"the one-versus-all output formula {formula} is not exported");
        }
    }
}

/// <summary>A calibrator stage (<c>BinaryClassification.Calibrators.Platt()</c> and the like): <c>Probability</c> from the score column.</summary>
internal sealed class CalibratorStageConverter : IOnnxStageConverter
{
    public bool CanConvert(ITransformer stage)
    {
        for (var type = stage.GetType(); type != null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Calibrators.CalibratorTransformer<>))
            {
                return true;
            }
        }

        return false;
    }

    public void Convert(OnnxConversionContext context, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        var (calibrator, scoreColumn) = MlNetInternals.CalibratorStage(stage);
        var score = context.Column(scoreColumn, stage);
        string probability = ScoreConverters.Calibrate(context.Graph, calibrator, score.Tensor!, stage, input, output);
        context.SetColumn("Probability", probability, output["Probability"].Type);
    }
}
