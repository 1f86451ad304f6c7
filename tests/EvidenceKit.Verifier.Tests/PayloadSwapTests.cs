using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// The attacker's swaps of a small payload file (for a FIFO, a link to an outside copy, an identical copy, the file
/// truncated or grown), each made in one window of the verifier's reading that a subclass opens on the real Linux bag
/// reader (<see cref="Swapping"/>). Whatever takes the file's place is judged on its handle and never followed or
/// opened, and the verdict is INVALID, never VALID and never a crash; an untouched bundle read the same way is VALID.
/// </summary>
public abstract class PayloadSwapTests
{
    protected const string Syslog = "data/var/log/syslog";

    /// <summary>The real Linux bag reader, with <paramref name="swap"/> run in the window under test.</summary>
    protected abstract IBagFilesFactory Swapping(Action swap);

    [Fact]
    public void A_payload_file_swapped_for_a_fifo_is_judged_on_its_handle_and_never_opened()
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
    public void A_payload_file_swapped_for_a_link_to_an_outside_copy_is_not_followed()
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
    public void A_payload_file_replaced_by_an_identical_copy_is_another_file()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var full = builder.PathOf(Syslog);
        var copy = full + ".copy";
        File.Copy(full, copy);

        var report = VerifySwapping(dir, () => File.Move(copy, full, overwrite: true));

        Problem(report).Should().Contain("changed while it was read: it is now another file (not read)");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_payload_file_truncated_or_grown_is_invalid_not_valid(int change)
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

        Problem(report).Should().NotBeEmpty();
    }

    [Fact]
    public void An_untouched_bundle_read_the_same_way_is_valid()
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

    private VerificationReport VerifySwapping(string bundleDir, Action swap)
    {
        var options = new VerificationOptions { Trust = TrustPolicy.None };
        return new BundleVerifier(new FileSystem(), Swapping(swap), new FakeCms(), TimeProvider.System, options).Verify(bundleDir);
    }
}
