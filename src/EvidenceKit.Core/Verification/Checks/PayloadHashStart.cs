namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// Starts hashing the payload as soon as the payload manifests are read, on threads of its own, so the checks that
/// follow (the custody records, read and judged line by line, are most of them) run while the payload is hashed
/// instead of before. Adds no check of its own; <see cref="HashStep"/> waits for it. What is hashed is decided here
/// from the manifests and the snapshot alone: a listed regular file whose path <see cref="SafePathsCheck"/> judges
/// safe, the same answer that check gives later, so an unsafe path is never opened. Every file is read through the
/// snapshot, proven to be the one the walk listed, exactly as before.
/// </summary>
internal sealed class PayloadHashStart : IBagCheck
{
    /// <summary>More payload manifests than this are not hashed together (a byte of bits per file says which list it).</summary>
    private const int MaxPayloadManifests = 8;

    public void Run(VerificationContext context) => context.PayloadHashing = Start(context);

    /// <summary>Starts the hashing of every safe, regular payload file the payload manifests list.</summary>
    public static PayloadHashing Start(VerificationContext context) => new(stop => Task.Run(() =>
    {
        var snapshot = context.Snapshot;
        var manifests = context.PayloadManifests.ToList();
        var listedBy = new byte[snapshot.EntrySlots];
        for (var m = 0; m < Math.Min(manifests.Count, MaxPayloadManifests); m++)
        {
            var lines = manifests[m].Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                var entry = lines.EntryAt(i);
                if (entry >= 0 && snapshot.KindAt(entry) == BagEntryKind.RegularFile && SafePathsCheck.Problem(context, lines.PathAt(i), payload: true) is null)
                {
                    listedBy[entry] |= (byte)(1 << m);
                }
            }
        }
        return new PayloadHasher(snapshot, manifests, context.Options.MaxParallelism).HashAll(listedBy, stop);
    }, stop), context.CancellationToken);

}
