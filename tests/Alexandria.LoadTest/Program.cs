using System;
using System.Globalization;
using System.IO;
using Alexandria.LoadTest;
using Alexandria.Server;
using Microsoft.Extensions.Logging;

// dotnet run -c Release --project tests/Alexandria.LoadTest -- [clients=4] [seconds=30] [batch=100] [shared]
// Starts a throwaway PostgreSQL cluster and the server on a free loopback port, drives it, prints a
// Markdown row for docs/benchmarks.md, and exits 1 if any acknowledged event is missing.
var clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var shared = args.Length > 3 && args[3] == "shared";
if (clients is < 1 or > 64 || seconds is < 1 or > 600 || batch is < 1 or > 1000)
{
    Console.Error.WriteLine("clients must be 1..64, seconds 1..600, batch 1..1000.");
    return 2;
}

await using var cluster = new PostgresCluster();
await cluster.InitializeAsync();
var directory = Path.Combine(Path.GetTempPath(), "alexandria-load-" + Guid.NewGuid().ToString("N"));
await using var host = await AlexandriaServerHost.StartAsync(new AlexandriaServerOptions
{
    Urls = ["http://127.0.0.1:0"],
    StoreDirectory = directory,
    PostgresConnectionString = await cluster.CreateDatabaseAsync("load"),
    MinimumLogLevel = LogLevel.Warning,
    Configure = settings => settings.InsecureNoAuth = true, // loopback only: the driver measures the runtime, not authentication
});
Console.WriteLine($"server {host.Addresses[0]} on PostgreSQL (cluster up in {cluster.StartupTime.TotalSeconds:F1} s); {clients} clients x {seconds} s, batches of {batch}{(shared ? ", all on one run" : ", a run each")}");

var report = await LoadDriver.RunAsync(new Uri(host.Addresses[0]), new LoadOptions(clients, TimeSpan.FromSeconds(seconds), batch, shared));
if (Directory.Exists(directory))
{
    Directory.Delete(directory, recursive: true);
}

Console.WriteLine("| clients | runs | duration | batch | requests | events | requests/s | events/s | p50 | p99 | max | conflicts | failures | lost |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {clients} | {(shared ? "one shared" : "one each")} | {report.Elapsed.TotalSeconds:F1} s | {batch} | {report.Requests:N0} | {report.Events:N0} | {report.RequestsPerSecond:N0} | {report.EventsPerSecond:N0} | {report.P50.TotalMilliseconds:F1} ms | {report.P99.TotalMilliseconds:F1} ms | {report.Max.TotalMilliseconds:F1} ms | {report.Conflicts} | {report.Failures} | {report.CountMismatches.Count} |"));
foreach (var mismatch in report.CountMismatches)
{
    Console.Error.WriteLine("LOST: " + mismatch);
}
return report.CountMismatches.Count == 0 && report.Failures == 0 ? 0 : 1;
