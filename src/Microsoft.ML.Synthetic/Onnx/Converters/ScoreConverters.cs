using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Microsoft.ML.Synthetic.Onnx.Converters;

/// <summary>The raw score (shape <c>[N, 1]</c>) of the supported binary and regression models.</summary>
internal static class ScoreConverters
{
    /// <summary>Adds the nodes that compute <paramref name="model"/>'s score of <paramref name="features"/>.</summary>
    public static string RawScore(OnnxGraphBuilder g, object model, OnnxColumn features, ITransformer stage,
        DataViewSchema input, DataViewSchema output) => model switch
    {
        LinearBinaryModelParameters or LinearRegressionModelParameters => Linear(g, (LinearModelParameters)model, features, stage, input, output),
        // Poisson regression predicts exp(w·x + b); FastTree's Tweedie regression exp of the tree sum.
        PoissonRegressionModelParameters poisson => g.Node("Exp", [Linear(g, poisson, features, stage, input, output)], "Score"),
        GamModelParametersBase gam => Gam(g, gam, features, stage, input, output),
        FastTreeTweedieModelParameters tweedie => g.Node("Exp", [Trees(g, tweedie.TrainedTreeEnsemble, average: false, features, stage, input, output)], "Score"),
        FastTreeBinaryModelParameters or FastTreeRegressionModelParameters or LightGbmBinaryModelParameters or LightGbmRegressionModelParameters =>
            Trees(g, ((TreeEnsembleModelParametersBasedOnRegressionTree)model).TrainedTreeEnsemble, average: false, features, stage, input, output),
        // FastForest: the binary score is the sum of the trees, the regression score their mean (as ML.NET scores them).
        FastForestBinaryModelParameters forest => Trees(g, forest.TrainedTreeEnsemble, average: false, features, stage, input, output),
        FastForestRegressionModelParameters forest => Trees(g, forest.TrainedTreeEnsemble, average: true, features, stage, input, output),
        _ => throw OnnxExporter.Unsupported(stage, input, output, $"the model {model.GetType().Name} is not exported"),
    };

    /// <summary>
    /// A score and, for a calibrated model, its probability: ML.NET's Platt calibrator gives
    /// p = 1 / (1 + exp(slope·s + offset)) = sigmoid(-slope·s - offset).
    /// </summary>
    public static (string Score, string? Probability) ScoreAndProbability(OnnxGraphBuilder g, object model, OnnxColumn features,
        ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        if (model is not Calibrators.CalibratedModelParametersBase calibrated)
        {
            return (RawScore(g, model, features, stage, input, output), null);
        }

        string score = RawScore(g, calibrated.SubModel, features, stage, input, output);
        return (score, Calibrate(g, calibrated.Calibrator, score, stage, input, output));
    }

    /// <summary>
    /// The probability a calibrator gives a score, as ML.NET computes it: Platt, p = 1 / (1 + exp(slope·s + offset))
    /// = sigmoid(-slope·s - offset); naive (binning), the probability of bin clamp(⌊(s - min) / size⌋); isotonic
    /// (pool-adjacent-violators), the value of the block holding s, linearly interpolated between blocks, clamped to
    /// [1e-15, 1]. A NaN score stays NaN.
    /// </summary>
    public static string Calibrate(OnnxGraphBuilder g, object calibrator, string score, ITransformer stage, DataViewSchema input, DataViewSchema output)
    {
        switch (calibrator)
        {
            case Calibrators.PlattCalibrator platt:
                string scaled = g.Node("Mul", [score, g.Constant("platt_neg_slope", [(float)-platt.Slope], 1)], "platt_scaled");
                string shifted = g.Node("Add", [scaled, g.Constant("platt_neg_offset", [(float)-platt.Offset], 1)], "platt_logit");
                return g.Node("Sigmoid", [shifted], "Probability");
            case Calibrators.NaiveCalibrator naive when naive.BinProbs.Count > 0:
                return KeepNaN(g, score, Naive(g, naive, WithoutNaN(g, score)));
            case Calibrators.IsotonicCalibrator isotonic when isotonic.Mins.Length > 0:
                return KeepNaN(g, score, Isotonic(g, isotonic, WithoutNaN(g, score)));
            default:
                throw OnnxExporter.Unsupported(stage, input, output, $"the calibrator {calibrator.GetType().Name} is not exported (Platt, naive and isotonic calibrators are)");
        }
    }

    private static string WithoutNaN(OnnxGraphBuilder g, string x) =>
        g.Node("Where", [g.Node("IsNaN", [x], "score_is_nan"), g.Constant("zero", [0f], 1), x], "score_no_nan");

    private static string KeepNaN(OnnxGraphBuilder g, string score, string probability) =>
        g.Node("Where", [g.Node("IsNaN", [score], "score_is_nan"), score, probability], "Probability");

