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
        var (subModel, calibrator) = model is CalibratedModelParametersBase calibrated
            ? (calibrated.SubModel, calibrated.Calibrator)
            : (model, null);
        string score = ScoreConverters.RawScore(g, subModel, features, stage, input, output);
        context.SetColumn(Score, score, output[Score].Type);

        string? probability = null;
        if (calibrator is not null && output.GetColumnOrNull(Probability) is { } probabilityColumn)
        {
            if (calibrator is not PlattCalibrator platt)
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"the calibrator {calibrator.GetType().Name} is not exported (Platt calibrators are)");
            }

            // ML.NET's Platt calibrator: p = 1 / (1 + exp(slope·s + offset)) = sigmoid(-slope·s - offset).
            string scaled = g.Node("Mul", [score, g.Constant("platt_neg_slope", [(float)-platt.Slope], 1)], "platt_scaled");
            string shifted = g.Node("Add", [scaled, g.Constant("platt_neg_offset", [(float)-platt.Offset], 1)], "platt_logit");
            probability = g.Node("Sigmoid", [shifted], Probability);
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
        var g = context.Graph;
        if (model is not MaximumEntropyModelParameters maximumEntropy)
        {
            throw OnnxExporter.Unsupported(stage, input, output, $"the multiclass model {model.GetType().Name} is not exported (maximum entropy models are)");
        }

        VBuffer<float>[] weights = [];
        maximumEntropy.GetWeights(ref weights, out int classes);
        var biases = maximumEntropy.GetBiases().ToArray();
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

        // Maximum entropy (multinomial logistic regression): softmax(W·x + b).
        string logits = g.Node("Add", [g.Node("MatMul", [features.Tensor!, g.Constant("maxent_weights", matrix, k, classes)], "maxent_product"),
            g.Constant("maxent_biases", biases, classes)], "maxent_logits");
        string scores = g.Node("Softmax", [logits], Score, ("axis", 1L));
        context.SetColumn(Score, scores, output[Score].Type);

        if (output.GetColumnOrNull(PredictedLabel) is { } labelColumn)
        {
            // ML.NET picks the first class with the highest score, as ArgMax does; keys number classes from 1.
            string index = g.Node("ArgMax", [scores], "argmax", ("axis", 1L), ("keepdims", 1L));
            string key = g.Node("Add", [index, g.Constant("one", new long[] { 1 }, 1)], PredictedLabel);
            context.SetColumn(PredictedLabel, key, labelColumn.Type);
        }
    }
}
