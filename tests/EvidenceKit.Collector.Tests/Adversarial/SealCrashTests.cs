using Microsoft.Extensions.Logging.Abstractions;
using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Collector.Commands;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Platform;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Signing.Keys;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// The collector killed at every step of sealing (a store that dies right after its n-th create, flush, rename or
/// delete, over the real bundle writer): what is left either verifies as sealed, or is a .partial that the real
/// <c>evidencekit-collect --resume</c> seals into a bundle that <c>evidencekit-verify</c> and <c>sha256sum -c</c> accept.
/// </summary>
public sealed class SealCrashTests : IClassFixture<TestPki>, IDisposable
{
    private readonly TestPki _pki;
    private readonly TempDirectory _root = new("ek-seal-root-");
    private readonly TempDirectory _work = new("ek-seal-work-");
    private readonly FileSystem _fs = new();

    public SealCrashTests(TestPki pki)
    {
        _pki = pki;
        _root.Write("var/log/app/app.log", "GET /login 200\nPOST /shell.php 200\n");
        _root.Write("var/log/app/app.log.1", "older lines\n");
        _root.Write("var/log/app/error.log", "PHP warning\n");
        _root.Write("profile.yaml", "name: profile\ndescription: test\ntargets:\n  - name: app\n    description: app\n    category: application\n    paths: [/var/log/app/*]\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _work.Dispose();
    }

    private string[] Arguments(string target) =>
    [
        "--profile", _root.Combine("profile.yaml"), "--root", _root.Path, "--target", target, "--case", "SEAL-7", "--mode", "prosecution",
        "--key", _pki.Examiner, "--examiner", "Test Examiner", "--org", "EvidenceKit TEST ONLY",
    ];

    private async Task<KillingStore> CollectKilledAfter(int step, string target)
    {
        using var source = new LinuxSourceFiles(_root.Path);
        var profile = ProfileResolution.Resolve(_fs, null, _root.Combine("profile.yaml"), source);
        var plan = new CollectionPlanner(source, Discovery.Registry).Plan(profile, new PlanningOptions());
        var key = Pkcs12KeyLoader.Load(_pki.Examiner, TestPki.Passphrase, TimeProvider.System);
        var request = new CollectionRequest
        {
            Mode = CollectionMode.Prosecution,
            Case = new CaseRecord { Id = "SEAL-7" },
            Examiner = new ExaminerRecord { Name = "Test Examiner", Organization = "EvidenceKit TEST ONLY" },
            Signer = key.Signer,
            Host = new HostRecord { Hostname = "web01" },
            Tool = new ToolRecord { Name = "evidencekit-collect", Version = "test" },
            Parallelism = 1,
        };
        // Counting starts when the sealer touches its first tag file (bagit.txt).
        var store = new KillingStore(new LocalDirectoryStore(target), step, path => path.EndsWith("/" + BundleLayout.BagitTxt, StringComparison.Ordinal));
        using var log = new AcquisitionLogSink();
        try
        {
            var collector = new Core.Collection.Collector(source, store, AccountNames.Read(source), TimeProvider.System, NullLogger.Instance);
            await collector.RunAsync(plan, request, log, null, Arguments(target), CancellationToken.None);
        }
        catch (IOException) when (store.Killed)
        {
            // The "process" died mid-step.
        }
        finally
        {
            store.Dispose();
        }
        return store;
    }

    private void AssertVerifies(string bundle)
    {
        var verify = Run.Executable("evidencekit-verify", [bundle, "--trust", _pki.RootCertificate]);
        verify.ExitCode.Should().Be(0, verify.ToString());
        Run.Tool("sha256sum", ["-c", "--strict", "--quiet", BundleLayout.PayloadManifest], workingDirectory: bundle).ExitCode.Should().Be(0);
        Run.Tool("sha256sum", ["-c", "--strict", "--quiet", BundleLayout.TagManifest], workingDirectory: bundle).ExitCode.Should().Be(0);
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Files.Should().HaveCount(3);
        foreach (var file in manifest.Files)
        {
            File.ReadAllBytes(Path.Combine(bundle, file.BagPath)).Should().Equal(File.ReadAllBytes(_root.Combine(file.SourcePath.TrimStart('/'))));
        }
    }

    [Fact]
    public async Task A_collection_killed_after_any_step_of_sealing_is_sealed_and_verifies_or_resumes_into_a_bundle_that_verifies()
    {
        var clean = await CollectKilledAfter(int.MaxValue, _work.MakeDirectory("clean"));
        clean.Killed.Should().BeFalse();
        var steps = clean.Steps;
        steps.Should().BeGreaterThan(20, "sealing has that many creates, flushes, renames and deletes");
        AssertVerifies(Directory.GetDirectories(_work.Combine("clean")).Single());

        var renamedOnly = 0;
        for (var step = 1; step <= steps; step++)
        {
            var target = _work.MakeDirectory($"kill-{step:D2}");
            (await CollectKilledAfter(step, target)).Killed.Should().BeTrue($"step {step} of {steps} is reached");

            var partial = Directory.GetDirectories(target, "*" + BundleLayout.PartialSuffix).SingleOrDefault();
            if (partial is not null)
            {
                var resume = Run.Executable("evidencekit-collect", ["--resume", partial], environment: new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = TestPki.Passphrase });
                resume.ExitCode.Should().Be(0, $"killed after step {step}: {resume}");
                renamedOnly += resume.StdOut.Contains("only renamed", StringComparison.Ordinal) ? 1 : 0;
            }
            var bundle = Directory.GetDirectories(target).Should().ContainSingle($"killed after step {step}").Which;
            bundle.Should().NotEndWith(BundleLayout.PartialSuffix);
            AssertVerifies(bundle);
        }
        renamedOnly.Should().BeGreaterThan(0, "a kill after resume.json is removed leaves a complete seal that resume only renames");
    }
}
