using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Tools;

// Shared with tests/Alexandria.Cluster.SiloHost (linked): the side effect the crash and failover tests count.
/// <summary>A non-idempotent tool whose effect (one line with its idempotency key) lands outside the run, durably.</summary>
internal sealed class NoteTool(string effectsFile, Random random) : ITool
{
    // FileMode.Append seeks to the end once at open, it is not O_APPEND: two calls writing at once (a silo drives
    // many runs) would both write at the same offset and one line — one counted side effect — would vanish.
    private static readonly SemaphoreSlim WriteGate = new(1, 1);

    public string Name => "record_note";

    public string Description => "Appends a note to the effects file.";

    public string InputSchema => """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""";

    public bool IsIdempotent => false;

    public IReadOnlyList<string> ReadPaths(JsonElement arguments) => Array.Empty<string>();

    public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

    public async Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(random.Next(1, 10), cancellationToken);
        await WriteGate.WaitAsync(cancellationToken);
        try
        {
            using var file = new FileStream(effectsFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            var line = Encoding.UTF8.GetBytes(request.Context.IdempotencyKey + "\n");
            await file.WriteAsync(line, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            WriteGate.Release();
        }

        await Task.Delay(random.Next(1, 10), cancellationToken);
        using var doc = JsonDocument.Parse("{\"written\":true}");
        return new ToolPage(new[] { new ToolItem(doc.RootElement.Clone(), "note written", Array.Empty<EvidenceCitation>()) }, 1, false);
    }
}
