using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Targets.Sftp;
using EvidenceKit.Targets.Sftp.Errors;

namespace EvidenceKit.Collector.Commands;

/// <summary>Opens the target named by --target: a local directory (which must exist) or an SFTP server (host key pinned).</summary>
internal static class TargetStores
{
    public const string KeyPassphraseVariable = "EVIDENCEKIT_SSH_KEY_PASSPHRASE";
    public const string PasswordVariable = "EVIDENCEKIT_SSH_PASSWORD";
    public const string AgentSocketVariable = "SSH_AUTH_SOCK";

    public static ITargetStore Open(IFileSystem fs, CollectSettings settings, Action<string>? log = null) =>
        SftpTargetUri.IsSftp(settings.Target) ? OpenSftp(settings, settings.Target, log) : OpenDirectory(fs, settings.Target);

    public static ITargetStore OpenDirectory(IFileSystem fs, string target)
    {
        var full = fs.Path.GetFullPath(target);
        if (!fs.Directory.Exists(full))
        {
            throw CliException.BadInput($"The target directory {target} does not exist. Mount the evidence drive and create the directory (mkdir -p {target}), then run again.");
        }
        return HostAdapters.TargetStores(fs).OpenDirectory(full);
    }

    public static ITargetStore OpenSftp(CollectSettings settings, string target, Action<string>? log)
    {
        SftpTargetUri uri;
        try
        {
            uri = SftpTargetUri.Parse(target);
        }
        catch (SftpTargetUriException e)
        {
            throw CliException.BadInput(e.Message, e);
        }
        if (settings.HostKeyFingerprint is null && settings.KnownHosts is null)
        {
            throw CliException.BadInput($"The SFTP server's host key must be pinned: add --host-key-fingerprint SHA256:... (ask the server's admin for 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub') or --known-hosts FILE.");
        }
        string? keyPassphrase = null;
        string? password = null;
        string? agentSocket = null;
        if (settings.SshKey is { } keyFile)
        {
            if (!File.Exists(keyFile))
            {
                throw CliException.BadInput($"The SSH key {keyFile} does not exist.");
            }
            keyPassphrase = Environment.GetEnvironmentVariable(KeyPassphraseVariable) is { Length: > 0 } p ? p : null;
        }
        else if (Environment.GetEnvironmentVariable(AgentSocketVariable) is { Length: > 0 } socket)
        {
            // The agent's keys; a password from the environment (never a prompt) is tried after them.
            agentSocket = socket;
            password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } p ? p : null;
        }
        else
        {
            password = Secrets.Read(PasswordVariable, $"Password for {uri.User}@{uri.Host}: ")
                ?? throw CliException.BadInput($"Give --ssh-key FILE for the SFTP server (or set {PasswordVariable} for a password login).");
        }
        try
        {
            return SftpTargetStore.Connect(new SftpConnectOptions(uri)
            {
                PrivateKeyFile = settings.SshKey,
                PrivateKeyPassphrase = keyPassphrase,
                AgentSocket = agentSocket,
                Password = password,
                HostKeyFingerprint = settings.HostKeyFingerprint,
                KnownHostsFile = settings.KnownHosts,
            }, log);
        }
        catch (SftpUnreachableException e)
        {
            throw CliException.Failed(e.Message, e);
        }
        catch (SftpTargetException e)
        {
            throw CliException.BadInput(e.Message, e);
        }
        catch (TargetConnectionLostException e)
        {
            throw CliException.Failed(e.Message, e);
        }
    }
}
