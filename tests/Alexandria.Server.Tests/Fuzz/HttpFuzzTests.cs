using System;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Alexandria.Server.Tests.Fuzz;

/// <summary>
/// Issue 15's HTTP fuzz goal: a seeded stream of requests over every endpoint and the adversarial classes
/// (<see cref="HttpFuzzRequests"/>) against a real server, one at a time (<see cref="HttpFuzzRun"/>). Asserts no 5xx,
/// no refusal without a problem+json body of the common shape, and bounded cost per request. CI sends 400 for each of
/// three seeds; the soak sets <c>ALEXANDRIA_HTTP_FUZZ_REQUESTS</c> (and <c>ALEXANDRIA_HTTP_FUZZ_SEED</c> to run one other
/// stream instead), see docs/reliability.md.
/// </summary>
public sealed class HttpFuzzTests(ITestOutputHelper output)
{
    internal static readonly int? SoakRequests = EnvInt("ALEXANDRIA_HTTP_FUZZ_REQUESTS");

    /// <summary>The streams CI replays (three short ones find more than one long one), or the one the soak names.</summary>
    public static TheoryData<int> Seeds => EnvInt("ALEXANDRIA_HTTP_FUZZ_SEED") is { } seed ? [seed] : [15, 16, 17];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_seeded_fuzz_of_every_endpoint_gets_no_5xx_and_no_refusal_without_a_problem_body(int seed)
    {
        await using var server = await OwnServer.StartAsync(settings => settings.ApiKeys.Add(ServerFixture.ApiKey));
        var run = await HttpFuzzRun.RunAsync(SoakRequests ?? 400, seed, ("filesystem", server));
        run.ReportAndAssert(output);
    }

    private static int? EnvInt(string name)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : null;
}