    private static string Naive(OnnxGraphBuilder g, Calibrators.NaiveCalibrator naive, string score)
    {
        var probabilities = naive.BinProbs.ToArray();
        string shifted = g.Node("Sub", [score, g.Constant("naive_min", [naive.Min], 1)], "naive_shifted");
        string bin = g.Node("Floor", [g.Node("Div", [shifted, g.Constant("naive_bin_size", [naive.BinSize], 1)], "naive_position")], "naive_floor");
        string clipped = g.Node("Clip", [bin, g.Constant("naive_first", [0f]), g.Constant("naive_last", [(float)(probabilities.Length - 1)])], "naive_clipped");
        string index = g.Node("Cast", [clipped], "naive_index", ("to", CastTargets.Int64));
        return g.Node("Gather", [g.Constant("naive_probabilities", probabilities, probabilities.Length), index], "naive_probability", ("axis", 0L));
    }

    private static string Isotonic(OnnxGraphBuilder g, Calibrators.IsotonicCalibrator isotonic, string score)
    {
        float[] mins = [.. isotonic.Mins], maxes = [.. isotonic.Maxes], values = [.. isotonic.Values];
        int n = mins.Length;
        // Scores below the first block or above the last take its value: clipping to [mins[0], maxes[n-1]] does that.
        string s = g.Node("Clip", [score, g.Constant("pav_low", [mins[0]]), g.Constant("pav_high", [maxes[n - 1]])], "pav_score");
        string minsC = g.Constant("pav_mins", mins, n), maxesC = g.Constant("pav_maxes", maxes, n), valuesC = g.Constant("pav_values", values, n);
        // index = the number of block maxima below s (ML.NET's FindIndexSorted on the maxima).
        string below = g.Node("Cast", [g.Node("Less", [g.Constant("pav_maxes_row", maxes, 1, n), s], "pav_below")], "pav_below_float", ("to", CastTargets.Float));
        string count = g.Node("ReduceSum", [below, g.Constant("pav_axis", new long[] { 1 }, 1)], "pav_count", ("keepdims", 1L));
        string index = g.Node("Cast", [count], "pav_index", ("to", CastTargets.Int64));
        string previous = g.Node("Max", [g.Node("Sub", [index, g.Constant("pav_one", new long[] { 1 }, 1)], "pav_index_minus_one"), g.Constant("pav_zero", new long[] { 0 }, 1)], "pav_previous");
        string minAt = g.Node("Gather", [minsC, index], "pav_min_at", ("axis", 0L));
        string valueAt = g.Node("Gather", [valuesC, index], "pav_value_at", ("axis", 0L));
        string maxBefore = g.Node("Gather", [maxesC, previous], "pav_max_before", ("axis", 0L));
        string valueBefore = g.Node("Gather", [valuesC, previous], "pav_value_before", ("axis", 0L));
        string t = g.Node("Div", [g.Node("Sub", [s, maxBefore], "pav_over"), g.Node("Sub", [minAt, maxBefore], "pav_gap")], "pav_t");
        string interpolated = g.Node("Add", [valueBefore, g.Node("Mul", [t, g.Node("Sub", [valueAt, valueBefore], "pav_rise")], "pav_step")], "pav_interpolated");
        string inBlock = g.Node("GreaterOrEqual", [s, minAt], "pav_in_block");
        string value = g.Node("Where", [inBlock, valueAt, interpolated], "pav_value");
        return g.Node("Clip", [value, g.Constant("pav_floor", [1e-15f]), g.Constant("pav_ceiling", [1f])], "pav_probability");
    }

    /// <summary>A linear model: <c>w·x + b</c>.</summary>
    private static string Linear(OnnxGraphBuilder g, LinearModelParameters model, OnnxColumn features, ITransformer stage,
        DataViewSchema input, DataViewSchema output)
    {
        var weights = model.Weights.ToArray();
        if (weights.Length != features.Width)
        {
            throw OnnxExporter.Unsupported(stage, input, output, $"the model has {weights.Length} weights for {features.Width} features");
        }

        string product = g.Node("MatMul", [features.Tensor!, g.Constant("linear_weights", weights, weights.Length, 1)], "linear_product");
        return g.Node("Add", [product, g.Constant("linear_bias", [model.Bias], 1)], "Score");
    }

