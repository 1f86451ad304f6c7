using System.Diagnostics;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// Prints the custody report to PDF with headless Chromium (<c>chromium</c> or <c>chromium-browser</c> on the PATH).
/// The page is written to a private temporary folder with its own throw-away browser profile; Chromium gets a time
/// limit, after which it and every process it started are killed. The PDF appears at its path only when complete.
/// </summary>
internal static class ChromiumPdf
{
    /// <summary>How long Chromium may take before it is killed.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(120);

    private static readonly string[] Names = ["chromium", "chromium-browser"];

    /// <summary>The full path of the Chromium executable on the PATH, or null.</summary>
    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in Names)
        {
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>Renders <paramref name="html"/> to <paramref name="pdfPath"/>; null when done, else one line saying why not.</summary>
    /// <param name="html">The page.</param>
    /// <param name="pdfPath">Where the PDF goes.</param>
    /// <param name="timeLimit">How long Chromium may take.</param>
    /// <param name="executable">The Chromium to run; found on the PATH when null.</param>
    public static string? Render(string html, string pdfPath, TimeSpan timeLimit, string? executable = null)
    {
        if ((executable ?? Find()) is not { } chromium)
        {
            return "no PDF written: headless Chromium was not found (install the 'chromium' package, e.g. apt-get install chromium).";
        }
        var work = Directory.CreateTempSubdirectory("evidencekit-pdf-");
        try
        {
            var page = Path.Combine(work.FullName, "custody-report.html");
            var printed = Path.Combine(work.FullName, "custody-report.pdf");
            File.WriteAllText(page, html, Core.Bundles.BagItText.Utf8);
            var problem = Print(chromium, page, printed, Path.Combine(work.FullName, "profile"), timeLimit);
            if (problem is not null)
            {
                return problem;
            }
            if (!File.Exists(printed) || !StartsWithPdfHeader(printed))
            {
                return $"no PDF written: {chromium} finished without printing the report.";
            }
            File.Move(printed, pdfPath, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return $"no PDF written: {e.Message}";
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file Chromium still held; the folder is in the temporary directory and holds no evidence.
            }
        }
    }

    private static string? Print(string chromium, string page, string pdf, string profile, TimeSpan timeLimit)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-extensions", "--no-pdf-header-footer",
            $"--user-data-dir={profile}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new IOException($"{chromium} could not be started");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            return $"no PDF written: {chromium} did not finish within {timeLimit.TotalSeconds:0} s and was stopped.";
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var last = (stderr.Result + stdout.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            return $"no PDF written: {chromium} exited with code {process.ExitCode}: {ReportEscape(last)}";
        }
        return null;
    }

    private static bool StartsWithPdfHeader(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[5];
        return stream.ReadAtLeast(header, 5, throwOnEndOfStream: false) == 5 && header.SequenceEqual("%PDF-"u8);
    }

    private static string ReportEscape(string line) =>
        new(line.Take(300).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
