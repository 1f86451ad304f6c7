using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Platform.Linux;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// The payload is hashed while the custody manifest and its records are still being read. The attacker changes a
/// payload file in that window: after a hashing worker has taken the file and before it opens it, at the moment the
/// custody manifest is opened (the real Linux bag reader, the two steps held in that order by events, each wait
/// bounded). The swaps and what must follow are <see cref="PayloadSwapTests"/>'.
/// </summary>
public sealed class SwapWhileRecordsAreReadTests : PayloadSwapTests
{
    protected override IBagFilesFactory Swapping(Action swap) => new SwapWhileRecordsAreRead(swap);

    /// <summary>
    /// The real Linux bag reader. When the custody manifest is opened, <c>swap</c> runs once a worker has taken the
    /// syslog to hash (or after at most 10 s, when hashing has not begun); the worker opens it only after the swap.
    /// </summary>
    private sealed class SwapWhileRecordsAreRead(Action swap) : IBagFilesFactory
    {
        public IBagFiles Open(string root) => new Reader(new LinuxBagFilesFactory().Open(root), swap);

        private sealed class Reader(IBagFiles inner, Action swap) : IBagFiles
        {
            private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
            private readonly ManualResetEventSlim _taken = new();
            private readonly ManualResetEventSlim _swapped = new();

            public IEnumerable<BagEntry> Walk(CancellationToken cancellationToken) => inner.Walk(cancellationToken);

            public Stream OpenRegular(BagEntry entry)
            {
                if (entry.BagPath == "custody/manifest.json" && !_swapped.IsSet)
                {
                    _taken.Wait(Bound);
                    swap();
                    _swapped.Set();
                }
                else if (entry.BagPath == Syslog)
                {
                    HoldUntilSwapped();
                }
                return inner.OpenRegular(entry);
            }

            public int ReadWhole(ReadOnlySpan<byte> bagPath, ulong device, ulong inode, long length, Span<byte> buffer)
            {
                if (bagPath.SequenceEqual("data/var/log/syslog"u8))
                {
                    HoldUntilSwapped();
                }
                return inner.ReadWhole(bagPath, device, inode, length, buffer);
            }

            public void Dispose()
            {
                inner.Dispose();
                _taken.Dispose();
                _swapped.Dispose();
            }

            private void HoldUntilSwapped()
            {
                _taken.Set();
                _swapped.Wait(Bound);
            }
        }
    }
}
