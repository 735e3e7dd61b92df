using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Research;
using Alexandria.Agents.Tools;
using Alexandria.Cluster;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using Alexandria.Server;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Microsoft.Extensions.DependencyInjection;

// One silo of the cluster tests. Profile "counting-notes:<steps>:<model delay ms>": CountingModel plans <steps> steps,
// each model call waits <model delay ms> more (so runs last long enough to be killed mid-run), even steps call the
// non-idempotent record_note tool, whose effect (a line with its idempotency key) lands in <effects file>.
// Prints "ready <silo address>" once the silo has joined. Usage: ClusterSiloHost <root> <postgres> <cluster id> <silo port> <effects file>
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: ClusterSiloHost <root> <postgres> <cluster id> <silo port> <effects file>");
    return 2;
}

var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = args[0], PostgresConnectionString = args[1] });
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// Timestamped, so a failure's output shows where a failover spent its time.
builder.Logging.AddSimpleConsole(options => options.TimestampFormat = "HH:mm:ss.fff ");
// The fast death detector's judgements, for the tests' output.
builder.Logging.AddFilter("Alexandria.Cluster.FastDeathDetector", LogLevel.Debug);
// The sweeps, wake-ups and resumes, for the failover logs (ALEXANDRIA_CLUSTER_LOGS in the tests).
builder.Logging.AddFilter("Alexandria.Cluster", LogLevel.Debug);
// Tuning from the environment as for serve (Alexandria__Cluster__ProbeTimeout=00:00:05, …); the arguments win.
var settings = new ClusterSettings();
builder.Configuration.GetSection(ClusterSettings.SectionName).Bind(settings);
settings.ClusterId = args[2];
settings.SiloPort = int.Parse(args[3], CultureInfo.InvariantCulture);
var profile = new CountingNotes(args[4]);
builder.AddAlexandriaSilo(settings, store, new AlexandriaServerSettings(), profile);
using var host = builder.Build();
await host.StartAsync();
Console.Out.WriteLine("ready " + host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString());
Console.Out.Flush();
// "check <port>" on stdin: what the fast death detector does when a connection to the silo on that loopback port ends
// (the tests ask while that silo is paused); answers "checked <port> <verdict> <declared>".
var detector = host.Services.GetRequiredService<FastDeathDetector>();
_ = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync() is { } line)
    {
        if (line.StartsWith("check ", StringComparison.Ordinal) && int.TryParse(line["check ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            var check = await detector.CheckPeerAsync(new IPEndPoint(IPAddress.Loopback, port));
            Console.Out.WriteLine($"checked {port} {check.Verdict?.ToString() ?? "none"} {check.Declared}");
            Console.Out.Flush();
        }
    }
});
await host.WaitForShutdownAsync();
await store.DisposeAsync();
return 0;

/// <summary>The test profile: the crash tests' scripted model, slowed down, and their counted note tool.</summary>
internal sealed class CountingNotes(string effectsFile) : IAgentRunFactory
{
    public AgentRunner Create(IRuntimeStore store, AgentRunOrder order)
    {
        var parts = order.Profile.Split(':');
        if (parts.Length != 3 || parts[0] != "counting-notes"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var steps)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var modelDelayMs))
        {
            throw new ArgumentException($"Unknown agent profile '{order.Profile}' (expected counting-notes:<steps>:<model delay ms>).", nameof(order));
        }
        var random = new Random(StringComparer.Ordinal.GetHashCode(order.RunId));
        var index = FolderDocumentIndex.FromDocuments(new Dictionary<string, string>
        {
            ["a.md"] = "Compaction fires at 18 counted events.\n\nSnapshots keep the loop counters.",
            ["b.md"] = "Handoff packets carry the scope.\n\nEvidence is stored as pointers.",
        });
        var tools = new ToolRegistry(new ITool[] { new SearchTool(index), new NoteTool(effectsFile, random) });
        var options = new AgentOptions { Session = SessionOptions };
        return new AgentRunner(store, new SlowModel(new CountingModel(steps, random), modelDelayMs), tools, options);
    }

    /// <summary>Compactions every few events, as in the crash tests: failover lands inside and between them.</summary>
    public static RunSessionOptions SessionOptions => new() { Compaction = new CompactionPolicy { EventThreshold = 6 } };
}

/// <summary>Adds a fixed think time to every model call.</summary>
internal sealed class SlowModel(IChatClient inner, int delayMs) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
        return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
    }
}
