using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Verification;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// The attacker swaps every path of a real bag in turn for a FIFO, a /dev/zero-like character device, a link to a file
/// outside the bag and a link to /dev/zero. The real verifier executable (with --report and --case-export, which
/// once read the bundle a second time) must finish under a time limit (it is killed otherwise and the test fails),
/// exit 1, and name the entry in special-files without opening it.
/// </summary>
public sealed class SpecialFileMatrixTests
{
    private static readonly string[] Paths =
    [
        "data/var/log/syslog",
        "data/var/log/empty.log",
        BundleLayout.BagitTxt,
        BundleLayout.BagInfoTxt,
        BundleLayout.PayloadManifest,
        BundleLayout.TagManifest,
        BundleLayout.VerifyTxt,
        BundleLayout.CollectionLog,
        BundleLayout.ManifestJson,
        BundleLayout.ManifestSignature,
        BundleLayout.ManifestTimestamp,
        CustodyPaths.Event(1),
        CustodyPaths.Signature(1),
        CustodyPaths.Timestamp(1),
        BundleLayout.EventsDir,
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Paths)
        {
            foreach (var kind in new[] { "fifo", "char-device", "link-outside", "link-dev-zero" })
            {
                data.Add(path, kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Any_path_swapped_for_a_special_file_or_link_is_named_invalid_and_never_opened(string bagPath, string kind)
    {
        // Given a signed bundle with a time-stamp token and a custody event, one path swapped
        var cms = new FakeCms();
        using var builder = new BundleBuilder().Prosecution(cms);
        var dir = builder.Build();
        builder.WriteText(BundleLayout.ManifestTimestamp, "token");
        builder.WriteText(CustodyPaths.Timestamp(1), "token");
        var full = builder.PathOf(bagPath);
        if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
        }
        else
        {
            File.Delete(full);
        }
        var outside = Path.Combine(builder.Root, "outside.txt");
        File.WriteAllText(outside, "outside the bag\n");
        switch (kind)
        {
            case "fifo":
                Run.Tool("mkfifo", [full]).ExitCode.Should().Be(0);
                break;
            case "char-device":
                Run.Tool("mknod", [full, "c", "1", "5"]).ExitCode.Should().Be(0);
                break;
            case "link-outside":
                File.CreateSymbolicLink(full, outside);
                break;
            default:
                File.CreateSymbolicLink(full, "/dev/zero");
                break;
        }

        // When the verifier runs with a time limit (killed and failed if it blocks)
        var report = Path.Combine(builder.Root, "report.html");
        var caseExport = Path.Combine(builder.Root, "case.jsonld");
        var run = Run.Executable("evidencekit-verify", [dir, "--json", "--report", report, "--case-export", caseExport], timeout: TimeSpan.FromSeconds(60));

        // Then it is INVALID and special-files names the entry as what it is
        run.ExitCode.Should().Be(1, run.ToString());
        using var json = JsonDocument.Parse(run.StdOut);
        var special = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == CheckNames.SpecialFiles);
        special.GetProperty("outcome").GetString().Should().BeEquivalentTo("fail");
        var expected = kind switch
        {
            "fifo" => $"'{bagPath}' is a fifo (not opened)",
            "char-device" => $"'{bagPath}' is a character-device (not opened)",
            "link-outside" => $"'{bagPath}' is a symbolic link to '{outside}' (not followed)",
            _ => $"'{bagPath}' is a symbolic link to '/dev/zero' (not followed)",
        };
        special.GetProperty("items").EnumerateArray().Select(i => i.GetString()).Should().Contain(expected);
        File.ReadAllText(outside).Should().Be("outside the bag\n");
    }
}
