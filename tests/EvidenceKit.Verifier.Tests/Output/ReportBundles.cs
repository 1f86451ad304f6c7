using System.Net;
using System.Text.RegularExpressions;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Custody;

namespace EvidenceKit.Verifier.Tests.Output;

/// <summary>Bundles made by the real collector in the states a report must describe honestly, and the text a reader sees.</summary>
internal static partial class ReportBundles
{
    /// <summary>An analysis (unsigned) bundle whose custody record was rewritten to name someone else, tag manifest re-hashed: intact but proving nothing about who.</summary>
    public static string ForgedUnsigned(CustodyBundles bundles)
    {
        var source = bundles.NewDirectory("forged-tree");
        File.WriteAllText(Directory.CreateDirectory(Path.Combine(source, "var/log/nginx")).FullName + "/access.log", "GET / 200\n");
        var target = bundles.NewDirectory("forged-target");
        var run = Run.Executable("evidencekit-collect",
            ["--profile", "linux-web-nginx", "--root", source, "--target", target, "--mode", "analysis", "--case", "IR-2026-9", "--examiner", "Erin Examiner", "--quiet"]);
        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Directory.GetDirectories(target).Single();
        var manifest = Path.Combine(bundle, "custody/manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("Erin Examiner", "Forged Person", StringComparison.Ordinal));
        CustodyBundles.RewriteTagManifest(bundle);
        return bundle;
    }

    /// <summary>A signed bundle with one byte of a collected file changed.</summary>
    public static string Tampered(CustodyBundles bundles)
    {
        var bundle = bundles.Collect();
        var log = Directory.EnumerateFiles(Path.Combine(bundle, "data"), "access.log", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(log);
        bytes[0] ^= 0x01;
        File.WriteAllBytes(log, bytes);
        return bundle;
    }

    /// <summary>What a reader of the HTML sees: the text without tags, entities decoded, white space collapsed.</summary>
    public static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(InlineTags().Replace(Style().Replace(html, " "), ""), " ")), " ");

    /// <summary>Collapses runs of white space (line breaks of PDF text included) to one space.</summary>
    public static string OneLine(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex("</?(span|b|i|code)\\b[^>]*>")]
    private static partial Regex InlineTags();

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex Style();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
