using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace EvidenceKit.Targets.Sftp.Connection;

/// <summary>Tells a dropped connection apart from an SFTP error on a live one.</summary>
internal static class ConnectionFailure
{
    /// <summary>True when <paramref name="error"/>, raised while using <paramref name="client"/>, means the connection is gone.</summary>
    public static bool Is(Exception error, SftpClient client) => error switch
    {
        SshConnectionException or SocketException or ObjectDisposedException or SshOperationTimeoutException => true,
        IOException { InnerException: SocketException } => true,
        SshException or IOException or InvalidOperationException => !IsConnected(client),
        _ => false,
    };

    private static bool IsConnected(SftpClient client)
    {
        try
        {
            return client.IsConnected;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
