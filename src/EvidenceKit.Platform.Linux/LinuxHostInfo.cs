using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// Reads the identity of a Linux host: /etc/machine-id and os-release from the collected system through the
/// <paramref name="source"/> port (inside its root, regular files only, small caps, no access time changed); host
/// name, kernel and boot time from the running kernel's /proc through <paramref name="machine"/>; addresses from the
/// network interfaces. A file that cannot be read as an identity file leaves its field null and says why in
/// <see cref="HostRecord.Unavailable"/>.
/// </summary>
/// <param name="source">The port on the collected root.</param>
/// <param name="machine">The port on this machine's "/" (for /proc); the same as <paramref name="source"/> without --root.</param>
public sealed class LinuxHostInfo(ISourceFiles source, ISourceFiles machine)
{
    /// <summary>The most bytes read of /etc/machine-id.</summary>
    public const int MaxMachineIdBytes = 4 * 1024;

    /// <summary>The most bytes read of an os-release file.</summary>
    public const int MaxOsReleaseBytes = 64 * 1024;

    /// <summary>The most bytes read of a one-line /proc file (host name, kernel release and version).</summary>
    public const int MaxProcLineBytes = 4 * 1024;

    /// <summary>The most bytes read of /proc/stat (it grows with the number of CPUs).</summary>
    public const int MaxProcStatBytes = 1024 * 1024;

    /// <inheritdoc />
    public HostRecord Read()
    {
        var unavailable = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var hostname = FirstLine(IdentityFile.ReadText(machine, "/proc/sys/kernel/hostname", MaxProcLineBytes, out _)) ?? Environment.MachineName;
        var machineId = FirstLine(IdentityFile.ReadText(source, "/etc/machine-id", MaxMachineIdBytes, out var why));
        Note(unavailable, "machineId", why);
        var osRelease = ReadOsRelease(unavailable);
        var interfaces = SafeInterfaces();
        return new HostRecord
        {
            Hostname = hostname,
            Fqdn = Fqdn(hostname),
            MachineId = machineId,
            Os = osRelease?.GetValueOrDefault("PRETTY_NAME"),
            OsRelease = osRelease,
            Kernel = Join(Proc("/proc/sys/kernel/osrelease"), Proc("/proc/sys/kernel/version")),
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
            FromRoot = source.Root != "/" ? true : null,
            Unavailable = unavailable.Count > 0 ? unavailable : null,
        };
    }

    private Dictionary<string, string>? ReadOsRelease(SortedDictionary<string, string> unavailable)
    {
        var reasons = new List<string>();
        foreach (var candidate in new[] { "/etc/os-release", "/usr/lib/os-release" })
        {
            var text = IdentityFile.ReadText(source, candidate, MaxOsReleaseBytes, out var why);
            if (why is not null)
            {
                reasons.Add(why);
            }

            if (text is null)
            {
                continue;
            }

            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in text.Split('\n').Take(200))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && !line.StartsWith('#'))
                {
                    pairs[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"');
                }
            }

            return pairs;
        }

        Note(unavailable, "osRelease", reasons.Count > 0 ? string.Join("; ", reasons) : null);
        return null;
    }

    private string? Proc(string path) => FirstLine(IdentityFile.ReadText(machine, path, MaxProcLineBytes, out _));

    private string? BootTime()
    {
        var line = IdentityFile.ReadText(machine, "/proc/stat", MaxProcStatBytes, out _)?
            .Split('\n').FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
        return line is not null && long.TryParse(line[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? Timestamps.Format(DateTimeOffset.FromUnixTimeSeconds(seconds))
            : null;
    }

    private static void Note(SortedDictionary<string, string> unavailable, string field, string? why)
    {
        if (why is not null)
        {
            unavailable[field] = why;
        }
    }

    private static string? FirstLine(string? text) =>
        text is null ? null : text.Split('\n', 2)[0].Trim() is { Length: > 0 } line ? line : null;

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
