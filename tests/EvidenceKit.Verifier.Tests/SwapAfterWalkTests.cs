using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Platform.Linux;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// The attacker changes a small payload file after the verifier's one walk listed it and before it is hashed (the
/// window of the small-file read, which reads without a stream): the real Linux bag reader, with the change made at
/// the very end of the walk. The swaps and what must follow are <see cref="PayloadSwapTests"/>'.
/// </summary>
public sealed class SwapAfterWalkTests : PayloadSwapTests
{
    protected override IBagFilesFactory Swapping(Action swap) => new SwapAfterWalk(swap);

    /// <summary>The real Linux bag reader, with <c>swap</c> run once the walk has listed every entry.</summary>
    private sealed class SwapAfterWalk(Action swap) : IBagFilesFactory
    {
        public IBagFiles Open(string root) => new Reader(new LinuxBagFilesFactory().Open(root), swap);

        private sealed class Reader(IBagFiles inner, Action swap) : IBagFiles
        {
            public IEnumerable<BagEntry> Walk(CancellationToken cancellationToken)
            {
                foreach (var entry in inner.Walk(cancellationToken))
                {
                    yield return entry;
                }
                swap();
            }

            public Stream OpenRegular(BagEntry entry) => inner.OpenRegular(entry);

            public int ReadWhole(ReadOnlySpan<byte> bagPath, ulong device, ulong inode, long length, Span<byte> buffer) =>
                inner.ReadWhole(bagPath, device, inode, length, buffer);

            public void Dispose() => inner.Dispose();
        }
    }
}
