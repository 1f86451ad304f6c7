using System.Globalization;
using System.IO.Abstractions;
using System.Text.Json;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// One verification of a sealed bundle. Reads everything once (text files line by line with caps, manifest.json
/// under a size cap), hashes payload and tag files in one bounded parallel pass, then judges each check.
/// Paths that fail <see cref="BagPathRules"/> and entries that are not regular files are never opened.
/// </summary>
internal sealed class SealedBundleVerification(
    IFileSystem fileSystem,
    BundleReader reader,
    BagTree tree,
    ISignatureVerifier signatureVerifier,
    ITimestampVerifier? timestampVerifier,
    VerificationOptions options,
    CheckList checks,
    CancellationToken cancellationToken)
{
    private const int Sha256HexDigits = 64;
    private const long MaxSignatureBytes = 16L * 1024 * 1024;
    private const string Prosecution = "prosecution";
    private const string Analysis = "analysis";

    private readonly HashSet<string> _unsafePaths = new(StringComparer.Ordinal);
    private IReadOnlyList<BundleReaderField>? _bagInfo;
    private IReadOnlyList<BundleReaderManifestLine>? _payload;
    private IReadOnlyList<BundleReaderManifestLine>? _tags;
    private string? _tagsProblem;
    private CustodyManifest? _manifest;
    private byte[]? _manifestBytes;
    private IReadOnlyDictionary<string, HashResult> _hashes = new Dictionary<string, HashResult>();
    private ManifestTimestampCheck? _timestamp;

    public string? Mode => _manifest?.Mode;

    public bool Signed { get; private set; }

    public SignerIdentity? Signer { get; private set; }

    public DateTimeOffset? SigningTime { get; private set; }

    public long FilesHashed { get; private set; }

    public long BytesHashed { get; private set; }

    public void Run()
    {
        SpecialFilesCheck.Run(tree, checks);
        CheckBagItDeclaration();
        CheckBagInfo();
        CheckHashAlgorithms();
        ReadPayloadManifest();
        ReadTagManifest();
        ReadCustodyManifest();
        CheckSafePaths();
        CheckDuplicates();
        HashEverything();
        CheckPayloadFiles();
        CheckUnlistedFiles();
        CheckTagManifest();
        CheckCustodyFiles();
        CheckCustodyBag();
        _timestamp = new ManifestTimestampCheck(reader, tree, timestampVerifier, options);
        CheckSignature();
        _timestamp.Report(checks, Signed);
        CheckCustodyChain();
    }

    private string? NotReadable(string bagPath) => tree.Find(bagPath) switch
    {
        null => $"{bagPath} is missing",
        { Kind: BagEntryKind.RegularFile } => null,
        { Kind: BagEntryKind.Directory } => $"{bagPath} is a directory, not a file",
        _ => $"{bagPath} is not a regular file (not opened)",
    };

    private void CheckBagItDeclaration()
    {
        if (NotReadable(BundleLayout.BagitTxt) is { } problem)
        {
            checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Fail, problem + ".");
            return;
        }
        string actual;
        try
        {
            actual = BagItText.Utf8.GetString(reader.ReadAllBytes(BundleLayout.BagitTxt, options.MaxLineBytes));
        }
        catch (BundleReaderException e)
        {
            checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Fail, e.Message);
            return;
        }
        if (actual == BagItText.BagitTxt)
        {
            checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Pass, "BagIt-Version 1.0, Tag-File-Character-Encoding UTF-8.");
            return;
        }
        var expectedLines = BagItText.BagitTxt.Split('\n');
        var actualLines = actual.Split('\n');
        var findings = new List<string>();
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "(nothing)";
            var a = i < actualLines.Length ? actualLines[i] : "(nothing)";
            if (!string.Equals(e, a, StringComparison.Ordinal))
            {
                findings.Add($"line {i + 1}: expected {CheckList.Show(e)}, found {CheckList.Show(a)}");
            }
        }
        checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Fail,
            "bagit.txt is not exactly \"BagIt-Version: 1.0\" and \"Tag-File-Character-Encoding: UTF-8\" (LF line ends).", findings);
    }

    private (long Octets, long Files) ActualOxum()
    {
        var payload = tree.Entries.Where(e => BagPathRules.IsPayload(e.BagPath) && e.Kind != BagEntryKind.Directory).ToList();
        return (payload.Sum(e => e.Length), payload.Count);
    }

    private string? BagInfoOxum => _bagInfo?.FirstOrDefault(f => IsOxumLabel(f.Label))?.Value;

    private static bool IsOxumLabel(string label) => string.Equals(label, "Payload-Oxum", StringComparison.OrdinalIgnoreCase);

    private void CheckBagInfo()
    {
        if (NotReadable(BundleLayout.BagInfoTxt) is { } problem)
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail, problem + ".");
            return;
        }
        try
        {
            _bagInfo = reader.ReadBagInfo(options.MaxLineBytes);
        }
        catch (BundleReaderException e)
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail, e.Message);
            return;
        }
        var oxums = _bagInfo.Where(f => IsOxumLabel(f.Label)).ToList();
        var (octets, files) = ActualOxum();
        var actual = BagItText.PayloadOxum(octets, files);
        if (oxums.Count != 1)
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail, oxums.Count == 0
                ? "bag-info.txt has no Payload-Oxum."
                : $"bag-info.txt has {oxums.Count} Payload-Oxum fields (lines {string.Join(", ", oxums.Select(o => o.Line))}); one is allowed.");
            return;
        }
        var oxum = oxums[0];
        var parts = oxum.Value.Split('.');
        if (parts.Length != 2 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail,
                $"bag-info.txt line {oxum.Line}: Payload-Oxum {CheckList.Show(oxum.Value)} is not \"octets.files\".");
            return;
        }
        if (!string.Equals(oxum.Value, actual, StringComparison.Ordinal))
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail,
                $"bag-info.txt line {oxum.Line}: Payload-Oxum is {oxum.Value}, but data/ holds {actual} (octets.files).");
            return;
        }
        checks.Add(CheckNames.BagInfo, CheckOutcome.Pass, $"{CheckList.Count(_bagInfo.Count, "field")}; Payload-Oxum {actual} matches data/.");
    }

    private void CheckHashAlgorithms()
    {
        var manifests = tree.Entries
            .Where(e => !e.BagPath.Contains('/', StringComparison.Ordinal)
                && e.BagPath.StartsWith("manifest-", StringComparison.Ordinal)
                && e.BagPath.EndsWith(".txt", StringComparison.Ordinal))
            .Select(e => e.BagPath)
            .Order(StringComparer.Ordinal)
            .ToList();
        var others = manifests.Where(m => m != BundleLayout.PayloadManifest).ToList();
        var othersText = others.Count == 0 ? "" : $"; also present, not counted: {string.Join(", ", others)}";
        if (manifests.Contains(BundleLayout.PayloadManifest))
        {
            checks.Add(CheckNames.HashAlgorithms, CheckOutcome.Pass, $"SHA-256 ({BundleLayout.PayloadManifest}){othersText}.");
        }
        else if (others.Count > 0)
        {
            checks.Add(CheckNames.HashAlgorithms, CheckOutcome.Fail,
                $"The only payload manifests are {string.Join(", ", others)}: {BundleLayout.PayloadManifest} is missing, and only SHA-256 or stronger counts.");
        }
        else
        {
            checks.Add(CheckNames.HashAlgorithms, CheckOutcome.Fail, $"There is no payload manifest ({BundleLayout.PayloadManifest} is missing).");
        }
    }

    private void ReadPayloadManifest()
    {
        if (NotReadable(BundleLayout.PayloadManifest) is { } problem)
        {
            checks.Add(CheckNames.PayloadManifest, CheckOutcome.Fail, problem + ".");
            return;
        }
        try
        {
            _payload = reader.ReadManifest(BundleLayout.PayloadManifest, Sha256HexDigits, options.MaxLineBytes);
            checks.Add(CheckNames.PayloadManifest, CheckOutcome.Pass, $"{CheckList.Count(_payload.Count, "entry", "entries")}, all well-formed.");
        }
        catch (BundleReaderException e)
        {
            checks.Add(CheckNames.PayloadManifest, CheckOutcome.Fail, e.Message);
        }
    }

    private void ReadTagManifest()
    {
        _tagsProblem = NotReadable(BundleLayout.TagManifest) is { } problem ? problem + "." : null;
        if (_tagsProblem is not null)
        {
            return;
        }
        try
        {
            _tags = reader.ReadManifest(BundleLayout.TagManifest, Sha256HexDigits, options.MaxLineBytes);
        }
        catch (BundleReaderException e)
        {
            _tagsProblem = e.Message;
        }
    }

    private void ReadCustodyManifest()
    {
        if (NotReadable(BundleLayout.ManifestJson) is { } problem)
        {
            checks.Add(CheckNames.CustodyManifest, CheckOutcome.Fail, problem + ".");
            return;
        }
        try
        {
            _manifestBytes = reader.ReadAllBytes(BundleLayout.ManifestJson, options.MaxManifestJsonBytes);
            var manifest = ManifestJson.FromUtf8<CustodyManifest>(_manifestBytes);
            if (MissingParts(manifest) is { } missing)
            {
                checks.Add(CheckNames.CustodyManifest, CheckOutcome.Fail, $"{BundleLayout.ManifestJson} is malformed: {missing}.");
                return;
            }
            _manifest = manifest;
        }
        catch (BundleReaderException e)
        {
            checks.Add(CheckNames.CustodyManifest, CheckOutcome.Fail, e.Message);
            return;
        }
        catch (JsonException e)
        {
            checks.Add(CheckNames.CustodyManifest, CheckOutcome.Fail, $"{BundleLayout.ManifestJson} is malformed: {e.Message}");
            return;
        }

        var findings = new List<string>();
        if (_manifest.Schema != CustodyManifest.CurrentSchema)
        {
            findings.Add($"schema is {CheckList.Show(_manifest.Schema)}; this verifier knows {CustodyManifest.CurrentSchema}");
        }
        if (_manifest.Mode is not (Analysis or Prosecution))
        {
            findings.Add($"mode is {CheckList.Show(_manifest.Mode)}; expected \"analysis\" or \"prosecution\"");
        }
        if (_manifest.HashAlgorithms.Count == 0 || _manifest.HashAlgorithms[0] != "sha256")
        {
            findings.Add("hashAlgorithms does not start with \"sha256\"");
        }
        checks.PassOrFail(CheckNames.CustodyManifest, findings,
            $"Mode {_manifest.Mode}, case {CheckList.Show(_manifest.Case.Id)}, {CheckList.Count(_manifest.Files.Count, "file")}; no duplicate keys.",
            $"{BundleLayout.ManifestJson} parses but is not a custody manifest this verifier can vouch for.");
        if (findings.Count > 0)
        {
            _manifest = _manifest.Mode is Analysis or Prosecution ? _manifest : null;
        }
    }

    private static string? MissingParts(CustodyManifest manifest)
    {
        // JSON null satisfies "required"; a hostile manifest must not crash the checks below.
        if (manifest.Mode is null || manifest.Case?.Id is null || manifest.Bag is null || manifest.Files is null
            || manifest.HashAlgorithms is null || manifest.Schema is null)
        {
            return "schema, mode, case.id, hashAlgorithms, bag and files must not be null";
        }
        if (manifest.Bag.BagitTxtSha256 is null || manifest.Bag.BagInfoTxtSha256 is null || manifest.Bag.ManifestSha256TxtSha256 is null
            || manifest.Bag.CollectionLogSha256 is null || manifest.Bag.PayloadOxum is null)
        {
            return "every field of bag must be present";
        }
        for (var i = 0; i < manifest.Files.Count; i++)
        {
            var file = manifest.Files[i];
            if (file?.BagPath is null || file.Sha256 is null || file.Id is null || (file.Parts?.Any(p => p is null) ?? false))
            {
                return $"files[{i}] lacks id, bagPath or sha256";
            }
        }
        return null;
    }

    private static IEnumerable<string> RecordPaths(FileRecord record) =>
        record.Parts is { Count: > 0 } parts ? parts : [record.BagPath];

    private void CheckSafePaths()
    {
        var findings = new List<string>();
        foreach (var line in _payload ?? [])
        {
            var problem = BagPathRules.Problem(line.Path) ?? (BagPathRules.IsPayload(line.Path) ? null : "is not under data/");
            if (problem is not null)
            {
                _unsafePaths.Add(line.Path);
                findings.Add($"{BundleLayout.PayloadManifest} line {line.Line}: {CheckList.Show(line.Path)} {problem}");
            }
        }
        foreach (var line in _tags ?? [])
        {
            if (BagPathRules.Problem(line.Path) is { } problem)
            {
                _unsafePaths.Add(line.Path);
                findings.Add($"{BundleLayout.TagManifest} line {line.Line}: {CheckList.Show(line.Path)} {problem}");
            }
        }
        if (_manifest is not null)
        {
            for (var i = 0; i < _manifest.Files.Count; i++)
            {
                foreach (var path in RecordPaths(_manifest.Files[i]).Append(_manifest.Files[i].BagPath).Distinct(StringComparer.Ordinal))
                {
                    var problem = BagPathRules.Problem(path) ?? (BagPathRules.IsPayload(path) ? null : "is not under data/");
                    if (problem is not null)
                    {
                        _unsafePaths.Add(path);
                        findings.Add($"{BundleLayout.ManifestJson} files[{i}] ({_manifest.Files[i].Id}): {CheckList.Show(path)} {problem}");
                    }
                }
            }
        }
        checks.PassOrFail(CheckNames.SafePaths, findings,
            "Every listed path is relative, inside the bag, without '..', '.', backslashes, drive letters or control characters.",
            $"{CheckList.Count(findings.Count, "path")} could escape the bag or its folder; they were not opened.");
    }

    private void CheckDuplicates()
    {
        var findings = new List<string>();
        FindDuplicates(BundleLayout.PayloadManifest, "line", (_payload ?? []).Select(l => (l.Line.ToString(CultureInfo.InvariantCulture), l.Path)), findings);
        FindDuplicates(BundleLayout.TagManifest, "line", (_tags ?? []).Select(l => (l.Line.ToString(CultureInfo.InvariantCulture), l.Path)), findings);
        if (_manifest is not null)
        {
            FindDuplicates(BundleLayout.ManifestJson, "files",
                _manifest.Files.SelectMany((f, i) => RecordPaths(f).Select(p => ($"[{i}]", p))), findings);
        }
        checks.PassOrFail(CheckNames.DuplicateEntries, findings,
            NormalizationWorks
                ? "No path is listed twice, also not after Unicode NFC and case folding."
                : "No path is listed twice, also not after case folding; NFC folding is unavailable in this runtime (invariant globalization), so Unicode normalization twins were not looked for.",
            $"{CheckList.Count(findings.Count, "duplicate")} found.");
    }

    /// <summary>False under invariant globalization, where string.Normalize silently does nothing.</summary>
    private static bool NormalizationWorks => "e\u0301".Normalize(System.Text.NormalizationForm.FormC) == "\u00e9";

    private static void FindDuplicates(string file, string where, IEnumerable<(string Where, string Path)> entries, List<string> findings)
    {
        var list = entries.ToList();
        foreach (var same in list.GroupBy(e => e.Path, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            findings.Add($"{file} {where} {string.Join(", ", same.Select(e => e.Where))} all list {CheckList.Show(same.Key)}");
        }
        var distinct = list.DistinctBy(e => e.Path, StringComparer.Ordinal);
        foreach (var twins in distinct.GroupBy(e => PathFolding.Fold(e.Path), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            findings.Add($"{file} {where} {string.Join(", ", twins.Select(e => e.Where))} list "
                + $"{string.Join(" and ", twins.Select(e => CheckList.Show(e.Path)))}, one name on case-insensitive or normalizing file systems");
        }
    }

    private void HashEverything()
    {
        var jobs = new List<HashJob>();
        foreach (var path in (_payload ?? []).Select(l => l.Path).Distinct(StringComparer.Ordinal))
        {
            if (!_unsafePaths.Contains(path) && tree.IsRegularFile(path))
            {
                jobs.Add(new HashJob("p:" + path, [path]));
            }
        }
        foreach (var entry in tree.Entries)
        {
            if (entry.Kind == BagEntryKind.RegularFile && !BagPathRules.IsPayload(entry.BagPath))
            {
                jobs.Add(new HashJob("t:" + entry.BagPath, [entry.BagPath]));
            }
        }
        if (_manifest is not null)
        {
            for (var i = 0; i < _manifest.Files.Count; i++)
            {
                if (_manifest.Files[i].Parts is { Count: > 0 } parts && parts.All(p => !_unsafePaths.Contains(p) && tree.IsRegularFile(p)))
                {
                    jobs.Add(new HashJob($"c:{i}", parts));
                }
            }
        }
        var hasher = new ParallelHasher(fileSystem, reader, tree, options.MaxParallelism);
        _hashes = hasher.HashAll(jobs.OrderByDescending(j => j.BagPaths.Sum(p => tree.Find(p)!.Length)), cancellationToken);
        var payload = _hashes.Where(h => h.Key.StartsWith("p:", StringComparison.Ordinal)).Select(h => h.Value).ToList();
        FilesHashed = payload.Count;
        BytesHashed = payload.Sum(h => h.Length);
    }

    private HashResult? HashOf(string prefix, string key) => _hashes.GetValueOrDefault(prefix + key);

    private void CheckPayloadFiles()
    {
        if (_payload is null)
        {
            checks.Add(CheckNames.PayloadFiles, CheckOutcome.Skip, $"Not checked: {BundleLayout.PayloadManifest} could not be read.");
            return;
        }
        var expectedSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in _manifest?.Files ?? [])
        {
            if (record.Parts is not { Count: > 0 })
            {
                expectedSizes.TryAdd(record.BagPath, record.Size);
            }
        }
        var findings = new List<string>();
        var ok = 0;
        foreach (var line in _payload)
        {
            if (_unsafePaths.Contains(line.Path))
            {
                findings.Add($"{BundleLayout.PayloadManifest} line {line.Line}: {CheckList.Show(line.Path)} not checked (unsafe path)");
                continue;
            }
            var shown = CheckList.Show(line.Path);
            if (NotReadable(line.Path) is { } problem)
            {
                var entry = tree.Find(line.Path);
                findings.Add(entry?.Kind == BagEntryKind.SymbolicLink
                    ? $"{shown} is a symbolic link to {CheckList.Show(entry.LinkTarget ?? "")} (not followed; {BundleLayout.PayloadManifest} line {line.Line})"
                    : $"{problem.Replace(line.Path, shown, StringComparison.Ordinal)} ({BundleLayout.PayloadManifest} line {line.Line})");
                continue;
            }
            var length = tree.Find(line.Path)!.Length;
            var good = true;
            if (expectedSizes.TryGetValue(line.Path, out var expectedSize) && expectedSize != length)
            {
                findings.Add($"{shown}: size is {length} bytes, {BundleLayout.ManifestJson} says {expectedSize}");
                good = false;
            }
            var hash = HashOf("p:", line.Path);
            if (hash?.Error is { } error)
            {
                findings.Add(error);
                good = false;
            }
            else if (hash is not null && hash.Sha256 != line.Hash)
            {
                findings.Add($"{shown}: SHA-256 is {hash.Sha256}, {BundleLayout.PayloadManifest} line {line.Line} says {line.Hash}");
                good = false;
            }
            ok += good ? 1 : 0;
        }
        checks.PassOrFail(CheckNames.PayloadFiles, findings,
            $"{CheckList.Count(ok, "file")} present with the right size and SHA-256 ({BytesHashed} bytes hashed).",
            $"{CheckList.Count(findings.Count, "payload problem")}; {ok} of {_payload.Count} entries are intact.");
    }

    private void CheckUnlistedFiles()
    {
        if (_payload is null)
        {
            checks.Add(CheckNames.UnlistedFiles, CheckOutcome.Skip, $"Not checked: {BundleLayout.PayloadManifest} could not be read.");
            return;
        }
        var listed = _payload.Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        var findings = tree.Entries
            .Where(e => BagPathRules.IsPayload(e.BagPath) && e.Kind != BagEntryKind.Directory && !listed.Contains(e.BagPath))
            .Select(e => e.BagPath)
            .Order(StringComparer.Ordinal)
            .Select(p => $"{CheckList.Show(p)} is not listed in {BundleLayout.PayloadManifest}")
            .ToList();
        var dataDir = tree.Find(BundleLayout.DataDir);
        if (dataDir?.Kind != BagEntryKind.Directory)
        {
            findings.Insert(0, dataDir is null ? "data/ is missing" : "data is not a directory");
        }
        checks.PassOrFail(CheckNames.UnlistedFiles, findings,
            $"Every file in data/ is listed in {BundleLayout.PayloadManifest}.",
            $"{CheckList.Count(findings.Count, "file")} in data/ that the manifest does not list.");
    }

    private static bool IsTagManifestName(string bagPath) =>
        !bagPath.Contains('/', StringComparison.Ordinal)
        && bagPath.StartsWith("tagmanifest-", StringComparison.Ordinal)
        && bagPath.EndsWith(".txt", StringComparison.Ordinal);

    private void CheckTagManifest()
    {
        if (_tagsProblem is not null || _tags is null)
        {
            checks.Add(CheckNames.TagManifest, CheckOutcome.Fail, _tagsProblem ?? $"{BundleLayout.TagManifest} could not be read.");
            return;
        }
        var findings = new List<string>();
        foreach (var line in _tags)
        {
            var shown = CheckList.Show(line.Path);
            if (_unsafePaths.Contains(line.Path))
            {
                findings.Add($"{BundleLayout.TagManifest} line {line.Line}: {shown} not checked (unsafe path)");
            }
            else if (BagPathRules.IsPayload(line.Path))
            {
                findings.Add($"{BundleLayout.TagManifest} line {line.Line}: {shown} is a payload file, not a tag file");
            }
            else if (NotReadable(line.Path) is { } problem)
            {
                findings.Add($"{problem.Replace(line.Path, shown, StringComparison.Ordinal)} ({BundleLayout.TagManifest} line {line.Line})");
            }
            else if (HashOf("t:", line.Path) is { } hash)
            {
                if (hash.Error is not null)
                {
                    findings.Add(hash.Error);
                }
                else if (hash.Sha256 != line.Hash)
                {
                    findings.Add($"{shown}: SHA-256 is {hash.Sha256}, {BundleLayout.TagManifest} line {line.Line} says {line.Hash}");
                }
            }
        }
        var listed = _tags.Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in tree.Entries.OrderBy(e => e.BagPath, StringComparer.Ordinal))
        {
            if (entry.Kind != BagEntryKind.Directory && !BagPathRules.IsPayload(entry.BagPath)
                && !IsTagManifestName(entry.BagPath) && !listed.Contains(entry.BagPath))
            {
                findings.Add($"{CheckList.Show(entry.BagPath)} is a tag file not listed in {BundleLayout.TagManifest}");
            }
        }
        checks.PassOrFail(CheckNames.TagManifest, findings,
            $"{CheckList.Count(_tags.Count, "tag file")} listed, every one intact, none unlisted.",
            $"{CheckList.Count(findings.Count, "tag file problem")}.");
    }

    private void CheckCustodyFiles()
    {
        if (_manifest is null || _payload is null)
        {
            checks.Add(CheckNames.CustodyFiles, CheckOutcome.Skip,
                $"Not checked: {(_manifest is null ? BundleLayout.ManifestJson : BundleLayout.PayloadManifest)} could not be read.");
            return;
        }
        var lines = _payload.GroupBy(l => l.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var findings = new List<string>();
        for (var i = 0; i < _manifest.Files.Count; i++)
        {
            var record = _manifest.Files[i];
            var label = $"{BundleLayout.ManifestJson} files[{i}] ({record.Id})";
            var expected = record.Sha256.ToLowerInvariant();
            if (record.Parts is { Count: > 0 } parts)
            {
                foreach (var part in parts)
                {
                    claimed.Add(part);
                    if (!lines.ContainsKey(part))
                    {
                        findings.Add($"{CheckList.Show(part)} (part of {CheckList.Show(record.BagPath)}) is in {label} but not in {BundleLayout.PayloadManifest}");
                    }
                }
                var joined = HashOf("c:", i.ToString(CultureInfo.InvariantCulture));
                if (joined is null || joined.Error is not null)
                {
                    findings.Add($"{CheckList.Show(record.BagPath)}: its parts could not all be read, so the whole file's SHA-256 was not checked");
                }
                else
                {
                    if (joined.Length != record.Size)
                    {
                        findings.Add($"{CheckList.Show(record.BagPath)}: its parts hold {joined.Length} bytes, {label} says {record.Size}");
                    }
                    if (joined.Sha256 != expected)
                    {
                        findings.Add($"{CheckList.Show(record.BagPath)}: SHA-256 of its parts joined is {joined.Sha256}, {label} says {expected}");
                    }
                }
                continue;
            }
            claimed.Add(record.BagPath);
            if (!lines.TryGetValue(record.BagPath, out var line))
            {
                findings.Add($"{CheckList.Show(record.BagPath)} is in {label} but not in {BundleLayout.PayloadManifest}");
            }
            else if (line.Hash != expected)
            {
                findings.Add($"{CheckList.Show(record.BagPath)}: {label} says SHA-256 {expected}, {BundleLayout.PayloadManifest} line {line.Line} says {line.Hash}");
            }
        }
        foreach (var line in _payload.Where(l => !claimed.Contains(l.Path)))
        {
            findings.Add($"{CheckList.Show(line.Path)} is in {BundleLayout.PayloadManifest} line {line.Line} but not in {BundleLayout.ManifestJson} files[]");
        }
        checks.PassOrFail(CheckNames.CustodyFiles, findings,
            $"{BundleLayout.ManifestJson} lists exactly the files of {BundleLayout.PayloadManifest}, with the same SHA-256.",
            $"{BundleLayout.ManifestJson} and {BundleLayout.PayloadManifest} disagree.");
    }

    private void CheckCustodyBag()
    {
        if (_manifest is null)
        {
            checks.Add(CheckNames.CustodyBag, CheckOutcome.Skip, $"Not checked: {BundleLayout.ManifestJson} could not be read.");
            return;
        }
        var bag = _manifest.Bag;
        var findings = new List<string>();
        foreach (var (path, expected) in new[]
        {
            (BundleLayout.BagitTxt, bag.BagitTxtSha256),
            (BundleLayout.BagInfoTxt, bag.BagInfoTxtSha256),
            (BundleLayout.PayloadManifest, bag.ManifestSha256TxtSha256),
            (BundleLayout.CollectionLog, bag.CollectionLogSha256),
        })
        {
            var hash = HashOf("t:", path);
            if (NotReadable(path) is { } problem)
            {
                findings.Add($"{problem}, but {BundleLayout.ManifestJson} binds its SHA-256");
            }
            else if (hash?.Sha256 is null)
            {
                findings.Add(hash?.Error ?? $"{path} could not be read");
            }
            else if (!string.Equals(hash.Sha256, expected, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"{path}: SHA-256 is {hash.Sha256}, {BundleLayout.ManifestJson} bag says {expected}");
            }
        }
        var (octets, files) = ActualOxum();
        var actualOxum = BagItText.PayloadOxum(octets, files);
        if (bag.PayloadOxum != actualOxum)
        {
            findings.Add($"Payload-Oxum: {BundleLayout.ManifestJson} bag says {bag.PayloadOxum}, data/ holds {actualOxum}");
        }
        if (BagInfoOxum is { } infoOxum && infoOxum != bag.PayloadOxum)
        {
            findings.Add($"Payload-Oxum: {BundleLayout.ManifestJson} bag says {bag.PayloadOxum}, {BundleLayout.BagInfoTxt} says {infoOxum}");
        }
        checks.PassOrFail(CheckNames.CustodyBag, findings,
            $"{BundleLayout.ManifestJson} binds bagit.txt, bag-info.txt, manifest-sha256.txt and collection.log, and all match.",
            $"The tag files are not the ones {BundleLayout.ManifestJson} was written with.");
    }

    private void CheckSignature()
    {
        var entry = tree.Find(BundleLayout.ManifestSignature);
        if (entry is null)
        {
            if (Mode == Prosecution)
            {
                checks.Add(CheckNames.Signature, CheckOutcome.Fail,
                    $"A prosecution bundle must be signed, but {BundleLayout.ManifestSignature} is missing.");
            }
            else if (options.RequireSignature)
            {
                checks.Add(CheckNames.Signature, CheckOutcome.Warn, "Unsigned, but a signature is required (--require-signature).");
            }
            else
            {
                checks.Add(CheckNames.Signature, CheckOutcome.Skip,
                    Mode == Analysis ? "Unsigned (analysis mode): integrity is checked; who made the bundle is not proven." : "Unsigned.");
            }
            checks.Add(CheckNames.SignerTrust, CheckOutcome.Skip, "No signature.");
            return;
        }
        Signed = true;
        var problem = NotReadable(BundleLayout.ManifestSignature)
            ?? (_manifestBytes is null ? $"{BundleLayout.ManifestJson} could not be read, so its signature cannot be checked" : null);
        byte[] signature = [];
        if (problem is null)
        {
            try
            {
                signature = reader.ReadAllBytes(BundleLayout.ManifestSignature, MaxSignatureBytes);
            }
            catch (BundleReaderException e)
            {
                problem = e.Message.TrimEnd('.');
            }
        }
        if (problem is not null)
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Fail, problem + ".");
            checks.Add(CheckNames.SignerTrust, CheckOutcome.Skip, "No signature that could be checked.");
            return;
        }

        SignatureVerification result;
        try
        {
            result = signatureVerifier.Verify(_manifestBytes, signature, _timestamp?.SignerPolicy ?? options.Trust);
        }
