using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Research;
using Alexandria.Cli.Output;
using Alexandria.Cli.Output.Json;
using Alexandria.Contracts;

namespace Alexandria.Cli.Commands;

/// <summary>
/// <c>alexandria inspect &lt;run&gt; --step N</c>: the conversation the model saw in step N — each planner and executor
/// request's messages in order and the reply the runtime accepted — rebuilt from the log by the code the runner builds
/// requests with, each turn checked against the <c>prefix_sha256</c> recorded when it was sent.
/// </summary>
internal static class InspectConversation
{
    public static Option<long?> StepOption() => new("--step")
    {
        Description = "Show the conversation the model saw in this step (planner and executor requests, replies), rebuilt from the log.",
    };

    public static async Task<int> ShowAsync(CliOutput output, IRunSource source, string runId, long step, CancellationToken cancellationToken)
    {
        var lastSeq = await source.GetLastSeqAsync(runId, cancellationToken).ConfigureAwait(false);
        if (lastSeq == 0)
        {
            output.Error($"[red]Run {runId} has no events in the {source.Description}.[/]");
            return 2;
        }

        var events = new List<RunEvent>();
        while (events.Count < lastSeq)
        {
            var page = await source.ReadEventsAsync(runId, events.Count + 1, 1000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            events.AddRange(page);
        }

        var snapshots = await source.GetSnapshotsAsync(runId, cancellationToken).ConfigureAwait(false);

        // The CLI's runs use the built-in research tools; their catalog does not depend on the index's content. A run
        // that had other tools (--mcp) shows up as a prefix mismatch, which is the point of the check.
        var tools = AgentRunner.ResearchTools(FolderDocumentIndex.FromDocuments(new Dictionary<string, string>()));
        StepConversation conversation;
        try
        {
            conversation = StepConversation.Rebuild(runId, step, events, snapshots, tools);
        }
        catch (ArgumentException e)
        {
            output.Error($"[red]{e.Message}[/]");
            return 2;
        }

        if (output.Mode == OutputMode.Json)
        {
            output.WriteJson(ToDocument(conversation), ConversationJsonContext.Default.ConversationDocument);
        }
        else
        {
            foreach (var turn in conversation.Turns)
            {
                Write(output, conversation.Step, turn);
            }
        }

        var mismatches = conversation.Turns.Count(t => !t.PrefixMatches);
        if (mismatches > 0)
        {
            output.Error($"[yellow]{mismatches} of {conversation.Turns.Count} rebuilt request(s) differ from the prefix_sha256 recorded when they were sent: the run used other tools, scope or objective than the built-in research tools and default options; those requests are not what the model saw.[/]");
            return 1;
        }

        return 0;
    }

    private static void Write(CliOutput output, long step, ModelTurn turn)
    {
        var check = turn.PrefixMatches
            ? $"prefix_sha256 {turn.RebuiltPrefixSha256[..12]}… matches the recorded one"
            : $"prefix_sha256 MISMATCH: rebuilt {turn.RebuiltPrefixSha256[..12]}…, recorded {turn.RecordedPrefixSha256 ?? "(none)"}";
        output.Note($"Step {step}, {turn.Prompt} turn (token_usage seq {turn.TokenUsageSeq}): {check}");
        for (var i = 0; i < turn.Messages.Count; i++)
        {
            output.WriteText($"{turn.Prompt} request, message {i + 1} ({turn.Messages[i].Role})", turn.Messages[i].Text);
        }

        for (var i = 0; i < turn.Repairs.Count; i++)
        {
            output.WriteText(
                $"repair {i + 1} (the rejected reply is not kept in the log; these errors were sent back)",
                string.Join("\n", turn.Repairs[i]));
        }

        output.WriteText($"{turn.Prompt} reply accepted (the validated value, as logged)", turn.Reply ?? "(none: no reply was accepted in this turn)");
    }

    private static ConversationDocument ToDocument(StepConversation conversation) => new(
        conversation.RunId,
        conversation.Step,
        conversation.Turns.Select(t => new ConversationTurnDocument(
            t.Prompt,
            t.TokenUsageSeq,
            t.Messages.Select(m => new ConversationMessageDocument(m.Role, m.Text)).ToList(),
            t.Repairs,
            t.Reply,
            t.RecordedPrefixSha256,
            t.RebuiltPrefixSha256,
            t.PrefixMatches)).ToList());
}
