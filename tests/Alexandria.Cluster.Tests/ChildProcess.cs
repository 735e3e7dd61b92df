using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace Alexandria.Cluster.Tests;

/// <summary>
/// A <c>dotnet &lt;assembly&gt;</c> child process of the tests (a silo host, <c>alexandria serve</c>): its output is drained all
/// along (a full pipe would stall it), kept for failure messages and handed line by line to the owner; disposing kills it.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Action<string> _heard;

    private ChildProcess(Process process, Action<string> heard)
    {
        Process = process;
        _heard = heard;
    }

    public Process Process { get; }

    public int Pid => Process.Id;

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

    /// <param name="heard">Called with every line the process writes (stdout and stderr), after it is kept.</param>
    public static ChildProcess Start(string assembly, IEnumerable<string> arguments, Action<string> heard, bool redirectInput = false, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var child = new ChildProcess(Process.Start(start)!, heard);
        child.Process.OutputDataReceived += (_, e) => child.Heard(e.Data);
        child.Process.ErrorDataReceived += (_, e) => child.Heard(e.Data);
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    /// <summary>True once <paramref name="ready"/> completes; false when the process exits first or the time is up.</summary>
    public async Task<bool> WaitReadyAsync(Task ready, TimeSpan timeout)
        => await Task.WhenAny(ready, Process.WaitForExitAsync(), Task.Delay(timeout)).ConfigureAwait(false) == ready;

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
            await Process.WaitForExitAsync().ConfigureAwait(false);
        }
        Process.Dispose();
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
        _heard(line);
    }
}
