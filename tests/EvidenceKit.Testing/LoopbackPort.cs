using System.Net;
using System.Net.Sockets;

namespace EvidenceKit.Testing;

/// <summary>Ports for test servers: only ever on 127.0.0.1, picked by the kernel.</summary>
public static class LoopbackPort
{
    /// <summary>A port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
