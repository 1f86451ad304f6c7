using System.Security.Cryptography;
using System.Text.RegularExpressions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Host;

namespace EvidenceKit.Core.Tests.Collection;

/// <summary>
/// A live log changes while the copy engine reads it: the bundle holds exactly the bytes read, the hash is of those
/// bytes, and the change is noted. Real files; the change is made from a hook after the first read, never after a sleep.
/// </summary>
public sealed class LiveLogTests : SourceAndTargetTest
{
    private const int Size = 64 * 1024 * 1024;
    private readonly FileSystem _fs = new();
    private readonly HookedSource _hooked;
    private readonly string _path;
    private readonly byte[] _original;

    public LiveLogTests()
        : base("live")
    {
        _original = new byte[Size];
        Random.Shared.NextBytes(_original);
        _path = Source.Write("var/log/app.log", _original);
        _hooked = new(new LinuxSourceFiles(Source.Path));
    }

    private FileRecord Copy(CollectionMode mode = CollectionMode.Analysis)
    {
        var planned = new PlannedFile("E000001", "/var/log/app.log", "data/var/log/app.log", "app", _hooked.Stat("/var/log/app.log")!, null);
        using var store = new LocalDirectoryStore(Target.Path);
        var engine = new CopyEngine(_hooked, store, new CopyOptions(mode, []), AccountNames.Read(new PortableSourceFiles(_fs, Source.Path)));
        var outcome = engine.Copy(planned, "B.partial", CancellationToken.None);
        outcome.Skipped.Should().BeNull(outcome.Skipped?.Reason);
        return outcome.Collected!;
    }

    private string CopyPath => Target.Combine("B.partial", "data", "var", "log", "app.log");

    private static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private string Sha256sumOfCopy() => Run.Tool("sha256sum", [CopyPath]).StdOut[..64];

    [Fact]
    public void A_log_appended_to_at_a_high_rate_during_the_copy_is_collected_as_it_was_at_open_and_flagged_grew_during_copy()
    {
        // Given a writer thread that starts appending as soon as the engine has read its first block
        using var start = new ManualResetEventSlim();
        using var appended = new ManualResetEventSlim();
        var stop = 0;
        var appends = 0;
        var writer = new Thread(() =>
        {
            if (!start.Wait(TimeSpan.FromSeconds(60)))
            {
                return;
            }
            using var log = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            var line = "203.0.113.9 - - [24/Nov/2026:03:12:45 +0000] \"GET /wp-login.php HTTP/1.1\" 404 153 \"-\" \"curl/8.5\"\n"u8.ToArray();
            for (var i = 0; i < 500_000 && Volatile.Read(ref stop) == 0; i++)
            {
                log.Write(line);
                log.Flush();
                appends++;
                appended.Set();
            }
            appended.Set();
        });
        writer.Start();
        _hooked.AfterFirstRead = _ =>
        {
            start.Set();
            appended.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue("the writer must append while the copy runs");
        };

        // When the engine copies the log
        FileRecord record;
        try
        {
            record = Copy();
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            start.Set();
            writer.Join(TimeSpan.FromSeconds(60)).Should().BeTrue();
        }

        // Then it holds exactly the first N bytes of the final file, N being the size at open, hashed as copied
        var final = File.ReadAllBytes(_path);
        appends.Should().BePositive();
        final.Length.Should().BeGreaterThan(Size);
        record.Size.Should().Be(Size);
        var copy = File.ReadAllBytes(CopyPath);
        copy.Length.Should().Be(Size);
        copy.AsSpan().SequenceEqual(final.AsSpan(0, Size)).Should().BeTrue("the bundle holds the first N bytes of the final file");
        record.Sha256.Should().Be(Sha256(final.AsSpan(0, Size))).And.Be(Sha256sumOfCopy());
        var note = record.Notes.Should().ContainSingle().Which;
        var match = Regex.Match(note, @"^grew-during-copy: (\d+) bytes at open, (\d+) after");
        match.Success.Should().BeTrue(note);
        long.Parse(match.Groups[1].Value).Should().Be(Size);
        long.Parse(match.Groups[2].Value).Should().BeGreaterThan(Size).And.BeLessThanOrEqualTo(final.Length);
    }

    [Fact]
    public void A_log_rotated_in_the_middle_of_the_copy_is_collected_from_the_file_opened_and_flagged_replaced_during_copy()
    {
        // Given logrotate renames the log away and the daemon starts a new one while the engine is reading
        var inodeAtOpen = ulong.Parse(Run.Tool("stat", ["-c", "%i", _path]).StdOut.Trim());
        _hooked.AfterFirstRead = _ =>
        {
            File.Move(_path, _path + ".1");
            File.WriteAllText(_path, "first line of the new log\n");
        };

        // When the engine copies it, in prosecution mode (so the copy is also read back)
        var record = Copy(CollectionMode.Prosecution);

        // Then the bytes and the hash are those of the file that was opened, now named app.log.1
        record.Notes.Should().ContainSingle().Which.Should().StartWith("replaced-during-copy");
        record.Size.Should().Be(Size);
        record.Inode.Should().Be(inodeAtOpen);
        File.ReadAllBytes(CopyPath).AsSpan().SequenceEqual(_original).Should().BeTrue();
        record.Sha256.Should().Be(Sha256(_original)).And.Be(Run.Tool("sha256sum", [_path + ".1"]).StdOut[..64]).And.Be(Sha256sumOfCopy());
        record.VerifiedCopySha256.Should().Be(record.Sha256);
    }

    [Fact]
    public void A_log_truncated_during_the_copy_is_flagged_and_hashed_exactly_as_read()
    {
        // Given the log is cut to 4 MiB after the engine has read its first block
        const int cut = 4 * 1024 * 1024;
        _hooked.AfterFirstRead = _ =>
        {
            using var log = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            log.SetLength(cut);
        };

        // When the engine copies it
        var record = Copy();

        // Then the record says so with both sizes, and the hash is that of the bytes in the bundle
        record.Notes.Should().ContainSingle().Which.Should().Be($"truncated-during-copy: {Size} bytes at open, {cut} read");
        record.Size.Should().Be(cut);
        var copy = File.ReadAllBytes(CopyPath);
        copy.AsSpan().SequenceEqual(_original.AsSpan(0, cut)).Should().BeTrue();
        record.Sha256.Should().Be(Sha256(copy)).And.Be(Sha256sumOfCopy());
    }

    [Fact]
    public void A_log_deleted_during_the_copy_is_still_collected_whole_from_the_open_handle_and_flagged()
    {
        _hooked.AfterFirstRead = _ => File.Delete(_path);

        var record = Copy();

        record.Notes.Should().ContainSingle().Which.Should().Be("removed-during-copy");
        record.Size.Should().Be(Size);
        record.Sha256.Should().Be(Sha256(_original)).And.Be(Sha256sumOfCopy());
    }
}
