using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Json;

namespace Alexandria.Agents.Tools;

/// <summary>
/// Runs one tool call inside the guardrails of DOMAIN §4 and the isolation rules of §5: the tool must be one the
/// executor's packet allows and every path it reads or writes must be in the packet's scope (else refused, not
/// run); a <c>cursor</c> argument is turned back into the offset it names; the call runs under a timeout; an
/// exception or timeout becomes an error result; the page is cut at the item and byte caps with a cursor that
/// fetches the rest; an empty page carries typed zero-result guidance.
/// </summary>
public sealed class ToolGuard
{
    private readonly ToolRegistry _registry;
    private readonly ToolLimits _limits;

    /// <summary>Creates a guard over <paramref name="registry"/> with <paramref name="limits"/>.</summary>
    public ToolGuard(ToolRegistry registry, ToolLimits? limits = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _limits = limits ?? ToolLimits.Default;
        if (_limits.ItemCap < 1 || _limits.ByteCap < 1 || _limits.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), "ItemCap, ByteCap and Timeout must be positive.");
        }
    }

    [ThreadStatic]
    private static StringBuilder? _summary;

    /// <summary>The limits in force.</summary>
    public ToolLimits Limits => _limits;

    /// <summary>Runs <paramref name="act"/> for an executor allowed <paramref name="allowedTools"/>.</summary>
    public async Task<GuardedResult> InvokeAsync(ActPayload act, IReadOnlyCollection<string> allowedTools, ToolCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(act);
        ArgumentNullException.ThrowIfNull(allowedTools);
        ArgumentNullException.ThrowIfNull(context);
        var tool = _registry.Find(act.ToolName);
        if (tool is null)
        {
            return GuardedResult.Failed($"there is no tool '{act.ToolName}'; the tools are {string.Join(", ", _registry.Names)}.");
        }

        if (!allowedTools.Contains(act.ToolName))
        {
            return GuardedResult.Refused($"'{act.ToolName}' is outside this executor's scope; its handoff allows {(allowedTools.Count == 0 ? "no tools" : string.Join(", ", allowedTools.OrderBy(t => t, StringComparer.Ordinal)))}.");
        }

        JsonElement arguments;
        int offset;
        try
        {
            (arguments, offset) = SplitCursor(tool, act.Arguments);
            var outOfScope = OutOfScope(tool.ReadPaths(arguments), context.Scope.ReadablePaths, "read ", null);
            outOfScope = OutOfScope(tool.WritePaths(arguments), context.Scope.WritablePaths, "write ", outOfScope);
            if (outOfScope is not null)
            {
                return GuardedResult.Refused($"{act.ToolName} would {string.Join(", ", outOfScope)}, outside the handoff's scope.");
            }
        }
        catch (ToolArgumentException e)
        {
            return GuardedResult.Failed(e.Message);
        }

        ToolPage page;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(_limits.Timeout);
            try
            {
                page = await tool.InvokeAsync(new ToolRequest(arguments, offset, _limits.ItemCap, context), deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return GuardedResult.Failed($"{act.ToolName} did not answer within {_limits.Timeout.TotalSeconds:0.###} s.");
            }
            catch (ToolArgumentException e)
            {
                return GuardedResult.Failed(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return GuardedResult.Failed($"{act.ToolName} failed: {e.GetType().Name}: {e.Message}");
            }
        }

        return Cap(tool, arguments, offset, page);
    }

    /// <summary><paramref name="found"/> plus each of <paramref name="paths"/> no glob of <paramref name="scope"/> matches, as "<paramref name="verb"/>path"; null while there is none.</summary>
    private static List<string>? OutOfScope(IReadOnlyList<string> paths, IReadOnlyList<string> scope, string verb, List<string>? found)
    {
        foreach (var path in paths)
        {
            if (!ScopeGlob.AnyMatches(scope, path))
            {
                (found ??= new List<string>()).Add(verb + path);
            }
        }

        return found;
    }

    /// <summary>The arguments without <c>cursor</c>, and the offset the cursor names (0 without one).</summary>
    private static (JsonElement Arguments, int Offset) SplitCursor(ITool tool, JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object || !arguments.TryGetProperty(PageCursor.ArgumentName, out var cursor))
        {
            return (arguments, 0);
        }

        if (cursor.ValueKind != JsonValueKind.String)
        {
            throw new ToolArgumentException("/" + PageCursor.ArgumentName, "must be the next_cursor string of the previous page.");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in arguments.EnumerateObject().Where(p => p.Name != PageCursor.ArgumentName))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        var rest = document.RootElement.Clone();
        return (rest, PageCursor.Decode(cursor.GetString()!, tool.Name, rest));
    }

    private GuardedResult Cap(ITool tool, JsonElement arguments, int offset, ToolPage page)
    {
        if (page.Items.Count == 0)
        {
            var guidance = page.Guidance ?? DefaultGuidance(tool.Name, offset);
            return new GuardedResult(
                ObserveStatus.Empty,
                GuardedResult.Clip($"{tool.Name} returned no results. {guidance.Message}"),
                Array.Empty<EvidenceCitation>(),
                offset > 0 ? new ToolPageInfo { Truncated = false, NextCursor = null, TotalItems = page.TotalItems, ReturnedItems = 0 } : null,
                guidance,
                null,
                Serialize(page.Items),
                null);
        }

        // Items past the item cap, or past the byte cap (at least one item always goes through), wait for the next page.
        var original = Serialize(page.Items);
        var kept = Math.Min(page.Items.Count, _limits.ItemCap);
        var keptBytes = kept == page.Items.Count ? original : Serialize(page.Items.Take(kept));
        while (kept > 1 && keptBytes.Length > _limits.ByteCap)
        {
            kept--;
            keptBytes = Serialize(page.Items.Take(kept));
        }

        var items = kept == page.Items.Count ? page.Items : page.Items.Take(kept).ToList();
        var truncated = kept < page.Items.Count || page.HasMore;
        var pagination = truncated || offset > 0
            ? new ToolPageInfo
            {
                Truncated = truncated,
                NextCursor = truncated ? PageCursor.Encode(tool.Name, arguments, offset + kept) : null,
                TotalItems = page.TotalItems,
                ReturnedItems = kept,
            }
            : null;
        var capped = truncated
            ? new ToolIoCappedOutcome { ToolName = tool.Name, CapBytes = _limits.ByteCap, OriginalBytes = original.Length, Pagination = pagination! }
            : null;

        // One builder per thread, cleared for each page: the summary string is the only thing a page's text allocates.
        var summary = _summary ?? new StringBuilder(1024);
        _summary = null;
        summary.Clear();
        summary.Append(tool.Name).Append(": items ").Append(offset + 1).Append('-').Append(offset + kept);
        if (page.TotalItems is { } total)
        {
            summary.Append(" of ").Append(total);
        }

        if (truncated)
        {
            summary.Append(" (more: pass \"cursor\": \"").Append(pagination!.NextCursor).Append("\" with the same arguments)");
        }

        foreach (var item in items)
        {
            summary.Append('\n').Append(item.Line);
        }

        var text = summary.ToString();
        if (summary.Capacity <= 64 * 1024)
        {
            _summary = summary;
        }

        return new GuardedResult(
            ObserveStatus.Ok,
            GuardedResult.Clip(text),
            Evidence(items),
            pagination,
            null,
            capped,
            keptBytes,
            null);
    }

    private static List<EvidenceCitation> Evidence(IReadOnlyList<ToolItem> items)
    {
        var evidence = new List<EvidenceCitation>();
        foreach (var item in items)
        {
            evidence.AddRange(item.Evidence);
        }

        return evidence;
    }

    private static ZeroResultGuidance DefaultGuidance(string toolName, int offset) => offset > 0
        ? new ZeroResultGuidance { Suggestions = new[] { ZeroResultSuggestion.TryAlternateTool }, Message = $"There are no more {toolName} results past item {offset}." }
        : new ZeroResultGuidance
        {
            Suggestions = new[] { ZeroResultSuggestion.BroadenQuery, ZeroResultSuggestion.CheckSpelling },
            Message = $"{toolName} found nothing for these arguments: use fewer or more general terms, and check their spelling.",
        };

    private static byte[] Serialize(IEnumerable<ToolItem> items) => PooledJsonWriter.ToArray(items, static (writer, items) =>
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            item.Data.WriteTo(writer);
        }

        writer.WriteEndArray();
    });
}