#pragma warning disable CA1031 // The port promises not to throw; if it does, the bundle is still judged, not crashed on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = new SignatureVerification(false, false, null, null, $"the signature could not be checked: {e.Message}");
        }
        Signer = result.Signer;
        SigningTime = result.SigningTime;
        var about = new List<string>();
        if (result.Signer is { } signer)
        {
            about.Add($"signer: {signer.Subject}");
            about.Add($"certificate SHA-256: {signer.CertificateSha256}");
            about.Add($"certificate valid {signer.NotBefore.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} to {signer.NotAfter.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }
        if (result.SigningTime is { } signingTime)
        {
            about.Add($"signing time: {signingTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }
        if (!result.SignatureValid)
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Fail, $"{BundleLayout.ManifestSignature} does not verify over {BundleLayout.ManifestJson}: {result.Detail}", about);
            checks.Add(CheckNames.SignerTrust, CheckOutcome.Skip, "The signature is not valid, so its signer is not judged.");
            return;
        }
        var claimed = _manifest?.Examiner?.CertificateSha256;
        if (claimed is not null && result.Signer is not null && Fingerprint(claimed) != Fingerprint(result.Signer.CertificateSha256))
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Fail,
                $"The signature verifies, but its certificate ({result.Signer.CertificateSha256}) is not the examiner certificate {BundleLayout.ManifestJson} names ({claimed}).", about);
        }
        else
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Pass,
                $"Valid CMS signature over {BundleLayout.ManifestJson}{(result.Signer is null ? "" : $", signed by {result.Signer.Subject}")}.", about);
        }
        if (result.Trusted)
        {
            checks.Add(CheckNames.SignerTrust, CheckOutcome.Pass, $"Trusted by your policy: {result.Detail}");
        }
        else
        {
            checks.Add(CheckNames.SignerTrust, CheckOutcome.Warn, options.Trust.IsEmpty
                ? "Not trusted: no trust anchor or pinned fingerprint was given (--trust, --trust-fingerprint); a certificate inside the bundle is never trusted by itself."
                : $"Not trusted by your policy: {result.Detail}");
        }
    }

    private static string Fingerprint(string hex) => hex.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();

    private void CheckCustodyChain()
    {
        var chain = new CustodyChainVerifier(fileSystem, signatureVerifier, timestampVerifier, options.Trust, options.TsaTrust)
            .Verify(reader, _manifest, _manifestBytes);
        if (chain.Events.Count == 0 && chain.Problems.Count == 0)
        {
            checks.Add(CheckNames.CustodyChain, CheckOutcome.Skip, "No custody events.");
            return;
        }
        var head = chain.HeadSha256 is { } sha ? $" Head: {CustodyPaths.Event(chain.Events[^1].Sequence)} SHA-256 {sha}." : "";
        if (chain.Problems.Count > 0)
        {
            checks.Add(CheckNames.CustodyChain, CheckOutcome.Fail,
                $"The custody chain is broken ({CheckList.Count(chain.Problems.Count, "problem")} in {CheckList.Count(chain.Events.Count, "event")}).",
                [.. chain.Problems, .. chain.Untrusted]);
        }
        else if (chain.Untrusted.Count > 0)
        {
            checks.Add(CheckNames.CustodyChain, CheckOutcome.Warn,
                $"{CheckList.Count(chain.Events.Count, "event")}, linked and signed, but not every signer is trusted by your policy.{head}",
                chain.Untrusted);
        }
        else
        {
            checks.Add(CheckNames.CustodyChain, CheckOutcome.Pass,
                $"{CheckList.Count(chain.Events.Count, "event")} from 1 without gaps, each linked by SHA-256 and signed by a trusted signer; "
                + $"times never go back more than {CustodyChainRules.ClockTolerance.TotalMinutes:0} minutes.{head}",
                chain.Events.Select(e => $"{e.Sequence:D6} {e.Event?.Time} {e.Event?.Kind} by {e.Event?.Actor.Name}").ToList());
        }
    }
}
