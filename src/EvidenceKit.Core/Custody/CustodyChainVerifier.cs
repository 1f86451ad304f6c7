using System.Globalization;
using System.Text.Json;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Custody;

/// <summary>
/// Checks a bundle's custody chain: events numbered from 1 without gaps, each linked to what came before by SHA-256,
/// each signed (detached CMS) by the certificate its actor names, each signer trusted by the verifier's policy, and
/// times that never go back by more than <see cref="CustodyChainRules.ClockTolerance"/>. Only reads.
/// </summary>
public sealed class CustodyChainVerifier
{
    private readonly IBagFilesFactory? _bagFiles;
    private readonly ISignatureVerifier _signatures;
    private readonly ITimestampVerifier? _timestamps;
    private readonly TrustPolicy _signerTrust;
    private readonly TrustPolicy _tsaTrust;

    /// <summary>Creates a chain check.</summary>
    /// <param name="bagFiles">Opens the bag for the one snapshot the chain is judged over (directory handles on Linux).</param>
    /// <param name="signatures">Checks each event's CMS signature.</param>
    /// <param name="timestamps">Checks each event's RFC 3161 token, or null to leave tokens unchecked.</param>
    /// <param name="signerTrust">Whom the verifier trusts to sign events (--trust).</param>
    /// <param name="tsaTrust">Which time-stamp authorities the verifier trusts (--tsa-trust).</param>
    public CustodyChainVerifier(IBagFilesFactory bagFiles, ISignatureVerifier signatures, ITimestampVerifier? timestamps,
        TrustPolicy signerTrust, TrustPolicy tsaTrust)
        : this(signatures, timestamps, signerTrust, tsaTrust) => _bagFiles = bagFiles;

    /// <summary>A chain check that only judges snapshots it is given (the bundle verifier's own).</summary>
    internal CustodyChainVerifier(ISignatureVerifier signatures, ITimestampVerifier? timestamps, TrustPolicy signerTrust, TrustPolicy tsaTrust)
    {
        _signatures = signatures;
        _timestamps = timestamps;
        _signerTrust = signerTrust;
        _tsaTrust = tsaTrust;
    }

