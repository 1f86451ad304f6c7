using System.Globalization;
using System.IO.Abstractions;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Host;

/// <summary>
/// Reads the identity of the running Linux host: names from the kernel, /etc/machine-id and os-release,
/// addresses from the network interfaces, boot time from /proc/stat. Anything unreadable is left null.
/// </summary>
public sealed class LinuxHostInfo(IFileSystem fs, string root) : IHostInfo
{
    /// <inheritdoc />
    public HostRecord Read()
    {
        var hostname = ReadLine("/proc/sys/kernel/hostname", live: true) ?? Environment.MachineName;
        var osRelease = ReadOsRelease();
        var interfaces = SafeInterfaces();
        return new HostRecord
        {
            Hostname = hostname,
            Fqdn = Fqdn(hostname),
            MachineId = ReadLine("/etc/machine-id", live: false),
            Os = osRelease?.GetValueOrDefault("PRETTY_NAME"),
            OsRelease = osRelease,
            Kernel = Join(ReadLine("/proc/sys/kernel/osrelease", live: true), ReadLine("/proc/sys/kernel/version", live: true)),
            IpAddresses = interfaces
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                .Select(a => a.ToString()).Distinct().ToList(),
            MacAddresses = interfaces
                .Select(i => i.GetPhysicalAddress().GetAddressBytes())
                .Where(b => b.Length == 6 && b.Any(x => x != 0))
                .Select(b => string.Join(':', b.Select(x => x.ToString("x2", CultureInfo.InvariantCulture)))).Distinct().ToList(),
            BootTime = BootTime(),
            TimeZone = TimeZoneInfo.Local.Id,
            FromRoot = root != "/" ? true : null,
        };
    }

    private string? ReadLine(string hostPath, bool live)
    {
        var path = live || root == "/" ? hostPath : fs.Path.Join(root, hostPath.TrimStart('/'));
        try
        {
            return fs.File.Exists(path) ? fs.File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private Dictionary<string, string>? ReadOsRelease()
    {
        foreach (var candidate in new[] { "/etc/os-release", "/usr/lib/os-release" })
        {
            var path = root == "/" ? candidate : fs.Path.Join(root, candidate.TrimStart('/'));
            try
            {
                if (!fs.File.Exists(path))
                {
                    continue;
                }
                var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var line in fs.File.ReadLines(path).Take(200))
                {
                    var eq = line.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0 && !line.StartsWith('#'))
                    {
                        pairs[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"');
                    }
                }
                return pairs;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        return null;
    }

    private string? BootTime()
    {
        try
        {
            var line = fs.File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            return line is not null && long.TryParse(line[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? Timestamps.Format(DateTimeOffset.FromUnixTimeSeconds(seconds))
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Fqdn(string hostname)
    {
        try
        {
            // A compromised host's resolver may hang: give it two seconds.
            var lookup = Dns.GetHostEntryAsync(hostname);
            return lookup.Wait(TimeSpan.FromSeconds(2)) ? lookup.Result.HostName : null;
        }
        catch (AggregateException)
        {
            return null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static List<NetworkInterface> SafeInterfaces()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces().Where(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback).ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a} {b}";
}
