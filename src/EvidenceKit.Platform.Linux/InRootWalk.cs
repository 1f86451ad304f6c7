using System.Runtime.InteropServices;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// The fallback for kernels without openat2 (before 5.6): resolves a root-relative byte path one component at a
/// time from a handle on the root, opening each directory with O_PATH | O_DIRECTORY | O_NOFOLLOW. A symbolic link
/// in the middle is read and resolved here, inside the root (an absolute target restarts at the root, ".." never
/// climbs above it), at most <see cref="MaxHops"/> times; the final component is never followed. Like openat2 with
/// RESOLVE_IN_ROOT, the kernel never walks a ".." or a link for us, so a concurrent rename cannot lead outside.
/// </summary>
internal static class InRootWalk
{
    /// <summary>Links followed in one resolution before giving up with ELOOP (the kernel's own limit).</summary>
    public const int MaxHops = 40;

    /// <summary>Opens <paramref name="relative"/> (no NUL) under <paramref name="rootFd"/> with <paramref name="flags"/>.</summary>
    /// <returns>The new fd, or -1 with <paramref name="errno"/> set.</returns>
    public static int Open(int rootFd, ReadOnlySpan<byte> relative, int flags, out int errno)
    {
        var pending = new Stack<byte[]>();
        PushFront(pending, Split(relative));
        var opened = new Stack<int>();
        var hops = 0;
        try
        {
            while (true)
            {
                var top = opened.Count == 0 ? rootFd : opened.Peek();
                if (pending.Count == 0)
                {
                    return Final(top, "."u8, flags, out errno);
                }
                var component = pending.Pop();
                if (component is [(byte)'.'])
                {
                    continue;
                }
                if (component is [(byte)'.', (byte)'.'])
                {
                    if (opened.Count > 0)
                    {
                        LinuxNative.Close(opened.Pop());
                    }
                    continue;
                }
                if (pending.Count == 0)
                {
                    return Final(top, component, flags, out errno);
                }

                var fd = LinuxNative.OpenAtRaw(top, Terminated(component),
                    LinuxNative.O_PATH | LinuxNative.SourceODirectory | LinuxNative.SourceONoFollow | LinuxNative.O_CLOEXEC);
                if (fd >= 0)
                {
                    opened.Push(fd);
                    continue;
                }
                errno = Marshal.GetLastPInvokeError();
                if (errno is not (LinuxNative.ELOOP or LinuxNative.ENOTDIR) || ReadLink(top, component) is not { } target)
                {
                    return -1;
                }
                if (++hops > MaxHops)
                {
                    errno = LinuxNative.ELOOP;
                    return -1;
                }
                if (target.Length > 0 && target[0] == (byte)'/')
                {
                    while (opened.Count > 0)
                    {
                        LinuxNative.Close(opened.Pop());
                    }
                }
                PushFront(pending, Split(target));
            }
        }
        finally
        {
            while (opened.Count > 0)
            {
                LinuxNative.Close(opened.Pop());
            }
        }
    }

    private static int Final(int dirFd, ReadOnlySpan<byte> name, int flags, out int errno)
    {
        var fd = LinuxNative.OpenAtRaw(dirFd, Terminated(name), flags | LinuxNative.SourceONoFollow | LinuxNative.O_CLOEXEC);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    /// <summary>The target of the link <paramref name="name"/> in <paramref name="dirFd"/>, or null when it is no link.</summary>
    private static byte[]? ReadLink(int dirFd, byte[] name)
    {
        var buffer = new byte[4096];
        var n = LinuxNative.ReadLinkAtRaw(dirFd, Terminated(name), buffer);
        return n is > 0 and < 4096 ? buffer[..n] : null;
    }

    private static void PushFront(Stack<byte[]> pending, List<byte[]> parts)
    {
        for (var i = parts.Count - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static List<byte[]> Split(ReadOnlySpan<byte> path)
    {
        var parts = new List<byte[]>();
        foreach (var range in path.Split((byte)'/'))
        {
            if (range.End.GetOffset(path.Length) > range.Start.GetOffset(path.Length))
            {
                parts.Add(path[range].ToArray());
            }
        }
        return parts;
    }

    internal static byte[] Terminated(ReadOnlySpan<byte> name)
    {
        var bytes = new byte[name.Length + 1];
        name.CopyTo(bytes);
        return bytes;
    }
}
