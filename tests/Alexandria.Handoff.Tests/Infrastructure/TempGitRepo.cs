using System;
using System.IO;
using Alexandria.Handoff;
using Alexandria.Handoff.Git;
using Microsoft.Extensions.Time.Testing;

namespace Alexandria.Handoff.Tests.Infrastructure;

/// <summary>A real git repository in a temporary folder (user.name/email set locally), removed afterwards.</summary>
public sealed class TempGitRepo : IDisposable
{
    public TempGitRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "alx-handoff-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Handoff Test");
        Git("config", "user.email", "handoff@test.invalid");
        Git("config", "commit.gpgsign", "false");
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 6, 9, 0, 0, TimeSpan.Zero));
    }

    public string Root { get; }

    public FakeTimeProvider Time { get; }

    public HandoffWorkspace Workspace() => new(Root, Time);

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    public bool Exists(string relative) => File.Exists(Path.Combine(Root, relative));

    /// <summary>Stages everything and commits; returns the commit id.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] arguments)
    {
        var result = new GitCli(Root).Run(arguments);
        if (!result.Ok)
        {
            throw new InvalidOperationException("git " + string.Join(' ', arguments) + " failed: " + result.Error);
        }

        return result.Output;
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
