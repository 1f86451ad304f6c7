using System.Runtime.InteropServices;
using System.Text;

namespace EvidenceKit.Testing;

/// <summary>Creates files whose names are arbitrary bytes (not valid UTF-8), which .NET's own file APIs cannot name.</summary>
public static class RawFiles
{
    /// <summary>Creates <paramref name="directory"/>/<paramref name="name"/> holding <paramref name="content"/>; returns the full path bytes.</summary>
    public static byte[] Create(string directory, byte[] name, string content)
    {
        var path = PathBytes(directory, name);
        var fd = Creat(Terminated(path), Convert.ToInt32("644", 8));
        if (fd < 0)
        {
            throw new IOException($"creat failed: errno {Marshal.GetLastPInvokeError()}");
        }
        try
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            if (Write(fd, bytes, bytes.Length) != bytes.Length)
            {
                throw new IOException($"write failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
        return path;
    }

    /// <summary>The bytes of <paramref name="directory"/>/<paramref name="name"/>.</summary>
    public static byte[] PathBytes(string directory, byte[] name) =>
        [.. Encoding.UTF8.GetBytes(directory.TrimEnd('/')), (byte)'/', .. name];

    private static byte[] Terminated(byte[] path) => [.. path, 0];

    [DllImport("libc", EntryPoint = "creat", SetLastError = true)]
    private static extern int Creat(byte[] path, int mode);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