    /// <summary>
    /// A tree ensemble as an <c>ai.onnx.ml</c> <c>TreeEnsembleRegressor</c>: ML.NET sends a row to the left child
    /// when <c>x[feature] ≤ threshold</c> (BRANCH_LEQ, true branch = left; a NaN feature goes where ML.NET sends it; categorical splits become
    /// chains of tests); the score is the bias
    /// plus the weighted sum of the leaves, divided by the tree count for FastForest regression.
    /// </summary>
    private static string Trees<TTree>(OnnxGraphBuilder g, TreeEnsemble<TTree> ensemble, bool average, OnnxColumn features,
        ITransformer stage, DataViewSchema input, DataViewSchema output)
        where TTree : RegressionTreeBase
    {
        var treeIds = new List<long>();
        var nodeIds = new List<long>();
        var featureIds = new List<long>();
        var modes = new List<string>();
        var values = new List<double>();
        var trueIds = new List<long>();
        var missingTracksTrue = new List<long>();
        var falseIds = new List<long>();
        var targetTrees = new List<long>();
        var targetNodes = new List<long>();
        var targetWeights = new List<double>();

        for (int t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            double weight = ensemble.TreeWeights[t];
            int interior = tree.NumberOfNodes;
            // Node ids: interior nodes keep ML.NET's numbers, leaf i is interior + i, and the extra nodes a
            // categorical split needs come after the leaves.
            long nextExtra = interior + tree.NumberOfLeaves;
            long Id(int child) => child < 0 ? interior + ~child : child;
            int CheckFeature(int feature) => feature < features.Width
                ? feature
                : throw OnnxExporter.Unsupported(stage, input, output, $"tree {t} splits on feature {feature} of {features.Width}");
            void Branch(long id, string mode, int feature, double threshold, long whenTrue, long whenFalse, bool missingIsTrue)
            {
                treeIds.Add(t);
                nodeIds.Add(id);
                featureIds.Add(CheckFeature(feature));
                modes.Add(mode);
                values.Add(threshold);
                trueIds.Add(whenTrue);
                falseIds.Add(whenFalse);
                missingTracksTrue.Add(missingIsTrue ? 1 : 0);
            }

            // ML.NET replaces a NaN feature by the node's default value (LightGbm models) or keeps it; ONNX sends
            // NaN to the true branch where the flag is 1.
            var missingValues = MlNetInternals.DefaultValueForMissing(tree);
            for (int n = 0; n < interior; n++)
            {
                float? missing = missingValues?[n];
                if (!tree.CategoricalSplitFlags[n])
                {
                    float threshold = tree.NumericalSplitThresholds[n];
                    // NaN ≤ t is false (right) unless a default value replaces it.
                    Branch(n, "BRANCH_LEQ", tree.NumericalSplitFeatureIndexes[n], threshold, Id(tree.LeftChild[n]), Id(tree.RightChild[n]),
                        missing is { } d && d <= threshold);
                    continue;
                }

                // A categorical split goes right when any of its features is > 0, else left: a chain of
                // "x[f] > 0" tests, each going right when true and on to the next test when false (ONNX Runtime
                // lets true branches share a node, false branches must not). A NaN value (not > 0) goes on,
                // unless its default value is > 0.
                var categories = tree.GetCategoricalSplitFeaturesAt(n);
                if (categories.Count == 0)
                {
                    throw OnnxExporter.Unsupported(stage, input, output, $"tree {t} has a categorical split without features");
                }

                bool missingGoesRight = missing is { } m && m > 0;
                long id = n;
                for (int c = 0; c < categories.Count; c++)
                {
                    long next = c == categories.Count - 1 ? Id(tree.LeftChild[n]) : nextExtra++;
                    Branch(id, "BRANCH_GT", categories[c], 0, Id(tree.RightChild[n]), next, missingGoesRight);
                    id = next;
                }
            }

            for (int leaf = 0; leaf < tree.NumberOfLeaves; leaf++)
            {
                long id = interior + leaf;
                treeIds.Add(t);
                nodeIds.Add(id);
                featureIds.Add(0);
                modes.Add("LEAF");
                values.Add(0);
                trueIds.Add(0);
                falseIds.Add(0);
                missingTracksTrue.Add(0);
                targetTrees.Add(t);
                targetNodes.Add(id);
                targetWeights.Add(tree.LeafValues[leaf] * weight);
            }
        }

        // ML.NET adds the leaves in double and rounds the total to Single: with double input (exact for Single
        // features) and double thresholds, leaves and bias, ONNX Runtime does the same.
        string doubles = g.Node("Cast", [features.Tensor!], "tree_features", ("to", (long)Protocol.TensorProto.Types.DataType.Double));
        string sum = g.MlNode("TreeEnsembleRegressor", [doubles], "tree_sum",
            ("n_targets", 1L), ("aggregate_function", "SUM"), ("post_transform", "NONE"),
            ("base_values_as_tensor", OnnxGraphBuilder.DoubleTensor([ensemble.Bias])),
            ("nodes_treeids", treeIds.ToArray()), ("nodes_nodeids", nodeIds.ToArray()), ("nodes_featureids", featureIds.ToArray()),
            ("nodes_modes", modes.ToArray()), ("nodes_values_as_tensor", OnnxGraphBuilder.DoubleTensor([.. values])),
            ("nodes_truenodeids", trueIds.ToArray()), ("nodes_falsenodeids", falseIds.ToArray()),
            ("nodes_missing_value_tracks_true", missingTracksTrue.ToArray()),
            ("target_treeids", targetTrees.ToArray()), ("target_nodeids", targetNodes.ToArray()),
            ("target_ids", new long[targetTrees.Count]), ("target_weights_as_tensor", OnnxGraphBuilder.DoubleTensor([.. targetWeights])));
        return average
            ? g.Node("Div", [sum, g.Constant("tree_count", [(float)ensemble.Trees.Count], 1)], "Score")
            : sum;
    }

