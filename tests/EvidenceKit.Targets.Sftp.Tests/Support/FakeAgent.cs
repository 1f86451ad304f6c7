using System.Net.Sockets;

namespace EvidenceKit.Targets.Sftp.Tests.Support;

/// <summary>
/// A Unix socket that plays a broken ssh-agent: it accepts one connection, reads the request, and answers with the
/// given raw bytes (or, with null, answers nothing and holds the connection open until disposed).
/// </summary>
public sealed class FakeAgent : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public FakeAgent(byte[]? reply)
    {
        Dir = Directory.CreateTempSubdirectory("ek-fake-agent-").FullName;
        SocketPath = Path.Combine(Dir, "agent.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(1);
        _serving = Serve(reply);
    }

    public string Dir { get; }

    public string SocketPath { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The listener was closed under the accept or the client went away: expected on shutdown.
        }
        _stop.Dispose();
        Directory.Delete(Dir, recursive: true);
    }

    private async Task Serve(byte[]? reply)
    {
        using var client = await _listener.AcceptAsync(_stop.Token);
        var request = new byte[4096];
        await client.ReceiveAsync(request, SocketFlags.None, _stop.Token);
        if (reply is null)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        await client.SendAsync(reply, SocketFlags.None, _stop.Token);
    }
}
