using System.Threading.Tasks;
using Alexandria.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Alexandria.Server.Tests.Fuzz;

/// <summary>
/// The HTTP fuzz of <see cref="HttpFuzzTests"/> against a server on the PostgreSQL backend, side by side with one on the
/// embedded store: the same request classes and assertions on each, and every request must get the same answer from
/// both (issue 15 item 10: same input, same outcome on every backend): the same status, the same problem type and
/// pointers when refused, the same body when accepted (<see cref="AnswerShape"/>). CI sends 150 to each for each of
/// <see cref="HttpFuzzTests.Seeds"/>; the soak's <c>ALEXANDRIA_HTTP_FUZZ_REQUESTS</c> sets both this and the embedded
/// run (docs/reliability.md).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHttpFuzzTests(ITestOutputHelper output, PostgresCluster cluster)
{
    [Theory]
    [MemberData(nameof(HttpFuzzTests.Seeds), MemberType = typeof(HttpFuzzTests))]
    public async Task The_fuzz_gets_no_5xx_no_refusal_without_a_problem_body_and_the_same_answers_on_PostgreSQL_as_on_the_embedded_store(int seed)
    {
        var database = await cluster.CreateDatabaseAsync($"fuzz{seed}");
        await using var postgres = await OwnServer.StartAsync(settings => settings.ApiKeys.Add(ServerFixture.ApiKey), postgresConnectionString: database);
        await using var embedded = await OwnServer.StartAsync(settings => settings.ApiKeys.Add(ServerFixture.ApiKey));
        var run = await HttpFuzzRun.RunAsync(HttpFuzzTests.SoakRequests ?? 150, seed, ("postgres", postgres), ("filesystem", embedded));
        run.ReportAndAssert(output);
    }
}
