using System.IO;
using System.Runtime.CompilerServices;

namespace Alexandria.Generators.Tests.Infrastructure;

/// <summary>
/// Snapshot testing without Verify (not served here): compares text with a checked-in
/// <c>*.verified.cs</c>; on a difference writes <c>*.received.cs</c> beside it and fails.
/// Accept a change by renaming received to verified (or run with ALEXANDRIA_ACCEPT_SNAPSHOTS=1).
/// </summary>
public static class SnapshotAssert
{
    public static void Matches(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        Directory.CreateDirectory(folder);
        var verified = Path.Combine(folder, name + ".verified.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");

        if (System.Environment.GetEnvironmentVariable("ALEXANDRIA_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No verified snapshot for '{name}'. Review {received} and rename it to {Path.GetFileName(verified)}."
            : $"Snapshot '{name}' differs from {verified}. Review {received}; if the change is intended, rename it to .verified.cs.");
    }
}
