using System;
using System.Threading.Tasks;
using Alexandria.Client.Tests.Infrastructure;
using Alexandria.LoadTest;

namespace Alexandria.Client.Tests;

/// <summary>
/// The load driver in miniature (3 clients × 3 s): concurrent batched appends through the generated client,
/// every acknowledged event read back gapless. The full 4 × 30 s run is opt-in (docs/benchmarks.md).
/// </summary>
[Collection(PostgresServerCollection.Name)]
public sealed class ConcurrentAppendTests(PostgresServer server)
{
    private const int BatchSize = 50;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_clients_lose_nothing_they_were_told_was_appended(bool sharedRun)
    {
        var report = await LoadDriver.RunAsync(server.BaseAddress, new LoadOptions(Clients: 3, Duration: TimeSpan.FromSeconds(3), BatchSize, sharedRun, PostgresServer.ApiKey));

        Assert.Empty(report.CountMismatches);
        Assert.Equal(0, report.Failures);
        Assert.True(report.Events >= 3 * BatchSize, $"only {report.Events} events appended");
        Assert.Equal((report.Requests - report.Conflicts) * BatchSize, report.Events);
        if (!sharedRun)
        {
            Assert.Equal(0, report.Conflicts);
        }
    }
}
