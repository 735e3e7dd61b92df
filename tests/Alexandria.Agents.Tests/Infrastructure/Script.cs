using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Alexandria.Agents.Models;

namespace Alexandria.Agents.Tests.Infrastructure;

/// <summary>Builds model scripts in code: turns by prompt, replies as text or as JSON built from parts.</summary>
internal static class Script
{
    public static ModelScript Of(params ScriptedTurn[] turns) => new(null, null, TimeSpan.FromSeconds(1), turns);

    public static ScriptedTurn Planner(string reply, RequestExpectation? expect = null) => new("planner", reply, expect, null, null, TimeSpan.Zero, null);

    public static ScriptedTurn Executor(string reply, RequestExpectation? expect = null) => new("executor", reply, expect, null, null, TimeSpan.Zero, null);

    public static ScriptedTurn Repair(string reply, RequestExpectation? expect = null) => new("repair", reply, expect, null, null, TimeSpan.Zero, null);

    public static RequestExpectation Contains(params string[] needles) => new(needles, Array.Empty<string>(), null);

    /// <summary>A plan: steps as (id, description, status).</summary>
    public static string Plan(params (long Id, string Description, string Status)[] steps) => PlanWith(null, steps);

    public static string PlanWith(string? chosenOverride, params (long Id, string Description, string Status)[] steps)
    {
        var plan = new Dictionary<string, object>
        {
            ["steps"] = steps.Select(s => new Dictionary<string, object> { ["step_id"] = s.Id, ["description"] = s.Description, ["status"] = s.Status }).ToList(),
        };
        if (chosenOverride is not null)
        {
            plan["chosen_override"] = chosenOverride;
        }

        return JsonSerializer.Serialize(plan);
    }

    /// <summary>A plan with one step left to run.</summary>
    public static string Next(string description, string? chosenOverride = null) => PlanWith(chosenOverride, (1, description, "in_progress"));

    /// <summary>A plan with nothing left: the run completes.</summary>
    public static string Done => Plan((1, "Answer the question.", "done"));

    public static string Act(string tool, string argumentsJson, string callId)
        => "{\"tool_name\":" + JsonSerializer.Serialize(tool) + ",\"arguments\":" + argumentsJson + ",\"call_id\":" + JsonSerializer.Serialize(callId) + "}";

    public static string Call(long step) => "call-" + step.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