    /// <summary>
    /// A generalized additive model (GAM): bias + Σ effect of the bin of each feature, the bin being the first whose
    /// upper bound is ≥ x (ML.NET's FindFirstGE). Each shape function becomes a balanced binary search tree of
    /// "x ≤ bound" tests in a <c>TreeEnsembleRegressor</c> on doubles, summed in double as ML.NET sums.
    /// </summary>
    private static string Gam(OnnxGraphBuilder g, GamModelParametersBase model, OnnxColumn features, ITransformer stage,
        DataViewSchema input, DataViewSchema output)
    {
        var treeIds = new List<long>();
        var nodeIds = new List<long>();
        var featureIds = new List<long>();
        var modes = new List<string>();
        var values = new List<double>();
        var trueIds = new List<long>();
        var falseIds = new List<long>();
        var targetTrees = new List<long>();
        var targetNodes = new List<long>();
        var targetWeights = new List<double>();
        var shapes = MlNetInternals.GamShapeFunctions(model);
        for (int t = 0; t < shapes.Length; t++)
        {
            var (feature, bounds, effects) = shapes[t];
            if (feature >= features.Width || effects.Length == 0 || bounds.Length != effects.Length)
            {
                throw OnnxExporter.Unsupported(stage, input, output, $"shape function {t} reads feature {feature} of {features.Width} with {bounds.Length} bounds and {effects.Length} effects");
            }

            long nextId = 0;
            long Build(int low, int high)
            {
                long id = nextId++;
                treeIds.Add(t);
                nodeIds.Add(id);
                if (low == high)
                {
                    featureIds.Add(0);
                    modes.Add("LEAF");
                    values.Add(0);
                    trueIds.Add(0);
                    falseIds.Add(0);
                    targetTrees.Add(t);
                    targetNodes.Add(id);
                    targetWeights.Add(effects[low]);
                    return id;
                }

                int mid = (low + high) / 2;
                int at = featureIds.Count;
                featureIds.Add(feature);
                modes.Add("BRANCH_LEQ");
                values.Add(bounds[mid]);
                trueIds.Add(0);
                falseIds.Add(0);
                trueIds[at] = Build(low, mid);
                falseIds[at] = Build(mid + 1, high);
                return id;
            }

            Build(0, effects.Length - 1);
        }

        if (shapes.Length == 0)
        {
            return g.Node("Add", [g.Node("Mul", [g.Node("ReduceSum", [features.Tensor!, g.Constant("gam_axis", new long[] { 1 }, 1)], "gam_zero_sum", ("keepdims", 1L)),
                g.Constant("gam_zero", [0f], 1)], "gam_zero"), g.Constant("gam_bias", [(float)model.Bias], 1)], "Score");
        }

        string doubles = g.Node("Cast", [features.Tensor!], "gam_features", ("to", (long)Protocol.TensorProto.Types.DataType.Double));
        return g.MlNode("TreeEnsembleRegressor", [doubles], "Score",
            ("n_targets", 1L), ("aggregate_function", "SUM"), ("post_transform", "NONE"),
            ("base_values_as_tensor", OnnxGraphBuilder.DoubleTensor([model.Bias])),
            ("nodes_treeids", treeIds.ToArray()), ("nodes_nodeids", nodeIds.ToArray()), ("nodes_featureids", featureIds.ToArray()),
            ("nodes_modes", modes.ToArray()), ("nodes_values_as_tensor", OnnxGraphBuilder.DoubleTensor([.. values])),
            ("nodes_truenodeids", trueIds.ToArray()), ("nodes_falsenodeids", falseIds.ToArray()),
            ("target_treeids", targetTrees.ToArray()), ("target_nodeids", targetNodes.ToArray()),
            ("target_ids", new long[targetTrees.Count]), ("target_weights_as_tensor", OnnxGraphBuilder.DoubleTensor([.. targetWeights])));
    }
}
