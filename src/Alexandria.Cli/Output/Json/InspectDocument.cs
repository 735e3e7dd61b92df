using System.Collections.Generic;
using System.Text.Json;

namespace Alexandria.Cli.Output.Json;

/// <summary>
/// <c>alexandria inspect --output json</c>: the listed events and every snapshot, each exactly as the
/// contract's JSON (written by the generated converters, so a <c>run_event</c> validator accepts each item).
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Source">Where it was read (embedded store, PostgreSQL or a server).</param>
/// <param name="LastSeq">The run's last seq (events may list fewer: <c>--from</c>, <c>--limit</c>).</param>
/// <param name="Events"><c>run_event</c> documents in seq order.</param>
/// <param name="Snapshots"><c>compaction_snapshot</c> documents, oldest first.</param>
/// <param name="Usage">Per model over the whole run: tokens, prompt-cache hits, estimated cost (docs/providers.md).</param>
internal sealed record InspectDocument(string RunId, string Source, long LastSeq, IReadOnlyList<JsonElement> Events, IReadOnlyList<JsonElement> Snapshots, IReadOnlyList<Alexandria.Agents.Providers.ModelUsageSummary> Usage);
