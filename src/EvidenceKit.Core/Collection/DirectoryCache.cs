using System.Collections.Concurrent;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Collection;

/// <summary>Creates each target directory once, however many files land in it.</summary>
internal sealed class DirectoryCache(ITargetStore store)
{
    private readonly ConcurrentDictionary<string, bool> _made = new(StringComparer.Ordinal);

    public void Ensure(string directory)
    {
        if (_made.ContainsKey(directory))
        {
            return;
        }
        try
        {
            store.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not TargetConnectionLostException)
        {
            throw new TargetWriteException($"Cannot create {directory} on the target: {e.Message}", e);
        }
        _made[directory] = true;
    }
}
