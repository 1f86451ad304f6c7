using System.Text;
using EvidenceKit.Signing.Certificates;
using Org.BouncyCastle.Utilities;

namespace EvidenceKit.Signing.Trust;

/// <summary>Reads the certificates a verifier trusts (<c>--trust</c>) from PEM or DER files and directories of them.</summary>
public static class TrustAnchors
{
    private static readonly string[] CertificateExtensions = [".pem", ".crt", ".cer", ".der"];

    /// <summary>
    /// Reads every certificate named by <paramref name="paths"/>. A file may hold one DER certificate or any number of
    /// PEM certificates; a directory contributes its files ending in .pem, .crt, .cer or .der (not its subdirectories).
    /// Duplicates are returned once.
    /// </summary>
    /// <param name="paths">Files or directories.</param>
    /// <returns>The certificates, DER, in the order found.</returns>
    /// <exception cref="TrustAnchorException">A path is missing or unreadable, a file is not a certificate, or a directory holds none.</exception>
    public static IReadOnlyList<byte[]> Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var anchors = new List<byte[]>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path)
                    .Where(f => CertificateExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    throw new TrustAnchorException(
                        $"The trust directory {path} holds no certificate files (.pem, .crt, .cer or .der); put the trusted certificates there or name the files.");
                }

                files.ForEach(file => AddDistinct(anchors, ReadFile(file)));
            }
            else
            {
                AddDistinct(anchors, ReadFile(path));
            }
        }

        return anchors;
    }

    private static IEnumerable<byte[]> ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TrustAnchorException($"The trust anchor {path} does not exist; give the path of a trusted certificate (PEM or DER) or of a directory of them.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TrustAnchorException($"The trust anchor {path} cannot be read ({ex.Message}); check that you may read it.", ex);
        }

        var certificates = LooksLikePem(bytes) ? ReadPem(bytes) : [bytes];
        if (certificates.Count == 0 || certificates.Any(der => CertificateFacts.TryParse(der) is null))
        {
            throw new TrustAnchorException($"The trust anchor {path} is not an X.509 certificate in PEM or DER form; give a certificate file (e.g. ROOT.pem).");
        }

        return certificates.Select(der => CertificateFacts.TryParse(der)!.GetEncoded());
    }

    private static bool LooksLikePem(byte[] bytes) =>
        Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024)).Contains("-----BEGIN", StringComparison.Ordinal);

    private static List<byte[]> ReadPem(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).AsSpan();
        var found = new List<byte[]>();
        while (System.Security.Cryptography.PemEncoding.TryFind(text, out var fields))
        {
            var label = text[fields.Label];
            if (label.SequenceEqual("CERTIFICATE"))
            {
                found.Add(Convert.FromBase64String(text[fields.Base64Data].ToString()));
            }

            text = text[fields.Location.End..];
        }

        return found;
    }

    private static void AddDistinct(List<byte[]> anchors, IEnumerable<byte[]> more)
    {
        foreach (var der in more)
        {
            if (!anchors.Any(known => Arrays.AreEqual(known, der)))
            {
                anchors.Add(der);
            }
        }
    }
}
