using System.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>The text of VERIFY.txt: the standard commands that check a bundle without EvidenceKit.</summary>
public static class VerifyInstructions
{
    /// <summary>
    /// Compares manifest.json's files with manifest-sha256.txt using only grep, cut, paste, awk, sort and diff. It relies
    /// on the manifest's fixed layout: each file record's bagPath and sha256 sit at six spaces of indentation, in that order.
    /// </summary>
    public const string CrossCheckCommand =
        "   grep -E '^      \"(bagPath|sha256)\": ' custody/manifest.json | cut -d'\"' -f4 | paste - - \\\n" +
        "     | awk '{print $2\"  \"$1}' | sort | diff - <(sort manifest-sha256.txt) && echo same";

    /// <summary>Renders VERIFY.txt for a bundle.</summary>
    /// <param name="signed">True when custody/manifest.json.p7s exists.</param>
    /// <param name="signerFingerprint">The signer certificate's SHA-256 (AB:CD:... form), when signed.</param>
    /// <param name="timestamped">True when a .tsr exists.</param>
    public static string Render(bool signed, string? signerFingerprint, bool timestamped)
    {
        var sb = new StringBuilder();
        sb.Append("How to check this evidence bundle with standard tools (no EvidenceKit needed)\n");
        sb.Append("Run every command from this directory (the bag root).\n\n");
        sb.Append("1. Every collected file is intact (each line must say OK):\n");
        sb.Append("   sha256sum -c --strict manifest-sha256.txt\n\n");
        sb.Append("2. The tag files (manifests, custody record, log) are intact:\n");
        sb.Append("   sha256sum -c --strict tagmanifest-sha256.txt\n\n");
        sb.Append("3. custody/manifest.json lists exactly the files and hashes of manifest-sha256.txt (must print 'same'; bash):\n");
        sb.Append(CrossCheckCommand).Append("\n");
        sb.Append("   or, with jq: jq -r '.files[] | \"\\(.sha256)  \\(.bagPath)\"' custody/manifest.json | sort | diff - <(sort manifest-sha256.txt) && echo same\n\n");
        if (signed)
        {
            sb.Append("4. The custody manifest is signed by the examiner (must print 'CMS Verification successful'):\n");
            sb.Append("   openssl cms -verify -binary -inform DER -in custody/manifest.json.p7s \\\n");
            sb.Append("     -content custody/manifest.json -CAfile EXAMINER_OR_ORG_ROOT.pem -purpose any -out /dev/null\n");
            sb.Append("   EXAMINER_OR_ORG_ROOT.pem is a certificate you obtained yourself (never one from this bundle).\n");
            if (signerFingerprint is not null)
            {
                sb.Append("   The signer certificate's SHA-256 fingerprint, to compare with the one obtained out of band:\n");
                sb.Append("   ").Append(signerFingerprint).Append('\n');
                sb.Append("   Show it with: openssl cms -cmsout -print_certs -inform DER -in custody/manifest.json.p7s | openssl x509 -noout -fingerprint -sha256\n");
            }
            sb.Append('\n');
        }
        else
        {
            sb.Append("4. This is an analysis bundle: it is not signed. Integrity (1-3) can be checked; who made it cannot.\n\n");
        }
        if (timestamped)
        {
            sb.Append("5. The signature existed at the time the time-stamp authority states:\n");
            sb.Append("   openssl ts -verify -data custody/manifest.json.p7s -in custody/manifest.json.p7s.tsr -token_in -CAfile TSA_ROOT.pem\n\n");
        }
        sb.Append("Custody events, when present, are custody/events/NNNNNN.json with a .p7s each; check each like step 4.\n");
        return sb.ToString();
    }
}
