using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Alexandria.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb into a temp directory, start on a
/// free 127.0.0.1 port with unix sockets in the same directory and trust auth, and at the end
/// <c>pg_ctl stop -m immediate</c> and delete everything. As root, PostgreSQL refuses to run, so the
/// directory is handed to the <c>postgres</c> user and every server command runs through
/// <c>runuser -u postgres --</c>. A missing PostgreSQL fails the tests; they are never skipped.
/// One source file, linked into every project that needs a cluster (tests, benchmarks, the load test); the xunit
/// projects add <c>IAsyncLifetime</c> in a partial of their own.
/// </summary>
public sealed partial class PostgresCluster : IAsyncDisposable
{
    private const string ServiceUser = "postgres";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new(StringComparer.Ordinal);
    private string? _directory;
    private string? _binDirectory;
    private bool _asServiceUser;
    private int _port;
    private bool _started;
    private string? _serverOptions;
    private PosixSignalRegistration[] _signals = [];

    /// <summary>
    /// Run with the production durability settings (<c>fsync</c>, <c>synchronous_commit</c>, full page writes), for
    /// tests that kill the server itself. Off by default: the shared cluster only ever loses clients, so it trades
    /// durability for speed.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>Connection string of the <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>How long initdb + start took, for the report.</summary>
    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync().ConfigureAwait(false);
        }
        catch
        {
            // Nobody disposes a cluster whose initialisation failed (xunit does not): leave nothing behind.
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        _binDirectory = FindBinDirectory();
        _asServiceUser = Environment.UserName == "root" || IsRoot();
        await ReapAbandonedAsync().ConfigureAwait(false);
        _directory = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        WriteOwner();
        string data = Path.Combine(_directory, "data");
        if (_asServiceUser)
        {
            await RunAsync("chown", new[] { $"{ServiceUser}:", _directory }, asServiceUser: false).ConfigureAwait(false);
        }

        await RunAsync(
            Path.Combine(_binDirectory, "initdb"),
            new[] { "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync" },
            _asServiceUser).ConfigureAwait(false);

        // Unless Durable, the cluster is disposable and durability settings are off for speed: those tests kill
        // the client, never the server.
        string durability = Durable
            ? "-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
            : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        Exception? lastFailure = null;
        for (int attempt = 0; attempt < 3 && !_started; attempt++)
        {
            _port = FreePort();
            _serverOptions = $"-c listen_addresses=127.0.0.1 -p {_port} -c unix_socket_directories={_directory} {durability} -c max_connections=200";
            try
            {
                await StartServerAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                lastFailure = ex;
            }
        }

        if (!_started)
        {
            string log = TryReadLog();
            throw new InvalidOperationException($"PostgreSQL did not start. Server log:\n{log}", lastFailure);
        }

        // A test host that exits, or is stopped with Ctrl-C, SIGTERM or SIGHUP, takes its cluster along; one that is
        // SIGKILLed leaves it to the next start's reaper. (.NET ends on SIGTERM and SIGHUP without ProcessExit, so those
        // two are registered themselves; the handler does not cancel, so the signal then ends the process as usual.)
        AppDomain.CurrentDomain.ProcessExit += StopAtExit;
        Console.CancelKeyPress += StopAtExit;
        _signals = new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => StopAtExit(null, EventArgs.Empty)))
            .ToArray();
        StartupTime = stopwatch.Elapsed;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private async Task StartServerAsync()
    {
        string data = Path.Combine(_directory!, "data");
        await RunAsync(
            Path.Combine(_binDirectory!, "pg_ctl"),
            new[] { "-D", data, "-l", Path.Combine(_directory!, "server.log"), "-w", "-t", "60", "-o", _serverOptions!, "start" },
            _asServiceUser).ConfigureAwait(false);
        _started = true;
    }

    /// <summary>
    /// SIGKILLs the postmaster and every process it started, at once — what a power cut does to the processes
    /// (the kernel's page cache survives, so this proves PostgreSQL's crash recovery and that our writers call
    /// an append acknowledged only after its commit). Linux only: children are found through /proc.
    /// </summary>
    public async Task KillServerAsync()
    {
        string pidFile = Path.Combine(_directory!, "data", "postmaster.pid");
        int postmaster = int.Parse(File.ReadLines(pidFile).First().Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var victims = new List<int> { postmaster };
        victims.AddRange(ProcFs.ChildrenOf(postmaster));
        foreach (int pid in victims)
        {
            ProcFs.Kill(pid);
        }

        _started = false;
        var deadline = Stopwatch.StartNew();
        while (victims.Any(ProcFs.IsAlive))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"PostgreSQL processes {string.Join(", ", victims.Where(ProcFs.IsAlive))} survived SIGKILL.");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the server again after <see cref="KillServerAsync"/>, on the same port: PostgreSQL replays its WAL.</summary>
    public Task RestartServerAsync()
    {
        // A killed postmaster nobody has reaped yet still answers kill(pid, 0), so PostgreSQL would take its
        // lock file for a live server. Every process of the cluster is known dead here (KillServerAsync waited),
        // so its lock file is stale and goes, as PostgreSQL's docs allow once no postmaster runs.
        // The same holds for the unix socket's lock file.
        foreach (string lockFile in Directory.EnumerateFiles(_directory!, ".s.PGSQL.*.lock").Append(Path.Combine(_directory!, "data", "postmaster.pid")))
        {
            if (File.Exists(lockFile) && !ProcFs.IsAlive(int.Parse(File.ReadLines(lockFile).First().Trim(), System.Globalization.CultureInfo.InvariantCulture)))
            {
                File.Delete(lockFile);
            }
        }

        return StartWithLogAsync();
    }

    private async Task StartWithLogAsync()
    {
        try
        {
            await StartServerAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            string log = TryReadLog();
            throw new InvalidOperationException($"PostgreSQL did not restart. End of the server log:\n{log[Math.Max(0, log.Length - 3000)..]}", ex);
        }
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopAtExit;
        Console.CancelKeyPress -= StopAtExit;
        foreach (PosixSignalRegistration signal in _signals)
        {
            signal.Dispose();
        }

        await Task.Run(StopServer).ConfigureAwait(false);
        DeleteDirectory();
    }

    private void StopAtExit(object? sender, EventArgs e)
    {
        StopServer();
        try
        {
            DeleteDirectory();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process is going away; the next start's reaper removes what is left.
        }
    }

    private void DeleteDirectory()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>
    /// The connection string of a fresh database for <paramref name="owner"/> (a test class): created
    /// on first request, then shared by that class's tests.
    /// </summary>
    public Task<string> DatabaseForAsync(Type owner) =>
        _databases.GetOrAdd(owner.FullName ?? owner.Name, _ => new Lazy<Task<string>>(() => CreateDatabaseAsync(owner.Name))).Value;

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string hint)
    {
        string name = "t_" + new string(hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray()) + "_" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = "postgres",
            Database = database,
            IncludeErrorDetail = true,
            MaxPoolSize = 50,
        }.ConnectionString;

    private void StopServer()
    {
        if (!_started || _binDirectory is null || _directory is null)
        {
            return;
        }

        _started = false;
        try
        {
            RunAsync(
                Path.Combine(_binDirectory, "pg_ctl"),
                new[] { "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop" },
                _asServiceUser).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already gone; the directory is removed regardless.
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(directory);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(
                Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out int v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin")));
        }

        foreach (string directory in candidates)
        {
            string initdb = Path.Combine(directory, "initdb");
            if (File.Exists(initdb) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                // /usr/local/bin/initdb is often a symlink: use the real directory so pg_ctl finds postgres.
                FileSystemInfo? target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true);
                return target is null ? directory : Path.GetDirectoryName(target.FullName)!;
            }
        }

        string ci = Environment.GetEnvironmentVariable("CI") == "true"
            ? "CI=true: the Postgres tests are required in CI and fail without a server."
            : "The Postgres tests are never skipped, also outside CI.";
        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
            "Install them (Debian/Ubuntu: apt-get install postgresql) and run the tests again. " + ci);
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadAllLines("/proc/self/status").Any(line => line.StartsWith("Uid:", StringComparison.Ordinal) && line.Split('\t', ' ').Skip(1).Where(p => p.Length > 0).FirstOrDefault() == "0");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string TryReadLog()
    {
        try
        {
            return _directory is null ? string.Empty : File.ReadAllText(Path.Combine(_directory, "server.log"));
        }
        catch (IOException ex)
        {
            return $"(no log: {ex.Message})";
        }
    }

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asServiceUser)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory ?? Path.GetTempPath(),
        };
        if (asServiceUser)
        {
            startInfo.FileName = "runuser";
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(ServiceUser);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(fileName);
        }
        else
        {
            startInfo.FileName = fileName;
        }

        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        // pg_ctl start leaves the server holding our pipes; read only until the command itself exits.
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' did not finish within 120 s.");
        }

        if (process.ExitCode != 0)
        {
            string output = await Collect(stdout, stderr).ConfigureAwait(false);
            string hint = asServiceUser ? $" (run as user '{ServiceUser}' because the tests run as root; does that user exist?)" : string.Empty;
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}{hint}:\n{output}");
        }
    }

    private static async Task<string> Collect(Task<string> stdout, Task<string> stderr)
    {
        var builder = new StringBuilder();
        foreach (Task<string> stream in new[] { stdout, stderr })
        {
            if (await Task.WhenAny(stream, Task.Delay(2000)).ConfigureAwait(false) == stream)
            {
                builder.Append(await stream.ConfigureAwait(false));
            }
        }

        return builder.ToString();
    }
}
