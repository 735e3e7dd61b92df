using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Cluster.Tests;

/// <summary>
/// One silo as a real child process (tests/Alexandria.Cluster.SiloHost): started, waited for until it has joined the
/// cluster, paused (SIGSTOP) and SIGKILLed. Its output is drained all along (a full pipe would stall it) and kept for failure messages.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<string>? _checked;

    private SiloProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>The silo's address as the membership table and the run queue record it.</summary>
    public string Address { get; private set; } = "";

    public bool Killed { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="environment">Extra environment variables, e.g. <c>Alexandria__Cluster__ProbeTimeout</c>.</param>
    public static async Task<SiloProcess> StartAsync(string root, string postgres, string clusterId, string effectsFile, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var host = typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ClusterSiloHostPath").Value!;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { host, root, postgres, clusterId, port.ToString(CultureInfo.InvariantCulture), effectsFile })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var silo = new SiloProcess(Process.Start(start)!, port);
        silo._process.OutputDataReceived += (_, e) => silo.Heard(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Heard(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var exited = silo._process.WaitForExitAsync();
        var first = await Task.WhenAny(silo._ready.Task, exited, Task.Delay(timeout)).ConfigureAwait(false);
        if (first != silo._ready.Task)
        {
            await silo.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Silo on port {port} did not join within {timeout.TotalSeconds} s (exited: {silo._process.HasExited}):\n{silo.Output}");
        }
        silo.Address = await silo._ready.Task.ConfigureAwait(false);
        return silo;
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster; returns the moment it was sent.</summary>
    public async Task<DateTimeOffset> KillAsync()
    {
        var at = DateTimeOffset.UtcNow;
        _process.Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
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
        await _process.StandardInput.WriteLineAsync(FormattableString.Invariant($"check {port}")).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        return await answer.Task.WaitAsync(timeout).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Continue();
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }

    private void Heard(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
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
        if (!_process.HasExited && kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
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
