using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>
/// A small real file system mounted for one test (root only): a tmpfs of a given size, or a loop-mounted image.
/// Unmounted and removed when disposed. <see cref="TryCreate"/> returns null with the reason when it cannot be made.
/// </summary>
internal sealed class ScratchMount : IDisposable
{
    private readonly TempDirectory _dir;

    private ScratchMount(TempDirectory dir, string path)
    {
        _dir = dir;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "8m"), or a loop-mounted image made by <paramref name="mkfs"/>.</summary>
    public static ScratchMount? TryCreate(string size, string[]? mkfs, out string reason)
    {
        reason = "";
        if (!Requires.IsRoot)
        {
            reason = "needs root: mounting a small file system needs root (CI runs as root).";
            return null;
        }
        var dir = new TempDirectory("ek-mount-");
        var mountPoint = dir.MakeDirectory("mnt");
        ProcessResult mounted;
        if (mkfs is null)
        {
            mounted = Run.Tool("mount", ["-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint]);
        }
        else
        {
            var image = dir.Combine("image");
            Run.Tool("truncate", ["-s", size, image]);
            var made = RunOrMissing(mkfs[0], [.. mkfs[1..], image]);
            if (made is null || made.ExitCode != 0)
            {
                dir.Dispose();
                reason = $"{mkfs[0]} is not available ({made?.StdErr.Trim() ?? "not installed; apt-get install dosfstools"}).";
                return null;
            }
            mounted = Run.Tool("mount", ["-o", "loop", image, mountPoint]);
        }
        if (mounted.ExitCode != 0)
        {
            dir.Dispose();
            reason = $"mount failed ({mounted.StdErr.Trim()}); this kernel or container cannot mount it.";
            return null;
        }
        return new ScratchMount(dir, mountPoint);
    }

    /// <summary>Changes the size of a tmpfs in place (the files stay).</summary>
    public void Resize(string size)
    {
        var result = Run.Tool("mount", ["-o", "remount,size=" + size, Path]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("remount failed: " + result);
        }
    }

    private static ProcessResult? RunOrMissing(string tool, IEnumerable<string> args)
    {
        try
        {
            return Run.Tool(tool, args);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public void Dispose()
    {
        for (var attempt = 0; attempt < 5 && Run.Tool("umount", [Path]).ExitCode != 0; attempt++)
        {
            Run.Tool("sync", []);
        }
        _dir.Dispose();
    }
}
