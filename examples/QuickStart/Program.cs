using Microsoft.ML;

Console.WriteLine("QuickStart");
var ml = new MLContext(seed: 42);
var adult = QualityReportStep.LoadAdult(ml);
var split = ml.Data.TrainTestSplit(adult, testFraction: 0.2, seed: 42);

// Stand-in until a synthesizer is fitted here: half of the real holdout scored as if it were synthetic (the best
// a synthesizer can do), the other half kept as the holdout. Replace `synthetic` with samples of a synthesizer
// fitted on split.TrainSet (e.g. copula.Sample(32_561, seed: 7)) and pass split.TestSet as the holdout.
var halves = ml.Data.TrainTestSplit(split.TestSet, testFraction: 0.5, seed: 42);
IDataView synthetic = halves.TrainSet, holdout = halves.TestSet;
QualityReportStep.Run(ml, split.TrainSet, synthetic, holdout, outputDirectory: ".");
