namespace Mindguard.Bench.Broadcast.FakeTelegram;

/// <summary>One phase of the benchmark (the app's broadcast, the naive sender): its rules and its record.</summary>
public sealed record Phase(FloodControl Flood, Ledger Ledger);
