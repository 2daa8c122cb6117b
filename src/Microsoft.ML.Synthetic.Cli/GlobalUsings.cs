// The library namespaces the tool uses, in one place: when the public surface moves everything into
// Microsoft.ML.Synthetic, only this file changes.
global using Microsoft.ML;
global using Microsoft.ML.Synthetic;
global using Microsoft.ML.Synthetic.Data;
global using Microsoft.ML.Synthetic.Evaluation;
global using Microsoft.ML.Synthetic.Evaluation.Utility;
global using Microsoft.ML.Synthetic.IO;
global using Microsoft.ML.Synthetic.Privacy.Ledger;

