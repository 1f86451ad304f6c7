using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Platform;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Signing.Keys;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Custody;

/// <summary>
/// <c>custody add</c> as a dishonest handler of the bundle would attack it: paths swapped for links between its
/// verification and its write, and the process killed at every step of the write. Nothing is ever written outside the
/// bundle, and whatever instant it stops at, the listed files stay intact and a later add leaves a bundle that verifies.
/// </summary>
public sealed class CustodyAddAttackTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    private readonly FileSystem _fs = new();

    private ISigner Signer() => Pkcs12KeyLoader.Load(bundles.Key("examiner"), CustodyBundles.Passphrase, TimeProvider.System).Signer;

    private static CustodyEventDetails Details => new(CustodyEventKinds.Access, "Test Examiner", "EvidenceKit TEST ONLY", Purpose: "review");

    private Task<AppendedCustodyEvent> Add(string bundle, Func<string, ITargetStore>? store = null) =>
        new CustodyEventAppender(_fs, store is null ? new LocalDirectoryStoreFactory() : new StoreFactory(store), TimeProvider.System)
            .AppendAsync(bundle, Details, Signer(), null, null, CancellationToken.None);

    /// <summary>Opens the test's fault-injecting store on the bundle directory.</summary>
    private sealed class StoreFactory(Func<string, ITargetStore> open) : ITargetStoreFactory
    {
        public ITargetStore OpenDirectory(string root) => open(root);
    }

    private (string Outside, IReadOnlyDictionary<string, string> Before) Sentinel()
    {
        var outside = bundles.NewDirectory("outside");
        File.WriteAllText(Path.Combine(outside, "precious.txt"), "not the bundle's\n");
        return (outside, TreeSnapshot.Take(outside));
    }

    private static string Copy(string bundle, string into)
    {
        Run.Tool("cp", ["-a", bundle, into]).ExitCode.Should().Be(0);
        return Path.Combine(into, Path.GetFileName(bundle));
    }

    private void AssertVerifies(string bundle, string because)
    {
        var verify = bundles.Verify(bundle, "--trust", bundles.Root);
        verify.ExitCode.Should().Be(0, $"{because}: {verify}");
    }

    [Fact]
    public async Task Custody_events_swapped_for_a_link_to_an_outside_folder_makes_add_refuse_and_writes_nothing_outside()
    {
        var bundle = bundles.Collect();
        var (outside, before) = Sentinel();
        var events = Path.Combine(bundle, BundleLayout.EventsDir);
        Directory.Move(events, events + ".real");
        Directory.CreateSymbolicLink(events, outside);

        var add = () => Add(bundle);

        await add.Should().ThrowAsync<CustodyException>();
        TreeSnapshot.Take(outside).Should().Equal(before);
    }

    [Fact]
    public async Task Custody_events_raced_with_a_link_while_adds_run_never_gets_a_byte_written_outside()
    {
        var bundle = bundles.Collect();
        var (outside, before) = Sentinel();
        var events = Path.Combine(bundle, BundleLayout.EventsDir);
        using var stop = new CancellationTokenSource();
        var swaps = 0;
        void Restore()
        {
            if (new FileInfo(events).LinkTarget is not null)
            {
                File.Delete(events);
            }
            if (Directory.Exists(events + ".real"))
            {
                if (Directory.Exists(events))
                {
                    // The add made a fresh custody/events while the real one was away.
                    Directory.Delete(events, recursive: true);
                }
                Directory.Move(events + ".real", events);
            }
        }
        var racer = Task.Run(() =>
        {
            // Bounded: at most 20,000 swaps, and stops when the adds are done.
            while (!stop.IsCancellationRequested && swaps < 20_000)
            {
                try
                {
                    Directory.Move(events, events + ".real");
                    Directory.CreateSymbolicLink(events, outside);
                    Thread.Yield();
                    Restore();
                    swaps++;
                }
                catch (IOException)
                {
                    Restore();
                }
            }
        });
        var refused = 0;
        for (var i = 0; i < 30; i++)
        {
            try
            {
                await Add(bundle);
            }
            catch (CustodyException)
            {
                refused++;
            }
        }
        await stop.CancelAsync();
        await racer;

        swaps.Should().BeGreaterThan(0);
        TreeSnapshot.Take(outside).Should().Equal(before, $"{swaps} swaps, {refused} adds refused");
    }

    [Fact]
    public async Task Temporary_names_planted_as_links_to_an_outside_file_are_replaced_never_written_through()
    {
        var bundle = bundles.Collect();
        var (outside, before) = Sentinel();
        var target = Path.Combine(outside, "precious.txt");
        File.CreateSymbolicLink(Path.Combine(bundle, BundleLayout.TagManifest + ".new"), target);
        File.CreateSymbolicLink(Path.Combine(bundle, BundleLayout.EventsDir, CustodyAddFiles.TemporaryPrefix + BundleLayout.TagManifest), target);
        File.CreateSymbolicLink(Path.Combine(bundle, BundleLayout.EventsDir, CustodyAddFiles.TemporaryPrefix + "000002.json"), target);

        var added = await Add(bundle);

        added.Path.Should().Be(CustodyPaths.Event(2));
        TreeSnapshot.Take(outside).Should().Equal(before);
        File.Delete(Path.Combine(bundle, BundleLayout.TagManifest + ".new"));
        AssertVerifies(bundle, "the planted links were replaced by the add's own files and renamed away");
    }

    [Fact]
    public async Task Custody_add_killed_after_any_step_leaves_a_bundle_that_verifies_and_a_later_add_leaves_one_too()
    {
        var pristine = bundles.Collect();
        var counting = new List<KillingStore>();
        await Add(Copy(pristine, bundles.NewDirectory("count")), root =>
        {
            var store = new KillingStore(new LocalDirectoryStore(root), int.MaxValue);
            counting.Add(store);
            return store;
        });
        var steps = counting.Single().Steps;
        steps.Should().BeGreaterThan(8, "an add writes, fsyncs and renames several files");

        for (var step = 1; step <= steps; step++)
        {
            var bundle = Copy(pristine, bundles.NewDirectory($"kill-{step:D2}"));
            var killed = () => Add(bundle, root => new KillingStore(new LocalDirectoryStore(root), step));
            await killed.Should().ThrowAsync<CustodyException>($"the store dies after step {step}");

            var listed = Run.Tool("sha256sum", ["-c", "--strict", "--quiet", BundleLayout.TagManifest], workingDirectory: bundle);
            listed.ExitCode.Should().Be(0, $"killed after step {step}, every listed tag file is intact: {listed}");
            foreach (var json in Directory.GetFiles(Path.Combine(bundle, BundleLayout.EventsDir), "??????.json"))
            {
                var cms = Run.Tool("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", json + ".p7s", "-content", json,
                    "-CAfile", bundles.Root, "-purpose", "any", "-out", "/dev/null"]);
                cms.ExitCode.Should().Be(0, $"killed after step {step}, {Path.GetFileName(json)} is complete and signed: {cms}");
            }
            AssertVerifies(bundle, $"killed after step {step}, before anything else touched it (the old state or the new)");

            var later = await Add(bundle);

            later.Path.Should().BeOneOf(CustodyPaths.Event(2), CustodyPaths.Event(3));
            Directory.GetFiles(Path.Combine(bundle, BundleLayout.EventsDir), CustodyAddFiles.TemporaryPrefix + "*").Should().BeEmpty();
            AssertVerifies(bundle, $"killed after step {step}, then added again");
        }
    }

    [Fact]
    public void A_planted_file_under_a_temporary_name_no_add_uses_is_not_ignored_and_makes_the_bundle_invalid()
    {
        var bundle = bundles.Collect();
        File.WriteAllText(Path.Combine(bundle, BundleLayout.EventsDir, CustodyAddFiles.TemporaryPrefix + "court-note.txt"), "the examiner agrees");

        var verify = bundles.Verify(bundle, "--trust", bundles.Root);

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.StdOut.Should().Contain("court-note.txt");
    }

    [Fact]
    public void A_leftover_of_an_interrupted_add_is_named_never_read_and_the_bundle_stays_valid()
    {
        var bundle = bundles.Collect();
        File.WriteAllText(Path.Combine(bundle, BundleLayout.EventsDir, CustodyAddFiles.TemporaryPrefix + "000002.json"), "{\"kind\": \"forged\"}");

        var verify = bundles.Verify(bundle, "--trust", bundles.Root, "--verbose");

        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.StdOut.Should().Contain(".add-tmp-000002.json").And.Contain("interrupted custody add").And.NotContain("forged");
    }
}
