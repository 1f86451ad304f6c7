using EvidenceKit.Testing;
namespace EvidenceKit.Targets.Sftp.Tests.Support;

/// <summary>Writes known_hosts files for a fixture's host key.</summary>
internal static class KnownHosts
{
    public static string For(SshdFixture sshd, string directory, string hostField)
    {
        var key = File.ReadAllText(sshd.HostKeyPath + ".pub").Trim().Split(' ');
        var path = Path.Combine(directory, "known_hosts-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, $"{hostField} {key[0]} {key[1]}\n");
        return path;
    }
}
