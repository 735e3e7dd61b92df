using System;
using System.Linq;
using System.Threading.Tasks;
using Alexandria.Kiota.Client;
using Alexandria.Kiota.Client.Models;

namespace Alexandria.Kiota.RoundTrip;

/// <summary>A run through the generated client against the real server: create, append, read back, and the typed errors.</summary>
internal static class RoundTrip
{
    public static async Task RunAsync(Checks checks, AlexandriaKiotaClient client)
    {
        var runId = "kiota-" + Guid.NewGuid().ToString("N")[..12];
        var plan = new Plan_event
        {
            EventId = Guid.NewGuid(),
            RunId = runId,
            Seq = 1,
            StepId = 1,
            AgentRole = Agent_role.Planner,
            Kind = "plan",
            OccurredAt = new DateTimeOffset(2026, 11, 23, 10, 22, 30, TimeSpan.Zero),
            Payload = new Plan_payload
            {
                Objective = "Round-trip a run through a Kiota client.",
                Steps = [new Plan_step { StepId = 0, Description = "Append one plan event.", Status = Plan_step_status.In_progress }],
            },
        };
        Append_events_request Append(long expectedSeq) => new() { ExpectedSeq = (int)expectedSeq, Events = [new Run_event { PlanEvent = plan }] };

        await checks.RunAsync("createRun returns the typed run", async () =>
        {
            var run = await client.Runs.PostAsync(new Create_run_request { Objective = "Kiota round trip.", RunId = runId });
            Checks.Expect(run is { RunId: var id, Objective: "Kiota round trip.", LastSeq: 0 } && id == runId, $"unexpected run: {Describe(run)}");
            Checks.Expect(run!.Status == Run_status.Active && run.CreatedAt is not null, $"status {run.Status}, created_at {run.CreatedAt}");
        });

        await checks.RunAsync("appendEvents takes a typed event through the run_event union", async () =>
        {
            var appended = await client.Runs[runId].Events.PostAsync(Append(0));
            Checks.Expect(appended is { FirstSeq: 1, LastSeq: 1 }, $"appended {Describe(appended)}");
        });

        await checks.RunAsync("readEvents reads the event back as the plan_event case", async () =>
        {
            var page = await client.Runs[runId].Events.GetAsync(c => c.QueryParameters.FromSeq = 1);
            var read = page?.Events?.SingleOrDefault()?.PlanEvent;
            Checks.Expect(read is not null, "the page holds no plan event: " + Describe(page));
            Checks.Expect(read!.EventId == plan.EventId && read.Seq == 1 && read.AgentRole == Agent_role.Planner, "envelope differs: " + Describe(read));
            Checks.Expect(read.Payload?.Objective == plan.Payload.Objective && read.Payload.Steps?.Single().Status == Plan_step_status.In_progress,
                "payload differs: " + Describe(read.Payload));
            var run = await client.Runs[runId].GetAsync();
            Checks.Expect(run?.LastSeq == 1, "getRun last_seq " + run?.LastSeq);
        });

        await checks.RunAsync("a missing snapshot is a typed 404 Problem_details", async () =>
        {
            var problem = await ProblemOf(() => client.Runs[runId].Snapshots.Latest.GetAsync());
            Checks.Expect(problem.ResponseStatusCode == 404 && problem.Status == 404 && !string.IsNullOrEmpty(problem.Title), Describe(problem));
        });

        await checks.RunAsync("a stale expected_seq is a typed 409 Problem_details", async () =>
        {
            var problem = await ProblemOf(() => client.Runs[runId].Events.PostAsync(Append(0)));
            Checks.Expect(problem.ResponseStatusCode == 409 && problem.Status == 409 && problem.Errors is { Count: > 0 }, Describe(problem));
        });

        await checks.RunAsync("a body the contract refuses is a typed 422 naming the pointer", async () =>
        {
            var problem = await ProblemOf(() => client.Runs.PostAsync(new Create_run_request { Objective = "x", RunId = "Not Valid" }));
            Checks.Expect(problem.ResponseStatusCode == 422 && problem.Errors?.Any(e => e.Pointer == "/run_id") == true, Describe(problem));
        });
    }

    private static async Task<Problem_details> ProblemOf(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Problem_details problem)
        {
            return problem;
        }
        throw new InvalidOperationException("the call succeeded; a problem was expected");
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        Problem_details p => $"{p.ResponseStatusCode} (status {p.Status}) {p.Title}: {p.Detail}; errors at [{string.Join(", ", p.Errors?.Select(e => e.Pointer) ?? [])}]",
        _ => System.Text.Json.JsonSerializer.Serialize(value, value.GetType()),
    };
}
