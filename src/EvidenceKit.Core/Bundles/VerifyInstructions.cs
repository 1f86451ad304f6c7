using System.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// The text of VERIFY.txt: the standard commands that check a bundle without EvidenceKit. Every command is on a line
/// that starts with <see cref="CommandPrefix"/> (continued on the next lines while a line ends in a backslash), so
/// the reader, and the test that runs each one, can tell commands from prose. The only words to replace are the
/// placeholders <see cref="RootPlaceholder"/> and <see cref="TsaRootPlaceholder"/>.
/// </summary>
public static class VerifyInstructions
{
    /// <summary>What starts every command line (after the indentation).</summary>
    public const string CommandPrefix = "$ ";

    /// <summary>Stands for the examiner's or organisation's root certificate, obtained out of band.</summary>
    public const string RootPlaceholder = "EXAMINER_OR_ORG_ROOT.pem";

    /// <summary>Stands for the time-stamp authority's root certificate, obtained out of band.</summary>
    public const string TsaRootPlaceholder = "TSA_ROOT.pem";

    /// <summary>
    /// Checks that custody/files.jsonl is the records file the manifest binds (its SHA-256 is manifest.json's
    /// records.sha256), then compares its records with manifest-sha256.txt, using only awk, sha256sum, sed, sort and
    /// diff. It relies on the fixed layouts: records.sha256 is the first "sha256" at four spaces of indentation after the
    /// two-space "records" key, and each record line starts with id then bagPath and has size right before sha256 (a
    /// string value cannot hold an unescaped quote, so ',"size":' occurs only where the writer put it).
    /// </summary>
    public const string CrossCheckCommand =
        "awk -F'\"' '/^  \"records\": \\{/ {r=1} r && /^    \"sha256\": / {print $4 \"  custody/files.jsonl\"; exit}' custody/manifest.json \\\n" +
        "     | sha256sum -c --strict --quiet && sed -E 's/^\\{\"id\":\"[^\"]*\",\"bagPath\":\"(([^\"\\\\]|\\\\.)*)\",.*,\"size\":[0-9]+,\"sha256\":\"([0-9a-f]{64})\".*$/\\3  \\1/' \\\n" +
        "     custody/files.jsonl | sort | diff - <(sort manifest-sha256.txt) && echo same";

    /// <summary>The same two checks with jq, for readers who have it.</summary>
    public const string JqCrossCheckCommand =
        "jq -r '\"\\(.records.sha256)  custody/files.jsonl\"' custody/manifest.json | sha256sum -c --strict --quiet \\\n" +
        "     && jq -r '\"\\(.sha256)  \\(.bagPath)\"' custody/files.jsonl | sort | diff - <(sort manifest-sha256.txt) && echo same";

    /// <summary>
    /// Prints the SHA-256 fingerprint of the certificate that made the manifest signature (OpenSSL 1.1 and 3.x). The
    /// signature also carries the issuing certificates, so the signer is taken with -signer rather than the first one
    /// that <c>openssl pkcs7 -print_certs</c> lists.
    /// </summary>
    public const string FingerprintCommand =
        "openssl cms -verify -binary -noverify -inform DER -in custody/manifest.json.p7s -content custody/manifest.json \\\n"
        + "     -signer /dev/stdout -out /dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256";

    /// <summary>Renders VERIFY.txt for a bundle.</summary>
    /// <param name="signed">True when custody/manifest.json.p7s exists.</param>
    /// <param name="signerFingerprint">The signer certificate's SHA-256 (AB:CD:... form), when signed.</param>
    /// <param name="timestamped">True when a .tsr exists.</param>
    public static string Render(bool signed, string? signerFingerprint, bool timestamped)
    {
        var sb = new StringBuilder();
        var step = 0;
        void Step(string text) => sb.Append(++step).Append(". ").Append(text).Append('\n');
        void Command(string command) => sb.Append("   ").Append(CommandPrefix).Append(command).Append('\n');

        sb.Append("How to check this evidence bundle with standard tools (no EvidenceKit needed)\n");
        sb.Append("Run every command in bash, from this directory (the bag root). Commands are the lines that start\n");
        sb.Append("with \"").Append(CommandPrefix).Append("\" (type them without it); a line ending in \\ goes on on the next line.\n");
        if (signed || timestamped)
        {
            sb.Append("Before you run them, replace ");
            sb.Append(signed ? RootPlaceholder + " by the file name of the examiner's or organisation's root\ncertificate" : "");
            sb.Append(signed && timestamped ? ", and " : "");
            sb.Append(timestamped ? TsaRootPlaceholder + " by that of the time-stamp authority's root certificate" : "");
            sb.Append(", each obtained yourself\n(never one taken from this bundle).\n");
        }
        sb.Append('\n');

        Step("Every collected file is intact (each line must end in OK):");
        Command("sha256sum -c --strict manifest-sha256.txt");
        sb.Append('\n');
        Step("The tag files (manifests, custody record, log) are intact (each line must end in OK):");
        Command("sha256sum -c --strict tagmanifest-sha256.txt");
        sb.Append('\n');
        Step("custody/files.jsonl is the records file custody/manifest.json binds, and lists exactly the files and\n"
            + "   hashes of manifest-sha256.txt (must print 'same'):");
        Command(CrossCheckCommand);
        sb.Append("   or, if jq is installed:\n");
        Command(JqCrossCheckCommand);
        sb.Append('\n');
        if (signed)
        {
            Step("The custody manifest is signed by the examiner (must print 'CMS Verification successful'):");
            Command("openssl cms -verify -binary -inform DER -in custody/manifest.json.p7s \\\n"
                + $"     -content custody/manifest.json -CAfile {RootPlaceholder} -purpose any -out /dev/null");
            if (signerFingerprint is not null)
            {
                sb.Append("   The signer certificate's SHA-256 fingerprint, to compare with the one you obtained out of band:\n");
                sb.Append("   ").Append(signerFingerprint).Append('\n');
                sb.Append("   Show it with (must print the same value after 'Fingerprint='):\n");
                Command(FingerprintCommand);
            }
            sb.Append('\n');
            Step("Each custody event (custody/events/NNNNNN.json) is signed (each line must end in OK; an event signed\n"
                + "   by someone of another organisation needs that organisation's root certificate instead):");
            Command("for e in custody/events/*.json; do openssl cms -verify -binary -inform DER -in \"$e.p7s\" -content \"$e\" \\\n"
                + $"     -CAfile {RootPlaceholder} -purpose any -out /dev/null 2>/dev/null && echo \"$e: OK\" || echo \"$e: FAILED\"; done");
            sb.Append('\n');
        }
        else
        {
            sb.Append("This bundle is not signed (analysis mode). The steps above prove that the files match their manifest,\n");
            sb.Append("not who collected them or when.\n\n");
        }
        if (timestamped)
        {
            Step("The signature existed at the time the time-stamp authority states (must print 'Verification: OK'):");
            Command("openssl ts -verify -data custody/manifest.json.p7s -in custody/manifest.json.p7s.tsr -token_in \\\n"
                + $"     -CAfile {TsaRootPlaceholder}");
            sb.Append("   The time it states is shown by:\n");
            Command("openssl ts -reply -in custody/manifest.json.p7s.tsr -token_in -token_out -text | grep 'Time stamp:'");
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