    /// <summary>
    /// Checks the chain of the bundle at <paramref name="bundlePath"/>: takes one snapshot of the bag (no link followed,
    /// nothing but regular files opened, every read capped) and judges the chain over it.
    /// </summary>
    public CustodyChainResult Verify(string bundlePath)
    {
        BagSnapshot snapshot;
        try
        {
            snapshot = BagSnapshot.Take(_bagFiles ?? throw new InvalidOperationException("This chain check judges given snapshots only."),
                Path.GetFullPath(bundlePath), new BagLimits(), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BundleReaderException)
        {
            return new CustodyChainResult([], [$"the bundle could not be read: {e.Message}"], [], false);
        }
        using (snapshot)
        {
            byte[]? bytes = null;
            CustodyManifest? manifest = null;
            try
            {
                bytes = snapshot.ReadAll(BundleLayout.ManifestJson, snapshot.Limits.ManifestJsonBytes(snapshot.PayloadFileCount));
                manifest = ManifestJson.FromUtf8<CustodyManifest>(bytes);
            }
            catch (Exception e) when (e is BundleReaderException or JsonException)
            {
                manifest = null;
            }
            return Verify(snapshot, manifest, bytes, null);
        }
    }

    /// <summary>Judges the chain over <paramref name="snapshot"/>; <paramref name="knownSha256"/> gives tag-file digests already taken.</summary>
    internal CustodyChainResult Verify(BagSnapshot snapshot, CustodyManifest? manifest, byte[]? manifestBytes, Func<string, string?>? knownSha256)
    {
        var reader = new ChainFiles(snapshot, knownSha256);
        var problems = new List<string>();
        var untrusted = new List<string>();
        var expected = manifest?.Notes?.Contains(CustodyChainRules.ChainNote) ?? false;
        var files = ListEventFiles(snapshot, problems);
        if (files.Count == 0)
        {
            if (expected)
            {
                problems.Add($"{BundleLayout.ManifestJson} says {CustodyPaths.Event(1)} follows it, but there are no custody events");
            }
            return new CustodyChainResult([], problems, untrusted, expected);
        }

        var eventNumbers = files.Where(f => f.Value.Contains(CustodyFileRole.Event)).Select(f => f.Key).Order().ToList();
        var last = files.Keys.Max();
        for (var n = 1; n <= last; n++)
        {
            if (!files.TryGetValue(n, out var roles) || !roles.Contains(CustodyFileRole.Event))
            {
                problems.Add($"{CustodyPaths.Event(n)} is missing: the chain has a gap");
            }
            else if (!roles.Contains(CustodyFileRole.Signature))
            {
                problems.Add($"{CustodyPaths.Signature(n)} is missing: event {n} is not signed");
            }
        }

        var verified = new List<VerifiedCustodyEvent>();
        byte[]? previousBytes = null;
        var previousNumber = 0;
        DateTimeOffset? previousTime = manifest is not null && TryParseTime(manifest.Finished, out var finished) ? finished : null;
        var previousLabel = "the manifest's finished time";
        foreach (var n in eventNumbers)
        {
            var path = CustodyPaths.Event(n);
            byte[] bytes;
            try
            {
                bytes = reader.Snapshot.ReadAll(path, reader.Snapshot.Limits.MaxEventBytes);
            }
            catch (BundleReaderException e)
            {
                problems.Add($"{path} could not be read: {e.Message.TrimEnd('.')}");
                verified.Add(new VerifiedCustodyEvent(n, path, "", null, null, null));
                previousBytes = null;
                continue;
            }
            var sha = Hex.Sha256(bytes);
            CustodyEvent? custodyEvent = null;
            try
            {
                custodyEvent = ManifestJson.FromUtf8<CustodyEvent>(bytes);
                if (MissingParts(custodyEvent) is { } missing)
                {
                    problems.Add($"{path} is malformed: {missing}");
                    custodyEvent = null;
                }
            }
            catch (JsonException e)
            {
                problems.Add($"{path} is malformed: {e.Message}");
            }

            if (custodyEvent is not null)
            {
                CheckFields(path, n, custodyEvent, manifest, problems);
                CustodyChainLinks.Check(reader, path, n, custodyEvent, previousNumber == n - 1 ? previousBytes : null, manifestBytes, problems);
                if (TryParseTime(custodyEvent.Time, out var time))
                {
                    if (previousTime is { } before && time < before - CustodyChainRules.ClockTolerance)
                    {
                        problems.Add($"{path}: time {custodyEvent.Time} is more than {CustodyChainRules.ClockTolerance.TotalMinutes:0} minutes before {previousLabel} ({Timestamps.Format(before)})");
                    }
                    previousTime = time;
                    previousLabel = $"{path}'s time";
                }
                else
                {
                    problems.Add($"{path}: time {CheckText(custodyEvent.Time)} is not a UTC time like 2026-01-31T12:00:00Z");
                }
            }

            var (signature, timestamp) = CheckSignature(reader, path, n, bytes, custodyEvent, manifest, problems, untrusted);
            verified.Add(new VerifiedCustodyEvent(n, path, sha, custodyEvent, signature, timestamp));
            previousBytes = bytes;
            previousNumber = n;
        }
        return new CustodyChainResult(verified, problems, untrusted, expected);
    }

    private static SortedDictionary<int, HashSet<CustodyFileRole>> ListEventFiles(BagSnapshot snapshot, List<string> problems)
    {
        var found = new SortedDictionary<int, HashSet<CustodyFileRole>>();
        var dir = snapshot.Find(BundleLayout.EventsDir);
        if (dir is null)
        {
            return found;
        }
        if (dir.Kind != BagEntryKind.Directory)
        {
            problems.Add($"{BundleLayout.EventsDir} is {dir.Describe()}, not a folder of events");
            return found;
        }
        var prefix = BundleLayout.EventsDir + "/";
        // What a killed custody add left is no event: it is never read here (the coverage check names it).
        var leftovers = CustodyAddLeftovers.Find(snapshot, new HashSet<string>(StringComparer.Ordinal));
        foreach (var entry in snapshot.EntriesOutsidePayload().Where(e => e.BagPath.StartsWith(prefix, StringComparison.Ordinal) && !leftovers.Contains(e.BagPath))
            .OrderBy(e => e.BagPath, StringComparer.Ordinal))
        {
            var name = entry.BagPath[prefix.Length..];
            var parsed = name.Contains('/', StringComparison.Ordinal) ? null : CustodyPaths.Parse(name);
            if (parsed is null || entry.Kind != BagEntryKind.RegularFile)
            {
                problems.Add(parsed is null
                    ? $"{BundleLayout.EventsDir}/{CheckText(name)} is not a custody event file (NNNNNN.json, .json.p7s or .json.p7s.tsr)"
                    : $"{CheckText(entry.BagPath)} is {entry.Describe()}, not a custody event file");
                if (parsed is null)
                {
                    continue;
                }
            }
            if (!found.TryGetValue(parsed.Value.Sequence, out var roles))
            {
                found[parsed.Value.Sequence] = roles = [];
            }
            roles.Add(parsed.Value.Role);
        }
        return found;
    }

    private static string? MissingParts(CustodyEvent e)
    {
        // JSON null satisfies "required"; a hostile event must not crash the checks.
        if (e.Schema is null || e.Previous is null || e.Time is null || e.Kind is null || e.Actor?.Name is null
            || e.Actor.CertificateSha256 is null || e.Previous.Any(l => l?.Path is null || l.Sha256 is null))
        {
            return "schema, previous, time, kind, actor.name and actor.certificateSha256 must be present";
        }
        return null;
    }

    private static void CheckFields(string path, int n, CustodyEvent e, CustodyManifest? manifest, List<string> problems)
    {
        if (e.Schema != CustodyEvent.CurrentSchema)
        {
            problems.Add($"{path}: schema is {CheckText(e.Schema)}; this verifier knows {CustodyEvent.CurrentSchema}");
        }
        if (e.Sequence != n)
        {
            problems.Add($"{path}: sequence is {e.Sequence}, but the file is number {n} (events reordered or renamed)");
        }
        if (manifest is not null && e.BundleId != manifest.BundleId)
        {
            problems.Add($"{path}: bundleId is {e.BundleId}, but {BundleLayout.ManifestJson} says {manifest.BundleId} (an event from another bundle)");
        }
        if (!CustodyEventKinds.All.Contains(e.Kind))
        {
            problems.Add($"{path}: kind {CheckText(e.Kind)} is not one of {string.Join(", ", CustodyEventKinds.All)}");
        }
        else if ((n == 1) != (e.Kind == CustodyEventKinds.Sealed))
        {
            problems.Add(n == 1
                ? $"{path}: event 1 must be \"sealed\" (written by the collector), but is {CheckText(e.Kind)}"
                : $"{path}: only event 1 may be \"sealed\"");
        }
    }

    private (SignatureVerification?, TimestampVerification?) CheckSignature(ChainFiles reader, string path, int n, byte[] bytes,
        CustodyEvent? e, CustodyManifest? manifest, List<string> problems, List<string> untrusted)
    {
        var signaturePath = CustodyPaths.Signature(n);
        byte[]? signature;
        try
        {
            signature = reader.Small(signaturePath);
        }
        catch (BundleReaderException ex)
        {
            problems.Add($"{CheckText(signaturePath)} could not be read: {ex.Message.TrimEnd('.')}");
            return (null, null);
        }
        if (signature is null)
        {
            return (null, null);
        }

        TimestampVerification? timestamp = null;
        var policy = _signerTrust;
        var tokenPath = CustodyPaths.Timestamp(n);
        if (reader.Snapshot.Contains(tokenPath) && _timestamps is not null)
        {
            try
            {
                timestamp = _timestamps.Verify(reader.Small(tokenPath), signature, _tsaTrust);
            }
            catch (BundleReaderException ex)
            {
                timestamp = new TimestampVerification(false, false, null, null, null, $"could not be read: {ex.Message.TrimEnd('.')}");
            }
            if (!timestamp.Valid)
            {
                problems.Add($"{tokenPath} is not a valid time-stamp over {signaturePath}: {timestamp.Detail}");
            }
            else if (!timestamp.Trusted)
            {
                untrusted.Add($"{tokenPath}: time-stamp authority not trusted by your policy (--tsa-trust): {timestamp.Detail}");
            }
            else if (timestamp.GenTime is { } genTime)
            {
                // The key was used no later than the authority says: judge the certificate then, not now.
                policy = _signerTrust with { ValidationTime = genTime };
            }
        }

        SignatureVerification result;
        try
        {
            result = _signatures.Verify(bytes, signature, policy);
        }
#pragma warning disable CA1031 // The port promises not to throw; if it does, the chain is still judged, not crashed on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = new SignatureVerification(false, false, null, null, $"the signature could not be checked: {ex.Message}");
        }
        if (!result.SignatureValid)
        {
            problems.Add($"{signaturePath} does not verify over {path}: {result.Detail}");
            return (result, timestamp);
        }
        if (e is not null && result.Signer is { } signer)
        {
            if (!SameFingerprint(signer.CertificateSha256, e.Actor.CertificateSha256))
            {
                problems.Add($"{path}: signed by certificate {signer.CertificateSha256}, but its actor names {e.Actor.CertificateSha256}");
            }
            if (signer.CommonName is not { } commonName)
            {
                problems.Add($"{path}: its signing certificate {CheckText(signer.Subject)} has no single common name (CN), so it names no one: an event names its signer");
            }
            else if (!string.Equals(commonName, e.Actor.Name, StringComparison.Ordinal))
            {
                problems.Add($"{path}: its actor is {CheckText(e.Actor.Name)}, but it is signed by {CheckText(commonName)} (the certificate's common name): an event names its signer");
            }
            if (n == 1 && manifest?.Examiner?.CertificateSha256 is { } examiner && !SameFingerprint(signer.CertificateSha256, examiner))
            {
                problems.Add($"{path}: the sealed event is signed by {signer.CertificateSha256}, not by the examiner certificate {BundleLayout.ManifestJson} names ({examiner})");
            }
        }
        if (!result.Trusted)
        {
            var who = e?.Actor.Name is { } name ? $" ({CheckText(name)})" : "";
            untrusted.Add(_signerTrust.IsEmpty
                ? $"{signaturePath}{who}: not trusted, no trust anchor or pinned fingerprint was given"
                : $"{signaturePath}{who}: not trusted by your policy: {result.Detail}");
        }
        return (result, timestamp);
    }

    private static bool SameFingerprint(string a, string b) =>
        string.Equals(Fingerprints.Normalize(a), Fingerprints.Normalize(b), StringComparison.Ordinal);

    private static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        && text!.EndsWith('Z');

    private static string CheckText(string? text) => CheckList.Show(text ?? "(null)");
}
