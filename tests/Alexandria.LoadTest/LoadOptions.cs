using System;

namespace Alexandria.LoadTest;

/// <summary>How hard to push: clients in parallel appending batches for a duration.</summary>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="Duration">How long each client keeps appending.</param>
/// <param name="BatchSize">Events per append.</param>
/// <param name="SharedRun">
/// False: each client appends to its own run (throughput). True: all append to one run, re-reading the head
/// and retrying on a sequence conflict (contention on one log).
/// </param>
public sealed record LoadOptions(int Clients, TimeSpan Duration, int BatchSize, bool SharedRun = false, string? ApiKey = null);
