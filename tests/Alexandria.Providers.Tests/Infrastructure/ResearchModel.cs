using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alexandria.Providers.Tests.Stub;

namespace Alexandria.Providers.Tests.Infrastructure;

/// <summary>
/// The model behind the stub in agent runs: plans one search per step (six queries in turn) for
/// <c>steps</c> steps, then a finished plan; the executor answers with that search and the call id its request
/// names. Optional faults: the first planner reply is malformed, and strict-mode replies carry explicit nulls.
/// </summary>
internal sealed partial class ResearchModel
{
    private static readonly string[] Queries = { "compaction", "snapshot", "events", "guidance", "storage", "pointer" };
    private readonly int _steps;
    private int _acts;
    private bool _malformedSent;

    public ResearchModel(int steps)
    {
        _steps = steps;
    }

    /// <summary>Send one malformed planner reply first (an enum value that does not exist).</summary>
    public bool MalformedFirstPlan { get; init; }

    /// <summary>Write optional plan members as explicit nulls, as OpenAI strict mode does.</summary>
    public bool StrictNulls { get; init; }

    public int PlannerRequests { get; private set; }

    public int RepairRequests { get; private set; }

    public string Reply(StubRequest request)
    {
        var text = request.AllText;
        var planner = text.Contains("You are the planner of an Alexandria agent run", StringComparison.Ordinal);
        if (planner && text.Contains("did not validate against its JSON schema", StringComparison.Ordinal))
        {
            RepairRequests++;
            return Plan(_acts >= _steps);
        }

        if (planner)
        {
            PlannerRequests++;
            if (MalformedFirstPlan && !_malformedSent)
            {
                _malformedSent = true;
                return "Here is the plan:\n```json\n{\"steps\":[{\"step_id\":1,\"description\":\"Search.\",\"status\":\"later\"}]}\n```";
            }

            return Plan(_acts >= _steps);
        }

        var query = Queries[_acts++ % Queries.Length];
        return "{\"tool_name\":\"search\",\"arguments\":{\"query\":\"" + query + "\"},\"call_id\":" + JsonSerializer.Serialize(CallId().Match(text).Groups[1].Value) + "}";
    }

    private string Plan(bool done)
    {
        var step = new Dictionary<string, object> { ["step_id"] = 1, ["description"] = done ? "Answer the question." : "Search " + Queries[_acts % Queries.Length] + ".", ["status"] = done ? "done" : "in_progress" };
        var plan = new Dictionary<string, object?> { ["steps"] = new[] { step } };
        if (StrictNulls)
        {
            plan["objective"] = null;
            plan["chosen_override"] = null;
        }

        return JsonSerializer.Serialize(plan);
    }

    [GeneratedRegex(@"call_id: (call-\d+)")]
    private static partial Regex CallId();
}
