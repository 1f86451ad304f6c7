using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// The payload is hashed while the custody manifest and its records are still being read. The attacker changes a
/// payload file in that window: after a hashing worker has taken the file and before it opens it, at the moment the
/// custody manifest is opened (the real Linux bag reader, the two steps held in that order by events, each wait
/// bounded). Whatever took the file's place is judged on its handle and never opened; the verdict is INVALID.
/// </summary>
public sealed class SwapWhileRecordsAreReadTests
{
    private const string Syslog = "data/var/log/syslog";

    [Fact]
    public void A_payload_file_swapped_for_a_fifo_while_the_records_are_read_is_never_opened()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var full = builder.PathOf(Syslog);

        var report = VerifySwapping(dir, () =>
        {
            File.Delete(full);
            Run.Tool("mkfifo", [full]).ExitCode.Should().Be(0);
        });

        Problem(report).Should().Contain("changed while it was read: it is now fifo (not read)");
    }

    [Fact]
    public void A_payload_file_swapped_for_a_link_while_the_records_are_read_is_not_followed()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var full = builder.PathOf(Syslog);
        var outside = Path.Combine(builder.Root, "outside.log");
        File.Copy(full, outside);

        var report = VerifySwapping(dir, () =>
        {
            File.Delete(full);
            File.CreateSymbolicLink(full, outside);
        });

        Problem(report).Should().Contain("changed while it was read: it is now symlink (not read)");
    }

    [Fact]
    public void A_payload_file_replaced_by_an_identical_copy_while_the_records_are_read_is_another_file()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var full = builder.PathOf(Syslog);
        var copy = full + ".copy";
        File.Copy(full, copy);

        var report = VerifySwapping(dir, () => File.Move(copy, full, overwrite: true));

        Problem(report).Should().Contain("changed while it was read: it is now another file (not read)");
    }

    [Fact]
    public void A_payload_file_grown_while_the_records_are_read_is_invalid()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var full = builder.PathOf(Syslog);

        var report = VerifySwapping(dir, () => File.AppendAllText(full, "x"));

        Problem(report).Should().NotBeEmpty();
    }

    [Fact]
    public void An_untouched_bundle_read_with_the_same_hold_is_valid()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();

        var report = VerifySwapping(dir, () => { });

        report.Verdict.Should().Be(Verdict.Valid, string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Detail}")));
    }

    private static string Problem(VerificationReport report)
    {
        report.Verdict.Should().Be(Verdict.Invalid);
        var payload = report.Check(CheckNames.PayloadFiles);
        payload.Outcome.Should().Be(CheckOutcome.Fail);
        return string.Join("\n", payload.Items.Prepend(payload.Detail));
    }

    private static VerificationReport VerifySwapping(string bundleDir, Action swap)
    {
        var options = new VerificationOptions { Trust = TrustPolicy.None };
        return new BundleVerifier(new FileSystem(), new SwapWhileRecordsAreRead(swap), new FakeCms(), TimeProvider.System, options).Verify(bundleDir);
    }

    /// <summary>
    /// The real Linux bag reader. When the custody manifest is opened, <c>swap</c> runs once a worker has taken the
    /// syslog to hash (or after at most 10 s, when hashing has not begun); the worker opens it only after the swap.
    /// </summary>
    private sealed class SwapWhileRecordsAreRead(Action swap) : IBagFilesFactory
    {
        public IBagFiles Open(string root) => new Reader(new LinuxBagFilesFactory().Open(root), swap);

        private sealed class Reader(IBagFiles inner, Action swap) : IBagFiles
        {
            private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
            private readonly ManualResetEventSlim _taken = new();
            private readonly ManualResetEventSlim _swapped = new();

            public IEnumerable<BagEntry> Walk(CancellationToken cancellationToken) => inner.Walk(cancellationToken);

            public Stream OpenRegular(BagEntry entry)
            {
                if (entry.BagPath == "custody/manifest.json" && !_swapped.IsSet)
                {
                    _taken.Wait(Bound);
                    swap();
                    _swapped.Set();
                }
                else if (entry.BagPath == Syslog)
                {
                    HoldUntilSwapped();
                }
                return inner.OpenRegular(entry);
            }

            public int ReadWhole(ReadOnlySpan<byte> bagPath, ulong device, ulong inode, long length, Span<byte> buffer)
            {
                if (bagPath.SequenceEqual("data/var/log/syslog"u8))
                {
                    HoldUntilSwapped();
                }
                return inner.ReadWhole(bagPath, device, inode, length, buffer);
            }

            public void Dispose()
            {
                inner.Dispose();
                _taken.Dispose();
                _swapped.Dispose();
            }

            private void HoldUntilSwapped()
            {
                _taken.Set();
                _swapped.Wait(Bound);
            }
        }
    }
}
