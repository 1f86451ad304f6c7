using EvidenceKit.Testing;
using System.Text;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Verification.Checks;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Verifier.Tests.Support;

/// <summary>
/// Writes a correct bundle (as the collector seals one) into a real temporary directory, with Core's BagItText,
/// ManifestJson and manifest model; then offers the helpers tamper tests need.
/// </summary>
internal sealed class BundleBuilder : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<(string BagPath, byte[] Content)> _files = [];
    private readonly List<(string BagPath, byte[][] Parts)> _splitFiles = [];
    private string _mode = "analysis";
    private ISigner? _signer;
    private bool _events;
    private bool _partial;
    private bool _legacyV1;

    public BundleBuilder()
    {
        WithFile("data/var/log/syslog", "Nov 24 03:12:45 web1 sshd[811]: Accepted password for root\n");
        WithFile("data/var/log/nginx/access.log", string.Concat(Enumerable.Range(0, 2000).Select(i => $"10.0.0.{i % 250} - - \"GET /{i} HTTP/1.1\" 200\n")));
        WithFile("data/var/log/empty.log", "");
    }

    public string Root => _temp.Path;

    public string BundleDir => Path.Combine(_temp.Path, "CASE-7_web1_20261124T031245Z" + (_partial ? BundleLayout.PartialSuffix : ""));

    public BundleBuilder WithFile(string bagPath, string content) => WithFile(bagPath, Encoding.UTF8.GetBytes(content));

    public BundleBuilder WithFile(string bagPath, byte[] content)
    {
        _files.Add((bagPath, content));
        return this;
    }

    public BundleBuilder WithSplitFile(string bagPath, params string[] parts)
    {
        _splitFiles.Add((bagPath, parts.Select(Encoding.UTF8.GetBytes).ToArray()));
        return this;
    }

    public BundleBuilder Prosecution(ISigner signer)
    {
        _mode = "prosecution";
        _signer = signer;
        return this;
    }

    public BundleBuilder SignedAnalysis(ISigner signer)
    {
        _signer = signer;
        return this;
    }

    public BundleBuilder WithCustodyEvents()
    {
        _events = true;
        return this;
    }

    /// <summary>Builds a bundle as sealed before the coverage rule: schema v1, event 1 (if any) links only manifest.json and its signature.</summary>
    public BundleBuilder LegacyV1()
    {
        _legacyV1 = true;
        return this;
    }

    public BundleBuilder Partial()
    {
        _partial = true;
        return this;
    }

    public string Build()
    {
        var dir = BundleDir;
        Directory.CreateDirectory(dir);
        var records = new List<FileRecord>();
        var payload = new List<(string, string)>();
        var id = 0;
        foreach (var (bagPath, content) in _files)
        {
            WriteBytes(bagPath, content);
            payload.Add((bagPath, Hex.Sha256(content)));
            records.Add(Record(++id, bagPath, content, null));
        }
        foreach (var (bagPath, parts) in _splitFiles)
        {
            var partPaths = parts.Select((_, i) => $"{bagPath}.part{i + 1:D3}").ToList();
            for (var i = 0; i < parts.Length; i++)
            {
                WriteBytes(partPaths[i], parts[i]);
                payload.Add((partPaths[i], Hex.Sha256(parts[i])));
            }
            records.Add(Record(++id, bagPath, parts.SelectMany(p => p).ToArray(), partPaths));
        }

        if (_partial)
        {
            var journal = string.Concat(records.Select(r =>
                Encoding.UTF8.GetString(ManifestJson.ToUtf8(r)).ReplaceLineEndings(" ").Trim() + "\n"));
            WriteText(BundleLayout.Journal, journal);
            return dir;
        }

        var oxum = BagItText.PayloadOxum(records.Sum(r => r.Size), records.Sum(r => r.Parts?.Count ?? 1));
        WriteText(BundleLayout.PayloadManifest, BagItText.Manifest(payload));
        WriteText(BundleLayout.BagitTxt, BagItText.BagitTxt);
        WriteText(BundleLayout.BagInfoTxt, BagItText.BagInfo(
        [
            new("Source-Organization", "EvidenceKit Tests"),
            new("External-Identifier", "CASE-7"),
            new("Bagging-Date", "2026-11-24"),
            new("Payload-Oxum", oxum),
        ]));
        WriteText(BundleLayout.CollectionLog, "{\"@t\":\"2026-11-24T03:12:45Z\",\"@m\":\"collection started\"}\n");
        var sealedEvent = _signer is not null && _mode == "prosecution" && !_events;
        var manifest = new CustodyManifest
        {
            Schema = _legacyV1 ? ManifestSchemas.V1 : ManifestSchemas.V2,
            Notes = sealedEvent ? [CustodyChainRules.ChainNote] : [],
            BundleId = Guid.Parse("2f1c7d1e-8d7e-4b7a-9a53-0f4f3c1d2e10"),
            Mode = _mode,
            Case = new CaseRecord { Id = "CASE-7", Severity = "high" },
            Examiner = _signer is null ? null : new ExaminerRecord
            {
                Name = "Test Examiner",
                CertificateSha256 = _signer.Identity.CertificateSha256,
                CertificateSubject = _signer.Identity.Subject,
            },
            Host = new HostRecord { Hostname = "web1" },
            Tool = new ToolRecord { Name = "evidencekit-collect", Version = "0.1.0" },
            Profile = new ProfileRecord { Names = ["linux-base"], Files = [] },
            Started = "2026-11-24T03:12:45.0000000Z",
            Finished = "2026-11-24T03:13:01.0000000Z",
            Target = new TargetRecord { Kind = "directory", Location = "/media/usb" },
            HashAlgorithms = ["sha256"],
            Bag = new BagRecord
            {
                BagitTxtSha256 = Hex.Sha256(BagItText.BagitTxt),
                BagInfoTxtSha256 = HashOf(BundleLayout.BagInfoTxt),
                ManifestSha256TxtSha256 = HashOf(BundleLayout.PayloadManifest),
                CollectionLogSha256 = HashOf(BundleLayout.CollectionLog),
                PayloadOxum = oxum,
            },
            Files = records,
        };
        var manifestBytes = ManifestJson.ToUtf8(manifest);
        WriteBytes(BundleLayout.ManifestJson, manifestBytes);
        if (_signer is not null)
        {
            WriteBytes(BundleLayout.ManifestSignature, _signer.SignDetached(manifestBytes));
        }
        WriteText(BundleLayout.VerifyTxt, VerifyInstructions());
        if (sealedEvent)
        {
            WriteSealedEvent(manifest, manifestBytes);
        }
        if (_events)
        {
            WriteText(BundleLayout.EventsDir + "/000001.json", "{\"event\":\"received\"}\n");
            WriteText(BundleLayout.EventsDir + "/000001.json.p7s", "signature");
        }
        RewriteTagManifest();
        return dir;
    }

    /// <summary>Event 000001 "sealed" as the collector writes it: signed by the examiner, actor named as the certificate's CN.</summary>
    private void WriteSealedEvent(CustodyManifest manifest, byte[] manifestBytes)
    {
        List<CustodyLink> links = [.. CustodyEventBuilder.FirstLinks(manifestBytes, File.ReadAllBytes(PathOf(BundleLayout.ManifestSignature)))];
        if (!_legacyV1)
        {
            links.Add(new CustodyLink { Path = BundleLayout.VerifyTxt, Sha256 = HashOf(BundleLayout.VerifyTxt) });
        }
        var actor = _signer!.Identity.CommonName ?? _signer.Identity.Subject;
        var sealedEvent = CustodyEventBuilder.Build(manifest.BundleId, 1, links, DateTimeOffset.Parse("2026-11-24T03:13:02Z", System.Globalization.CultureInfo.InvariantCulture),
            new CustodyEventDetails(CustodyEventKinds.Sealed, actor), _signer.Identity, null);
        var bytes = ManifestJson.ToUtf8(sealedEvent);
        WriteBytes(CustodyPaths.Event(1), bytes);
        WriteBytes(CustodyPaths.Signature(1), _signer.SignDetached(bytes));
    }

    private static string VerifyInstructions() => "sha256sum -c --strict manifest-sha256.txt\n";

    private static FileRecord Record(int id, string bagPath, byte[] content, IReadOnlyList<string>? parts) => new()
    {
        Id = $"E{id:D6}",
        BagPath = bagPath,
        SourcePath = "/" + bagPath["data/".Length..],
        Size = content.Length,
        Sha256 = Hex.Sha256(content),
        Parts = parts,
    };

    public string PathOf(string bagPath) => Path.Combine(BundleDir, bagPath.Replace('/', Path.DirectorySeparatorChar));

    public string HashOf(string bagPath) => Hex.Sha256(File.ReadAllBytes(PathOf(bagPath)));

    public string ReadText(string bagPath) => File.ReadAllText(PathOf(bagPath), BagItText.Utf8);

    public void WriteText(string bagPath, string text) => WriteBytes(bagPath, BagItText.Utf8.GetBytes(text));

    public void WriteBytes(string bagPath, byte[] content)
    {
        var full = PathOf(bagPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    /// <summary>Rewrites tagmanifest-sha256.txt over every regular file outside data/ except tag manifests, as a careful forger would.</summary>
    public void RewriteTagManifest()
    {
        var entries = Directory.EnumerateFiles(BundleDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(BundleDir, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !p.StartsWith("data/", StringComparison.Ordinal) && !p.StartsWith("tagmanifest-", StringComparison.Ordinal))
            .Where(p => !new FileInfo(PathOf(p)).Attributes.HasFlag(FileAttributes.ReparsePoint))
            .Select(p => (p, HashOf(p)));
        WriteText(BundleLayout.TagManifest, BagItText.Manifest(entries));
    }

    /// <summary>Rewrites manifest-sha256.txt from the regular files now in data/, as a careful forger would.</summary>
    public void RewritePayloadManifest()
    {
        var entries = Directory.EnumerateFiles(PathOf("data"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(BundleDir, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Select(p => (p, HashOf(p)));
        WriteText(BundleLayout.PayloadManifest, BagItText.Manifest(entries));
    }

    /// <summary>SHA-256 of every file in the bundle tree, to prove the verifier changed nothing.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(BundleDir, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(p => p, p => File.GetAttributes(p).HasFlag(FileAttributes.Directory) ? "dir"
                : $"{File.GetLastWriteTimeUtc(p):O} {HashOf(Path.GetRelativePath(BundleDir, p))}");

    public void Dispose() => _temp.Dispose();
}
