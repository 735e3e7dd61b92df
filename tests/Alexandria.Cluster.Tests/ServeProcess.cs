using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Alexandria.Cluster.Tests;

/// <summary><c>alexandria serve</c> as a child process (the CLI as users run it), with the URL it listens on.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public int Pid => _process.Id;

    /// <summary>The files the process has mapped (its loaded assemblies among them), from /proc.</summary>
    public string MappedFiles => File.ReadAllText($"/proc/{_process.Id}/maps");

    public static async Task<ServeProcess> StartAsync(TimeSpan timeout, params string[] arguments)
    {
        var cli = typeof(ServeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AlexandriaCliPath").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add("serve");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var serve = new ServeProcess(Process.Start(start)!);
        serve._process.OutputDataReceived += (_, e) => serve.Heard(e.Data);
        serve._process.ErrorDataReceived += (_, e) => serve.Heard(e.Data);
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        var first = await Task.WhenAny(serve._listening.Task, serve._process.WaitForExitAsync(), Task.Delay(timeout)).ConfigureAwait(false);
        if (first != serve._listening.Task)
        {
            await serve.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"alexandria serve did not start within {timeout.TotalSeconds} s:\n{serve.Output}");
        }
        serve.BaseAddress = new Uri(await serve._listening.Task.ConfigureAwait(false));
        return serve;
    }

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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
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
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"^Alexandria API on (http://[^ ,]+)")]
    private static partial Regex Listening();
}
