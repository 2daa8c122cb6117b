using System.Globalization;
using Microsoft.ML.Synthetic.Synthesizers.Deep;
using static TorchSharp.torch;

namespace Microsoft.ML.Synthetic.Privacy.DpSgd;

/// <summary>
/// The DP-SGD side of a deep synthesizer's training step (Abadi et al. 2016): the <see cref="DpSgdEngine"/> on the
/// network that sees the private rows, with the noise multiplier given or searched so that the planned steps spend at
/// most the target ε at δ; the loop stops before a step that would exceed it. Each epoch's figures carry the caveat
/// that only ε is covered by the guarantee; after training, the spent ε is checked and the ledger written (the
/// public-metadata encoding, which spends nothing, then the DP-SGD steps).
/// </summary>
internal abstract class DpSgdTrainingStep : TrainingStep
{
    private readonly DifferentialPrivacyOptions _privacy;
    private readonly long _allowed;

    /// <param name="model">The network whose gradients on private rows are clipped and noised.</param>
    /// <param name="rowCount">N, the private rows.</param>
    /// <param name="batchSize">The expected Poisson batch size B (q = B/N).</param>
    /// <param name="plannedSteps">The noisy steps of the planned epochs.</param>
    /// <param name="privacy">ε or σ, δ, C and the not-private seed.</param>
    /// <param name="clipping">Flat or per-layer clipping (both bound the row gradient by C).</param>
    /// <param name="name">The step's name in the ledger.</param>
    /// <param name="monitor">Where the noise multiplier and the stopping are reported.</param>
    protected DpSgdTrainingStep(nn.Module model, int rowCount, int batchSize, long plannedSteps, DifferentialPrivacyOptions privacy, DpSgdClipping clipping, string name, TrainingMonitor monitor)
    {
        Monitor = monitor;
        _privacy = privacy;
        PlannedSteps = plannedSteps;
        Engine = new DpSgdEngine(model, rowCount, new DpSgdOptions
        {
            BatchSize = batchSize,
            MaxGradNorm = privacy.MaxGradNorm,
            Clipping = clipping,
            TargetEpsilon = privacy.Epsilon,
            NoiseMultiplier = privacy.Epsilon is null ? privacy.NoiseMultiplier : null,
            Delta = privacy.Delta!.Value,
            PlannedSteps = plannedSteps,
            NonPrivateReproducibleSeed = privacy.NonPrivateReproducibleSeed,
            Accountant = privacy.Accountant,
        }, name);
        _allowed = Engine.StepsWithinTarget();
        monitor.Info(string.Create(CultureInfo.InvariantCulture, $"{name}: noise multiplier {Engine.NoiseMultiplier:G6} for {plannedSteps} planned steps at q = {Engine.SampleRate:G6}, target ε = {privacy.Epsilon?.ToString(CultureInfo.InvariantCulture) ?? "none (σ given)"}, δ = {privacy.Delta}."));
    }

    protected DpSgdEngine Engine { get; }

    protected TrainingMonitor Monitor { get; }

    protected long PlannedSteps { get; }

    /// <summary>The ledger entry of the encoding built from declared public metadata (it spends nothing).</summary>
    protected abstract PrivacyLedgerEntry EncodingEntry { get; }

    public override bool CanStep => Engine.StepsTaken < _allowed;

    public override string? Note => DpTrainingRandomness.DiagnosticsNote;

    public override Func<string, bool>? Keep => DpTrainingRandomness.IsCovered;

    public override IReadOnlyList<PrivacyLedgerEntry> Finish()
    {
        if (_privacy.Epsilon is double limit && Engine.Epsilon() > limit)
        {
            throw new InvalidOperationException($"DP-SGD spent ε = {Engine.Epsilon()}, above the target {limit}.");
        }

        if (Engine.StepsTaken < PlannedSteps)
        {
            Monitor.Warn($"DP-SGD stopped after {Engine.StepsTaken} of {PlannedSteps} planned steps: one more step would exceed ε = {_privacy.Epsilon}.");
        }

        return [EncodingEntry, .. Engine.PrivacyLedgerEntries];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Engine.Dispose();
        }

        base.Dispose(disposing);
    }
}
