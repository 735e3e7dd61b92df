using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Handoffs;
using Alexandria.Agents.Output;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Contracts.Prompts;

namespace Alexandria.Agents.Loop;

/// <summary>
/// The executor's model turn: its request is rendered from its <see cref="ExecutorAssignment"/> alone (the
/// manifest's <c>executor</c> prompt over the packet's objective and scope, the step, the call id and the
/// catalog of the allowed tools) — the snapshot, the log and other steps never reach it. The reply must be a valid
/// <c>act_payload</c> carrying the assigned call id.
/// </summary>
internal sealed class Executor
{
    private readonly StructuredModelCall _model;
    private readonly ToolRegistry _tools;
    private (IReadOnlyList<string> Tools, string Catalog)? _catalog;

    public Executor(StructuredModelCall model, ToolRegistry tools)
    {
        _model = model;
        _tools = tools;
    }

    /// <summary>The executor's request for <paramref name="assignment"/>; nothing else goes in.</summary>
    public RenderedPrompt Render(ExecutorAssignment assignment)
        => Render(Catalog(assignment.AllowedTools), assignment.Packet.Objective, assignment.Packet.Scope, assignment.StepId, assignment.StepDescription, assignment.CallId);

    /// <summary>The one rendering of an executor request (the loop's and <c>inspect</c>'s).</summary>
    public static RenderedPrompt Render(string toolCatalog, string objective, HandoffScope scope, long stepId, string stepDescription, string callId)
        => ExecutorPrompt.Render(
            toolCatalog,
            objective,
            Ordinal(scope.ReadablePaths),
            Ordinal(scope.WritablePaths),
            stepId,
            stepDescription,
            callId);

    /// <summary>
    /// <paramref name="paths"/> in ordinal order: the list itself when it already is (a scope is usually declared sorted,
    /// and it is rendered every step), else a sorted copy — the same sequence either way.
    /// </summary>
    private static IReadOnlyList<string> Ordinal(IReadOnlyList<string> paths)
    {
        for (var i = 1; i < paths.Count; i++)
        {
            if (string.CompareOrdinal(paths[i - 1], paths[i]) > 0)
            {
                return paths.OrderBy(p => p, StringComparer.Ordinal).ToList();
            }
        }

        return paths;
    }

    /// <summary>The catalog of <paramref name="allowed"/>, rendered once while a run passes the same list every step.</summary>
    private string Catalog(IReadOnlyList<string> allowed)
    {
        if (_catalog is not { } cached || !ReferenceEquals(cached.Tools, allowed))
        {
            cached = (allowed, _tools.Catalog(allowed));
            _catalog = cached;
        }

        return cached.Catalog;
    }

    public ValueTask<ActPayload> DecideAsync(ExecutorAssignment assignment, CancellationToken cancellationToken)
        => _model.AskAsync(
            assignment.StepId,
            AgentRole.Executor,
            Render(assignment),
            OutputContracts.Act,
            act => string.Equals(act.CallId, assignment.CallId, StringComparison.Ordinal)
                ? Array.Empty<OutputError>()
                : new[] { new OutputError("/call_id", "const", $"must be \"{assignment.CallId}\", the call_id given at the end of the instructions.") },
            cancellationToken);
}
