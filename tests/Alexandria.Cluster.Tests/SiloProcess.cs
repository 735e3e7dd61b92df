using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Alexandria.Cluster.Tests;

/// <summary>
/// One silo as a real child process (tests/Alexandria.Cluster.SiloHost): started, waited for until it has joined the
/// cluster, paused (SIGSTOP) and SIGKILLed. Its output is kept for failure messages (<see cref="ChildProcess"/>).
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChildProcess _process = null!;
    private TaskCompletionSource<string>? _checked;

    private SiloProcess(int port) => Port = port;

    public int Port { get; }

    public int Pid => _process.Pid;

    /// <summary>The silo's address as the membership table and the run queue record it.</summary>
    public string Address { get; private set; } = "";

    public bool Killed { get; private set; }

    public string Output => _process.Output;

    /// <param name="environment">Extra environment variables, e.g. <c>Alexandria__Cluster__ProbeTimeout</c>.</param>
    public static async Task<SiloProcess> StartAsync(string root, string postgres, string clusterId, string effectsFile, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var host = typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ClusterSiloHostPath").Value!;
        var port = FreePort();
        var silo = new SiloProcess(port);
        silo._process = ChildProcess.Start(host, [root, postgres, clusterId, port.ToString(CultureInfo.InvariantCulture), effectsFile], silo.Heard, redirectInput: true, environment);
        if (!await silo._process.WaitReadyAsync(silo._ready.Task, timeout).ConfigureAwait(false))
        {
            var exited = silo._process.Process.HasExited;
            await silo.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Silo on port {port} did not join within {timeout.TotalSeconds} s (exited: {exited}):\n{silo.Output}");
        }
        silo.Address = await silo._ready.Task.ConfigureAwait(false);
        return silo;
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster; returns the moment it was sent.</summary>
    public async Task<DateTimeOffset> KillAsync()
    {
        var at = DateTimeOffset.UtcNow;
        _process.Process.Kill();
        await _process.Process.WaitForExitAsync().ConfigureAwait(false);
        Killed = true;
        return at;
    }

    /// <summary>SIGSTOP: the process stops running, its kernel still accepts connections to its ports.</summary>
    public void Pause() => Signal(SigStop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Continue() => Signal(SigCont);

    /// <summary>
    /// Has this silo's fast death detector check the silo on <paramref name="port"/> as if a connection to it had ended;
    /// returns its answer line ("&lt;verdict&gt; &lt;declared&gt;").
    /// </summary>
    public async Task<string> CheckPeerAsync(int port, TimeSpan timeout)
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _checked = answer;
        await _process.Process.StandardInput.WriteLineAsync(FormattableString.Invariant($"check {port}")).ConfigureAwait(false);
        await _process.Process.StandardInput.FlushAsync().ConfigureAwait(false);
        return await answer.Task.WaitAsync(timeout).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // A paused process is let go on first, so the kill is not left pending.
        Continue();
        await _process.DisposeAsync().ConfigureAwait(false);
    }

    private void Heard(string line)
    {
        if (line.StartsWith("ready ", StringComparison.Ordinal))
        {
            _ready.TrySetResult(line["ready ".Length..]);
        }
        if (line.StartsWith("checked ", StringComparison.Ordinal))
        {
            _checked?.TrySetResult(line[(line.IndexOf(' ', "checked ".Length) + 1)..]);
        }
    }

    private void Signal(int signal)
    {
        if (!_process.Process.HasExited && kill(_process.Pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private const int SigCont = 18;
    private const int SigStop = 19;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
