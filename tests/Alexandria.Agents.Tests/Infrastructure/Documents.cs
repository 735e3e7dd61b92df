using System.Collections.Generic;
using Alexandria.Agents.Research;

namespace Alexandria.Agents.Tests.Infrastructure;

/// <summary>A small in-memory document set for the research tools.</summary>
internal static class Documents
{
    public static FolderDocumentIndex Index() => FolderDocumentIndex.FromDocuments(new Dictionary<string, string>
    {
        ["guide/compaction.md"] = "# Compaction\n\nCompaction fires at 18 counted events or 8 steps. The snapshot is full, not a delta.\n\nNarratives are rendered from a template, never by a model.",
        ["guide/guardrails.md"] = "# Guardrails\n\nTool results are capped with pagination metadata. An empty result carries zero-result guidance.\n\nLoop detection offers typed overrides.",
        ["guide/storage.md"] = "# Storage\n\nEvents are append-only. Snapshots move a latest pointer in the same transaction.",
        ["private/secrets.md"] = "# Secrets\n\nThe launch code is SWORDFISH-42. Compaction secrets live here too.",
    });
}
