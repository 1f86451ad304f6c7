using System.Net;

namespace EvidenceKit.Testing;

/// <summary>
/// A tiny HTTP time-stamp authority on 127.0.0.1 and a port picked by the test: each POSTed query is answered by
/// <c>openssl ts -reply</c> with the test PKI's TSA, or by a custom answer.
/// </summary>
public sealed class TsaServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<byte[], (int Status, byte[] Body)> _answer;
    private readonly Task _loop;
    private int _requests;

    public TsaServer(Func<byte[], (int Status, byte[] Body)> answer)
    {
        _answer = answer;
        Port = LoopbackPort.Free();
        Url = new Uri($"http://127.0.0.1:{Port}/tsa/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    public string? LastContentType { get; private set; }

    /// <summary>Answers every query with a real reply from openssl ts, made in <paramref name="work"/>.</summary>
    public static TsaServer WithOpenSsl(TestPki pki, string work) => WithOpenSsl(pki.Path, work);

    /// <summary>Answers with openssl ts using the TSA of the test PKI in <paramref name="pkiDirectory"/>.</summary>
    public static TsaServer WithOpenSsl(string pkiDirectory, string work) => new(query => (200, OpenSslReply(pkiDirectory, work, query)));

    public static byte[] OpenSslReply(TestPki pki, string work, byte[] query) => OpenSslReply(pki.Path, work, query);

    public static byte[] OpenSslReply(string pkiDirectory, string work, byte[] query)
    {
        var name = Guid.NewGuid().ToString("N");
        var queryFile = Path.Combine(work, name + ".tsq");
        var replyFile = Path.Combine(work, name + ".tsr");
        File.WriteAllBytes(queryFile, query);
        var result = Run.Tool("openssl", ["ts", "-reply", "-config", Path.Combine(pkiDirectory, "tsa.cnf"), "-queryfile", queryFile,
            "-inkey", Path.Combine(pkiDirectory, "tsa.key"), "-signer", Path.Combine(pkiDirectory, "tsa.crt"), "-out", replyFile], workingDirectory: work);
        return result.ExitCode == 0 ? File.ReadAllBytes(replyFile) : throw new InvalidOperationException(result.ToString());
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            LastContentType = context.Request.ContentType;
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var (status, answer) = _answer(body.ToArray());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/timestamp-reply";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }
}
