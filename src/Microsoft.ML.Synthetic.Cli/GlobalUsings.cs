// The library's public surface: the entry extension in Microsoft.ML, every public type in Microsoft.ML.Synthetic.
global using Microsoft.ML;
global using Microsoft.ML.Synthetic;
