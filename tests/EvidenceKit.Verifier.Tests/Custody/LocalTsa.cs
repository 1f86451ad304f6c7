using System.Net;
using System.Net.Sockets;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Custody;

/// <summary>
/// A time-stamp authority on 127.0.0.1 (a port the test picks): an HttpListener that answers each
/// application/timestamp-query with <c>openssl ts -reply</c> and the test PKI's TSA key (tsa.cnf).
/// </summary>
internal sealed class LocalTsa : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _pki;
    private readonly string _work;
    private readonly Task _serving;
    private int _requests;

    public LocalTsa(string pki, string work)
    {
        _pki = pki;
        _work = work;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/tsa";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var n = Interlocked.Increment(ref _requests);
            var query = Path.Combine(_work, $"query-{n}.tsq");
            var reply = Path.Combine(_work, $"reply-{n}.tsr");
            using (var file = File.Create(query))
            {
                await context.Request.InputStream.CopyToAsync(file);
            }
            var run = Run.Tool("openssl", ["ts", "-reply", "-config", Path.Combine(_pki, "tsa.cnf"), "-queryfile", query,
                "-inkey", Path.Combine(_pki, "tsa.key"), "-signer", Path.Combine(_pki, "tsa.crt"), "-out", reply], timeout: TimeSpan.FromSeconds(30));
            if (run.ExitCode != 0)
            {
                context.Response.StatusCode = 500;
                context.Response.Close();
                continue;
            }
            var bytes = await File.ReadAllBytesAsync(reply);
            context.Response.ContentType = "application/timestamp-reply";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(10));
    }
}
