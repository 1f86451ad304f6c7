using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// The attacker changes a small payload file after the verifier's one walk listed it and before it is hashed (the
/// window of the small-file read, which reads without a stream): the real Linux bag reader, with the change made at
/// the very end of the walk. Whatever takes the file's place is never followed or opened, and the verdict is
/// INVALID, never VALID and never a crash.
/// </summary>
public sealed class SwapAfterWalkTests
{
    private const string Syslog = "data/var/log/syslog";

    [Fact]
    public void A_small_file_swapped_for_a_fifo_after_the_walk_is_judged_on_its_handle_and_never_opened()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var full = builder.PathOf(Syslog);

        var report = VerifySwapping(dir, () =>
        {
            File.Delete(full);
            Run.Tool("mkfifo", [full]).ExitCode.Should().Be(0);
        });

        report.Verdict.Should().Be(Verdict.Invalid);
        Problem(report).Should().Contain("changed while it was read: it is now fifo (not read)");
    }

    [Fact]
    public void A_small_file_swapped_for_a_link_to_an_outside_copy_after_the_walk_is_not_followed()
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

        report.Verdict.Should().Be(Verdict.Invalid);
        Problem(report).Should().Contain("changed while it was read: it is now symlink (not read)");
    }

    [Fact]
    public void A_small_file_replaced_by_an_identical_copy_after_the_walk_is_another_file()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var full = builder.PathOf(Syslog);
        var copy = full + ".copy";
        File.Copy(full, copy);

        var report = VerifySwapping(dir, () => File.Move(copy, full, overwrite: true));

        report.Verdict.Should().Be(Verdict.Invalid);
        Problem(report).Should().Contain("changed while it was read: it is now another file (not read)");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_small_file_truncated_or_grown_after_the_walk_is_invalid_not_valid(int change)
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var full = builder.PathOf(Syslog);
        var bytes = File.ReadAllBytes(full);

        var report = VerifySwapping(dir, () =>
        {
            // Same inode, other length: only the bytes read can tell.
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write);
            if (change < 0)
            {
                stream.SetLength(bytes.Length - 1);
            }
            else
            {
                stream.Seek(0, SeekOrigin.End);
                stream.WriteByte((byte)'x');
            }
        });

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.PayloadFiles).Outcome.Should().Be(CheckOutcome.Fail);
    }

    [Fact]
    public void An_untouched_bundle_read_through_the_same_path_is_valid()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();

        var report = VerifySwapping(dir, () => { });

        report.Verdict.Should().Be(Verdict.Valid, string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Detail}")));
    }

    private static string Problem(VerificationReport report)
    {
        var payload = report.Check(CheckNames.PayloadFiles);
        payload.Outcome.Should().Be(CheckOutcome.Fail);
        return string.Join("\n", payload.Items.Prepend(payload.Detail));
    }

    private static VerificationReport VerifySwapping(string bundleDir, Action swap)
    {
        var options = new VerificationOptions { Trust = TrustPolicy.None };
        return new BundleVerifier(new FileSystem(), new SwapAfterWalk(swap), new FakeCms(), TimeProvider.System, options).Verify(bundleDir);
    }

    /// <summary>The real Linux bag reader, with <c>swap</c> run once the walk has listed every entry.</summary>
    private sealed class SwapAfterWalk(Action swap) : IBagFilesFactory
    {
        public IBagFiles Open(string root) => new Reader(new LinuxBagFilesFactory().Open(root), swap);

        private sealed class Reader(IBagFiles inner, Action swap) : IBagFiles
        {
            public IEnumerable<BagEntry> Walk(CancellationToken cancellationToken)
            {
                foreach (var entry in inner.Walk(cancellationToken))
                {
                    yield return entry;
                }
                swap();
            }

            public Stream OpenRegular(BagEntry entry) => inner.OpenRegular(entry);

            public int ReadWhole(ReadOnlySpan<byte> bagPath, ulong device, ulong inode, long length, Span<byte> buffer) =>
                inner.ReadWhole(bagPath, device, inode, length, buffer);

            public void Dispose() => inner.Dispose();
        }
    }
}
