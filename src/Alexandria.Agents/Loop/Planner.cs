using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Output;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Contracts.Prompts;

namespace Alexandria.Agents.Loop;

/// <summary>
/// The planner's model turn: the manifest's <c>planner</c> prompt over the tool catalog, the objective, the latest
/// snapshot, the counted events since and the guardrail notices (<see cref="PlannerContext"/>); the reply must be a
/// valid <c>plan_payload</c> whose step ids are unique.
/// </summary>
internal sealed class Planner
{
    private readonly StructuredModelCall _model;
    private readonly RunWriter _writer;
    private readonly string _catalog;
    private readonly PlannerContext _context = new();

    public Planner(StructuredModelCall model, RunWriter writer, ToolRegistry tools)
    {
        _model = model;
        _writer = writer;
        _catalog = tools.Catalog();
    }

    public RenderedPrompt Render(string objective) => _context.Render(_writer.Session, _catalog, objective, _writer.Notices);

    public async ValueTask<PlanPayload> DecideAsync(long step, string objective, CancellationToken cancellationToken)
    {
        var prompt = Render(objective);
        return await _model.AskAsync(step, AgentRole.Planner, prompt, OutputContracts.Plan, UniqueStepIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The step the executor carries out next: the first in progress, else the first pending; null when none is left.</summary>
    public static PlanStep? NextStep(PlanPayload plan)
        => plan.Steps.FirstOrDefault(s => s.Status == PlanStepStatus.InProgress) ?? plan.Steps.FirstOrDefault(s => s.Status == PlanStepStatus.Pending);

    private static IReadOnlyList<OutputError> UniqueStepIds(PlanPayload plan)
    {
        var seen = new HashSet<long>();
        var errors = new List<OutputError>();
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            if (!seen.Add(plan.Steps[i].StepId))
            {
                errors.Add(new OutputError($"/steps/{i}/step_id", "uniqueItems", $"step_id {plan.Steps[i].StepId} is used by an earlier step; give every step its own id."));
            }
        }

        return errors;
    }
}
