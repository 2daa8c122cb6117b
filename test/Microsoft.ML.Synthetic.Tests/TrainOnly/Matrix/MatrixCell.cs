using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Synthetic.TrainOnly;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Synthetic.Tests.TrainOnly.Matrix;

/// <summary>One stage of the matrix with its data, the pipelines of each composition, and the shared checks.</summary>
internal sealed class MatrixCell
{
    public MatrixCell(MatrixStage stage)
    {
        Stage = stage;
        Ml = new MLContext(seed: 1);
        Rows = MatrixData.Table();
        Data = MatrixData.View(Ml, Rows, stage.Columns);
        Real = Read(Data);
        var byText = Real.Zip(Rows).GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.First().Second);
        RowsAreUnique = byText.Count == Real.Count;
        Expectations = new MatrixExpectations(Ml, stage, byText);
        StageName = ((TrainOnlyTransformerBase)stage.Create(Ml).Fit(Data)).StageName;
    }

    public MatrixStage Stage { get; }

    public MLContext Ml { get; }

    public List<MatrixRow> Rows { get; }

    public IDataView Data { get; }

    public List<string> Real { get; }

    public string StageName { get; }

    /// <summary>Whether every row is distinct over the stage's columns (false for the categorical-only data of SMOTEN).</summary>
    public bool RowsAreUnique { get; }

    private MatrixExpectations Expectations { get; }

    public List<string> Read(IDataView view) => MatrixData.Read(view, Stage.Columns);

    /// <summary>
    /// The pipeline of <paramref name="composition"/> with spies after the stage (inside and outside the stage's chain),
    /// checked to hold the stage as deep in nested estimator chains as the composition says.
    /// </summary>
    public (IEstimator<ITransformer> Pipeline, RowSpy[] Spies) Build(Composition composition)
    {
        var (pipeline, spies, stage) = BuildCore(composition);
        int depth = ChainDepth(pipeline, stage);
        int expected = composition switch
        {
            Composition.FlatAppend => 1,
            Composition.DeepNesting => 4,
            _ => 2,
        };
        Assert.AreEqual(expected, depth, $"{composition}: the stage sits in {depth} levels of estimator chains");
        return (pipeline, spies);
    }

    /// <summary>How many estimator chains enclose <paramref name="stage"/> (0 when absent).</summary>
    public static int ChainDepth(object estimator, object stage)
    {
        if (ReferenceEquals(estimator, stage))
        {
            return 0;
        }

        var type = estimator.GetType();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(EstimatorChain<>))
        {
            return -1;
        }

        var inner = (IEnumerable<object>)type.GetField("_estimators", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(estimator)!;
        int found = inner.Select(e => ChainDepth(e, stage)).DefaultIfEmpty(-1).Max();
        return found < 0 ? -1 : found + 1;
    }

    private (IEstimator<ITransformer> Pipeline, RowSpy[] Spies, object Stage) BuildCore(Composition composition)
    {
        var ml = Ml;
        var stage = Stage.Create(ml);
        var inner = new RowSpy(ml, Stage.Columns);
        var outer = new RowSpy(ml, Stage.Columns);
        ColumnSelectingEstimator Select() => ml.Transforms.SelectColumns(Stage.Columns);
        ColumnCopyingEstimator Copy(string name) => ml.Transforms.CopyColumns(name, Stage.Columns[0]);
        switch (composition)
        {
            case Composition.FlatAppend:
                return (stage.Append(inner), [inner], stage);
            case Composition.ChainAppendedToChain:
            {
                var stageChain = new EstimatorChain<ITransformer>().Append(Select()).Append(stage).Append(inner);
                return (new EstimatorChain<ITransformer>().Append(Copy("C1")).Append(stageChain).Append(outer), [inner, outer], stage);
            }

            case Composition.AppendExtension:
            {
                IEstimator<ITransformer> prep = stage.Append(Copy("C1"));
                return (prep.Append(outer), [outer], stage);
            }

            case Composition.InnerChainFirst:
            {
                IEstimator<ITransformer> prep = stage.Append(inner).Append(Copy("C1"));
                return (prep.Append(outer), [inner, outer], stage);
            }

            case Composition.InnerChainMiddle:
            {
                IEstimator<ITransformer> prep = Select().Append(stage).Append(inner).Append(Copy("C1"));
                return (prep.Append(outer), [inner, outer], stage);
            }

            case Composition.InnerChainLast:
            {
                // The stage's own type is not known here, so the extension would flatten Select().Append(stage):
                // nest it explicitly, as the Append extension does for a concretely typed stage.
                var prep = Select().Append(stage);
                return (new EstimatorChain<ITransformer>().Append(prep).Append(outer), [outer], stage);
            }

            case Composition.DeepNesting:
            {
                IEstimator<ITransformer> level1 = Select().Append(stage).Append(inner);
                IEstimator<ITransformer> level2 = level1.Append(Copy("C1"));
                IEstimator<ITransformer> level3 = Select().Append(level2);
                IEstimator<ITransformer> level4 = level3.Append(Copy("C2"));
                return (level4.Append(outer), [inner, outer], stage);
            }

            case Composition.CacheCheckpoints:
            {
                IEstimator<ITransformer> prep = Select().AppendCacheCheckpoint(ml).Append(stage).AppendCacheCheckpoint(ml).Append(inner);
                return (prep.Append(Copy("C1")).Append(outer), [inner, outer], stage);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(composition), composition, "built by the test itself");
        }
    }

    /// <summary>Every spy saw, at fit i, the stage's rows for the real rows <paramref name="realPerFit"/>[i]; all spies the same rows.</summary>
    public void CheckFits(IReadOnlyList<RowSpy> spies, IReadOnlyList<List<string>> realPerFit, string where)
    {
        foreach (var spy in spies)
        {
            Assert.AreEqual(realPerFit.Count, spy.Fits.Count, $"{Stage.Name}, {where}: fits seen by a spy");
        }

        for (int i = 0; i < realPerFit.Count; i++)
        {
            var seen = spies[0].Fits[i];
            Expectations.Check(realPerFit[i], seen, $"{Stage.Name}, {where}, fit {i + 1}");
            foreach (var spy in spies.Skip(1))
            {
                CollectionAssert.AreEqual(seen, spy.Fits[i], $"{Stage.Name}, {where}, fit {i + 1}: every later stage sees the same rows (the same noise)");
            }
        }
    }

    /// <summary>The fitted model scores exactly the rows it is given (the training data included), and its ledger has one entry per DP fit.</summary>
    public void CheckModel(ITransformer model, IDataView train, List<string> trainRows, int fits)
    {
        CollectionAssert.AreEqual(trainRows, Read(model.Transform(train)), $"{Stage.Name}: Transform(train) after Fit returns train");
        var other = MatrixData.View(Ml, Rows.Take(7), Stage.Columns);
        CollectionAssert.AreEqual(Read(other), Read(model.Transform(other)), $"{Stage.Name}: scoring other rows returns them");
        var ledger = Ml.Synthetic().Privacy.Ledger(model);
        Assert.AreEqual(Stage.IsDp ? fits : 0, ledger.Entries.Count, $"{Stage.Name}: ledger entries = DP fits");
        Assert.AreEqual(fits * Stage.Epsilon, ledger.TotalEpsilon, 1e-12);
    }
}
