using Microsoft.ML.Synthetic.Synthesizers.ModelFiles;

namespace Microsoft.ML.Synthetic.Synthesizers.Mst;

/// <summary>The privacy ledger entries in a marginal synthesizer's model file (MST, AIM): step, mechanism, ε, δ, ρ (NaN for none), not-private reason.</summary>
internal static class LedgerRecords
{
    public static void Write(BinaryWriter writer, IReadOnlyList<PrivacyLedgerEntry> entries)
    {
        writer.Write(entries.Count);
        foreach (var e in entries)
        {
            writer.Write(e.Step);
            writer.Write(e.Mechanism);
            writer.Write(e.Epsilon);
            writer.Write(e.Delta);
            writer.Write(e.Rho ?? double.NaN);
            writer.Write(e.NotPrivateReason ?? string.Empty);
        }
    }

    public static PrivacyLedgerEntry[] Read(ModelReader reader)
    {
        var ledger = new PrivacyLedgerEntry[reader.ReadInt32("ledger entries", 0, 16)];
        for (int i = 0; i < ledger.Length; i++)
        {
            string step = reader.ReadString("ledger step"), mechanism = reader.ReadString("ledger mechanism");
            double epsilon = reader.ReadFinite("ledger ε"), delta = reader.ReadFinite("ledger δ"), rho = reader.ReadDouble("ledger ρ");
            string reason = reader.ReadString("ledger reason");
            ledger[i] = new PrivacyLedgerEntry(step, mechanism, epsilon, delta, double.IsNaN(rho) ? null : rho) { NotPrivateReason = reason.Length == 0 ? null : reason };
        }

        return ledger;
    }
}
