using System.Diagnostics;
using System.Globalization;
using System.Text;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Output;
using EvidenceKit.Verifier.Tests.Custody;

namespace EvidenceKit.Verifier.Tests.Output;

/// <summary>
/// --report-pdf prints the custody report with headless Chromium. The pages are turned into pictures with poppler's
/// pdftoppm and read back: A4, the verdict on page 1, and nothing printed into the right margin on any page.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CustodyReportPdfTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    private const int Dpi = 50;

    [Fact]
    public void A_timestamped_prosecution_bundle_prints_to_A4_pages_with_the_verdict_on_page_one_and_nothing_past_the_margin()
    {
        Tool("pdftoppm").Should().NotBeNull("pdftoppm (Debian poppler-utils) turns the pages into pictures; CI installs it");
        ChromiumPdf.Find().Should().NotBeNull("headless Chromium prints the report; CI installs the 'chromium' package");
        using var tsa = TsaServer.WithOpenSsl(bundles.Pki, bundles.NewDirectory("tsa"));
        var bundle = bundles.Collect("--tsa", tsa.Url.ToString());
        bundles.Add(bundle, "transfer", null, "examiner-rsa", "--to", "Lena & Partners, Rechtsanwälte, Hauptstraße 1, 10115 Berlin", "--seal", "S-77-0000000000000000000000").ExitCode.Should().Be(0);
        var output = bundles.NewDirectory("pdf");
        var html = Path.Combine(output, "custody.html");
        var pdf = Path.Combine(output, "custody.pdf");

        var run = bundles.Verify(bundle, "--trust", bundles.Root, "--tsa-trust", bundles.Root, "--report", html, "--report-pdf", pdf);

        run.ExitCode.Should().Be(0, run.ToString());
        run.StdErr.Should().Contain($"Custody report (PDF) written to {pdf}");
        var info = Run.Tool("pdfinfo", [pdf]);
        info.ExitCode.Should().Be(0, info.ToString());
        var pages = int.Parse(Field(info.StdOut, "Pages"), CultureInfo.InvariantCulture);
        pages.Should().BeInRange(2, 12);
        Field(info.StdOut, "Page size").Should().StartWith("594.96 x 841.92 pts").And.EndWith("(A4)");
        var first = Run.Tool("pdftotext", ["-f", "1", "-l", "1", "-layout", pdf, "-"]);
        first.StdOut.Should().Contain("VALID: signed and trusted").And.Contain("Summary");
        first.StdOut.IndexOf("VALID: signed and trusted", StringComparison.Ordinal).Should().BeLessThan(first.StdOut.IndexOf("Summary", StringComparison.Ordinal));
        var all = ReportBundles.OneLine(Run.Tool("pdftotext", [pdf, "-"]).StdOut);
        all.Should().Contain("attests that the signature existed at").And.Contain("openssl ts -verify");

        var rendered = Run.Tool("pdftoppm", ["-gray", "-r", Dpi.ToString(CultureInfo.InvariantCulture), pdf, Path.Combine(output, "page")]);
        rendered.ExitCode.Should().Be(0, rendered.ToString());
        var images = Directory.GetFiles(output, "page-*.pgm").Order(StringComparer.Ordinal).ToList();
        images.Should().HaveCount(pages);
        foreach (var image in images)
        {
            var (width, height, pixels) = ReadPgm(image);
            width.Should().BeInRange(410, 416, "A4 is 210 mm wide");
            height.Should().BeInRange(582, 586, "A4 is 297 mm high");
            var margin = (int)(12 / 25.4 * Dpi);
            DarkPixelsRightOf(width - margin, width, height, pixels).Should().Be(0, $"{Path.GetFileName(image)} has nothing in its right 12 mm (the page margin is 16 mm)");
            DarkPixelsRightOf(0, width, height, pixels).Should().BeGreaterThan(0, $"{Path.GetFileName(image)} is not blank");
        }
    }

    [Fact]
    public void Without_chromium_report_pdf_fails_with_one_clear_line_and_writes_nothing()
    {
        var bundle = bundles.Collect();
        var pdf = Path.Combine(bundles.NewDirectory("no-chromium"), "custody.pdf");

        var run = Run.Executable("evidencekit-verify", [bundle, "--trust", bundles.Root, "--report-pdf", pdf],
            environment: new Dictionary<string, string?> { ["PATH"] = bundles.NewDirectory("empty-path") });

        run.ExitCode.Should().Be(2, run.ToString());
        run.StdErr.Trim().Split('\n').Should().ContainSingle()
            .Which.Should().Be($"evidencekit-verify: --report-pdf {pdf}: no PDF written: headless Chromium was not found (install the 'chromium' package, e.g. apt-get install chromium).");
        File.Exists(pdf).Should().BeFalse();
    }

    [Fact]
    public void A_chromium_that_never_finishes_is_stopped_with_the_processes_it_started_and_no_PDF_appears()
    {
        var work = bundles.NewDirectory("hanging-chromium");
        var pids = Path.Combine(work, "pids");
        var fake = Path.Combine(work, "chromium");
        File.WriteAllText(fake, $"#!/bin/bash\nsleep 300 &\necho $$ $! > '{pids}'\nwait\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var pdf = Path.Combine(work, "custody.pdf");

        var problem = ChromiumPdf.Render("<html><body>x</body></html>", pdf, TimeSpan.FromSeconds(3), fake);

        problem.Should().Be($"no PDF written: {fake} did not finish within 3 s and was stopped.");
        File.Exists(pdf).Should().BeFalse();
        var started = File.ReadAllText(pids).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToList();
        started.Should().HaveCount(2);
        foreach (var pid in started)
        {
            Alive(pid).Should().BeFalse($"process {pid} that the fake Chromium started was killed");
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string? Tool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string Field(string info, string name) =>
        info.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    private static int DarkPixelsRightOf(int column, int width, int height, byte[] pixels)
    {
        var dark = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = column; x < width; x++)
            {
                if (pixels[(y * width) + x] < 200)
                {
                    dark++;
                }
            }
        }
        return dark;
    }

    /// <summary>Reads a binary PGM (P5, 8-bit) as pdftoppm -gray writes it.</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }
            var start = at;
            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }
            fields.Add(Encoding.ASCII.GetString(bytes, start, at - start));
        }
        at++;
        fields[0].Should().Be("P5");
        fields[3].Should().Be("255");
        var width = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], CultureInfo.InvariantCulture);
        return (width, height, bytes[at..(at + (width * height))]);
    }
}
