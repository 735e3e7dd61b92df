using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Alexandria.Cluster.Tests;

/// <summary><c>alexandria serve</c> as a child process (the CLI as users run it), with the URL it listens on.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChildProcess _process = null!;

    private ServeProcess()
    {
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int Pid => _process.Pid;

    /// <summary>The files the process has mapped (its loaded assemblies among them), from /proc.</summary>
    public string MappedFiles => File.ReadAllText($"/proc/{_process.Pid}/maps");

    public string Output => _process.Output;

    public static Task<ServeProcess> StartAsync(TimeSpan timeout, params string[] arguments) => StartAsync(timeout, [], arguments);

    /// <param name="environment">Extra environment variables, e.g. <c>Alexandria__Cluster__DistributedGrainDirectory</c>.</param>
    public static async Task<ServeProcess> StartAsync(TimeSpan timeout, (string Name, string Value)[] environment, params string[] arguments)
    {
        var cli = typeof(ServeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AlexandriaCliPath").Value!;
        var serve = new ServeProcess();
        serve._process = ChildProcess.Start(cli, ["serve", .. arguments], serve.Heard, redirectInput: false, environment);
        if (!await serve._process.WaitReadyAsync(serve._listening.Task, timeout).ConfigureAwait(false))
        {
            await serve.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"alexandria serve did not start within {timeout.TotalSeconds} s:\n{serve.Output}");
        }
        serve.BaseAddress = new Uri(await serve._listening.Task.ConfigureAwait(false));
        return serve;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private void Heard(string line)
    {
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"^Alexandria API on (http://[^ ,]+)")]
    private static partial Regex Listening();
}
