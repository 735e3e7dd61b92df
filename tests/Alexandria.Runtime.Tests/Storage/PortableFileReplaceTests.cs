using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Runtime.Storage;
using Xunit;

namespace Alexandria.Runtime.Tests.Storage;

/// <summary>
/// The Windows fallback for rename-over (a target held open without delete sharing) is exercised here on
/// any OS by injecting the failures Windows raises; the real rename-over-an-open-reader runs for real.
/// </summary>
public sealed class PortableFileReplaceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("alx-replace-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_target_open_in_a_shared_reader_is_replaced_and_the_reader_keeps_the_old_bytes()
    {
        string target = Path.Combine(_dir, "object");
        string source = Path.Combine(_dir, ".tmp-new");
        await File.WriteAllTextAsync(target, "old");
        await File.WriteAllTextAsync(source, "new");

        await using (FileStream reader = PortableFileReplace.OpenSharedRead(target))
        {
            PortableFileReplace.Replace(source, target);
            var buffer = new byte[3];
            await reader.ReadExactlyAsync(buffer);
            Assert.Equal("old", System.Text.Encoding.ASCII.GetString(buffer));
        }

        Assert.Equal("new", await File.ReadAllTextAsync(target));
        Assert.False(File.Exists(source));
        Assert.Equal("new"u8.ToArray(), await PortableFileReplace.ReadAllBytesSharedAsync(target, CancellationToken.None));
    }

    [Theory]
    [InlineData(32)] // ERROR_SHARING_VIOLATION
    [InlineData(33)] // ERROR_LOCK_VIOLATION
    public void A_sharing_violation_is_retried_with_growing_pauses_until_the_move_succeeds(int win32Error)
    {
        int calls = 0;
        var pauses = new List<TimeSpan>();
        PortableFileReplace.Replace("a", "b",
            (_, _) =>
            {
                if (++calls < 3)
                {
                    throw new IOException("The process cannot access the file", unchecked((int)0x80070000) | win32Error);
                }
            },
            pauses.Add);

        Assert.Equal(3, calls);
        Assert.Equal([PortableFileReplace.FirstPause, PortableFileReplace.FirstPause * 2], pauses);
    }

    [Fact]
    public void Access_denied_on_a_file_pending_delete_is_retried_too()
    {
        int calls = 0;
        PortableFileReplace.Replace("a", "b", (_, _) => { if (++calls == 1) { throw new UnauthorizedAccessException(); } }, _ => { });
        Assert.Equal(2, calls);
    }

    [Fact]
    public void A_target_that_stays_locked_is_reported_by_name_after_the_bounded_attempts()
    {
        int calls = 0;
        var error = Assert.Throws<IOException>(() => PortableFileReplace.Replace("a", Path.Combine("runs", "r1", "held"),
            (_, _) => { calls++; throw new UnauthorizedAccessException("denied"); }, _ => { }));

        Assert.Equal(PortableFileReplace.Attempts, calls);
        Assert.Contains(Path.Combine("runs", "r1", "held"), error.Message, StringComparison.Ordinal);
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
    }

    [Fact]
    public void Errors_that_are_not_sharing_violations_are_not_retried()
    {
        int calls = 0;
        Assert.Throws<DirectoryNotFoundException>(() => PortableFileReplace.Replace("a", "b",
            (_, _) => { calls++; throw new DirectoryNotFoundException(); }, _ => { }));
        Assert.Equal(1, calls);
    }
}
