using System.Net;
using System.Text.Json;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Custody;

public sealed class CustodyReportTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    private (string Bundle, string Html) Report()
    {
        var bundle = bundles.Collect();
        bundles.Add(bundle, "transfer", null, "examiner-rsa", "--to", "Lena & Partners", "--reason", "Tom <b>Courier</b>", "--seal", "S-77").ExitCode.Should().Be(0);
        var output = bundles.NewDirectory("report");
        var html = Path.Combine(output, "custody.html");
        var run = bundles.Verify(bundle, "--trust", bundles.Root, "--report", html);
        run.ExitCode.Should().Be(0, run.ToString());
        return (bundle, html);
    }

    [Fact]
    public void The_report_lists_every_sha256_of_the_manifest_and_escapes_a_file_named_with_markup()
    {
        var (bundle, path) = Report();
        var html = File.ReadAllText(path);
        var manifest = BundleRecords.Manifest(bundle);

        manifest.Files.Should().HaveCount(3);
        foreach (var file in manifest.Files)
        {
            html.Should().Contain(file.Sha256);
            html.Should().Contain(WebUtility.HtmlEncode(file.SourcePath));
        }
        html.Should().NotContain(CustodyBundles.MarkupFileName).And.Contain("&lt;img src=x onerror=alert(1)&gt;.log");
        html.Should().NotContain("<b>Courier</b>").And.Contain("Tom &lt;b&gt;Courier&lt;/b&gt;").And.Contain("Lena &amp; Partners");
        html.Should().NotContain("<script").And.NotContain("src=\"").And.NotContain("href=").And.NotContain("url(");
        html.Should().Contain("Evidence custody report").And.Contain("IR-2026-7").And.Contain("Olga Owner").And.Contain("soc@acme.example")
            .And.Contain("suspected intrusion").And.Contain("Test Examiner").And.Contain(manifest.Tool.Sha256!)
            .And.Contain("VALID").And.Contain("902(14)").And.Contain("902(11)").And.Contain("Signature");
    }

    [Fact]
    public void Headless_chromium_renders_the_report_to_pdf_and_png_without_errors()
    {
        var (_, html) = Report();
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        chromium.Should().NotBeNull("headless Chromium renders the report; install it with 'apt-get install -y chromium' (CI installs it)");
        var output = Path.GetDirectoryName(html)!;
        var pdf = Path.Combine(output, "custody.pdf");
        var png = Path.Combine(output, "custody.png");

        var printed = Chromium(chromium!, output, $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri);
        var shot = Chromium(chromium!, output, $"--screenshot={png}", "--window-size=1000,1400", new Uri(html).AbsoluteUri);

        printed.ExitCode.Should().Be(0, printed.ToString());
        shot.ExitCode.Should().Be(0, shot.ToString());
        File.ReadAllBytes(pdf).Take(5).Should().Equal("%PDF-"u8.ToArray());
        new FileInfo(pdf).Length.Should().BeGreaterThan(10_000);
        File.ReadAllBytes(png).Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        new FileInfo(png).Length.Should().BeGreaterThan(20_000);
    }

    [Fact]
    public void The_report_is_never_written_inside_the_bundle()
    {
        var bundle = bundles.Collect();

        var run = bundles.Verify(bundle, "--report", Path.Combine(bundle, "custody.html"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.StdErr.Should().Contain("inside the bundle");
        File.Exists(Path.Combine(bundle, "custody.html")).Should().BeFalse();
    }

    private static ProcessResult Chromium(string chromium, string output, params string[] args)
    {
        var profile = Path.Combine(output, "chromium-profile-" + Guid.NewGuid().ToString("N"));
        return Run.Tool(chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", .. args,
        ], timeout: TimeSpan.FromSeconds(90));
    }
}
