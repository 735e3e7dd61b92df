using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Models;
using Alexandria.Agents.Output;
using Alexandria.Agents.Providers;
using Alexandria.Contracts;
using Alexandria.Contracts.Prompts;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Loop;

/// <summary>
/// One model turn whose reply must be a valid value of a prompt's output schema (DOMAIN §4): the rendered prompt
/// goes to the <see cref="IChatClient"/>, the JSON object is extracted from the reply and checked by the generated
/// validator (then by the caller's semantic check); on failure the manifest's <c>repair</c> prompt goes back with
/// the JSON-pointer errors, at most <see cref="AgentOptions.MaxRepairs"/> times, each try a
/// <c>repair_attempted</c> event. Past the bound a <c>schema_repair</c> guardrail event records the last errors
/// and the run ends: an unvalidated value is never returned.
/// </summary>
internal sealed class StructuredModelCall
{
    private readonly IChatClient _model;
    private readonly RunWriter _writer;
    private readonly RunBudget _budget;
    private readonly int _maxRepairs;
    private readonly IOutputSchemaCatalog _schemas;

    public StructuredModelCall(IChatClient model, RunWriter writer, RunBudget budget, int maxRepairs, IOutputSchemaCatalog schemas)
    {
        _model = model;
        _writer = writer;
        _budget = budget;
        _maxRepairs = maxRepairs;
        _schemas = schemas;
    }

    /// <summary>Raised after each repair request is logged (for progress lines).</summary>
    public event Action<long, int, IReadOnlyList<OutputError>>? Repairing;

    public async ValueTask<T> AskAsync<T>(
        long step,
        AgentRole role,
        RenderedPrompt prompt,
        OutputContract<T> contract,
        Func<T, IReadOnlyList<OutputError>>? check,
        CancellationToken cancellationToken)
        where T : class
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, prompt.Text) };
        var schema = _schemas.For(prompt.PromptId);
        for (var attempt = 0; ; attempt++)
        {
            var reply = await CallAsync(step, role, prompt, messages, attempt == 0 ? prompt.PromptId : RepairPrompt.Id, schema, cancellationToken).ConfigureAwait(false);
            var (value, errors) = Read(reply, contract, check);
            if (value is not null)
            {
                return value;
            }

            if (attempt >= _maxRepairs)
            {
                await _writer.GuardrailAsync(step, role, null, new SchemaRepairOutcome { Attempt = Math.Max(1, attempt), Errors = OutputError.ToViolations(errors) }, cancellationToken).ConfigureAwait(false);
                throw new RunEndedException(
                    AgentRunStatus.SchemaRepairFailed,
                    $"The {prompt.PromptId} reply of step {step} still failed {contract.Definition} after {attempt} repair(s): {string.Join("; ", errors.Take(3).Select(e => e.ToRepairLine()))}");
            }

            await _writer.AppendAsync(
                EventDrafts.RepairAttempted(step, role, new RepairAttemptedPayload { TargetDef = contract.Definition, Attempt = attempt + 1, Errors = OutputError.ToViolations(errors) }),
                cancellationToken).ConfigureAwait(false);
            _budget.Repaired();
            Repairing?.Invoke(step, attempt + 1, errors);
            messages.Add(new ChatMessage(ChatRole.Assistant, reply));
            messages.Add(new ChatMessage(ChatRole.User, RepairPrompt.Render(attempt + 1, _maxRepairs, errors.Take(100).Select(e => e.ToRepairLine()).ToList(), reply).Text));
        }
    }

    /// <summary>The value in <paramref name="reply"/>, or every reason it is not one.</summary>
    internal static (T? Value, IReadOnlyList<OutputError> Errors) Read<T>(string reply, OutputContract<T> contract, Func<T, IReadOnlyList<OutputError>>? check)
        where T : class
    {
        var extracted = JsonExtractor.Extract(reply);
        if (!extracted.Succeeded)
        {
            return (null, extracted.Errors);
        }

        var errors = contract.Validate(extracted.Utf8);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var value = contract.Read(extracted.Utf8);
        var semantic = check?.Invoke(value) ?? Array.Empty<OutputError>();
        return semantic.Count > 0 ? (null, semantic) : (value, Array.Empty<OutputError>());
    }

    private async ValueTask<string> CallAsync(long step, AgentRole role, RenderedPrompt prompt, List<ChatMessage> messages, string promptId, ProviderOutputSchema? schema, CancellationToken cancellationToken)
    {
        _budget.BeforeModelCall();
        ChatResponse response;
        try
        {
            response = await _model.GetResponseAsync(messages, ModelRequest.OptionsFor(promptId, new LoopRequest(promptId, prompt.PromptId, _writer.Session.RunId, prompt.Breakpoints, prompt.PrefixHash, schema)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new RunEndedException(AgentRunStatus.ModelFailed, $"The model call for the {promptId} prompt of step {step} failed: {e.Message}");
        }

        _budget.Record(response.Usage);
        // Written in one batch with what the reply leads to (the plan, the act, the repair or the guardrail): one
        // durable write per turn instead of two (see RunWriter.Defer).
        _writer.Defer(
            EventDrafts.TokenUsage(step, role, new TokenUsagePayload
            {
                Model = string.IsNullOrEmpty(response.ModelId) ? null : response.ModelId.Length <= 128 ? response.ModelId : response.ModelId[..128],
                InputTokens = response.Usage?.InputTokenCount ?? 0,
                OutputTokens = response.Usage?.OutputTokenCount ?? 0,
                CachedTokens = response.Usage?.CachedInputTokenCount ?? 0,
                CacheCreationTokens = ProviderUsage.CacheCreationTokens(response.Usage),
                PrefixSha256 = prompt.PrefixHash,
            }));
        _budget.CheckTokens();
        return response.Text;
    }
}
