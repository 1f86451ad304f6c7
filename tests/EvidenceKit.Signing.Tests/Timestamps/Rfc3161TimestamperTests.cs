using EvidenceKit.Testing;
using System.Diagnostics;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Timestamps;
using EvidenceKit.Signing.Tests.Support;

namespace EvidenceKit.Signing.Tests.Timestamps;

[Trait("Category", "Network")]
[Collection(TestPkiCollection.Name)]
public sealed class Rfc3161TimestamperTests(TestPki pki) : WorkFolderTest
{
    private static readonly byte[] Data = "the bytes of manifest.json.p7s"u8.ToArray();


    [Fact]
    public async Task A_token_from_an_openssl_TSA_is_accepted_by_openssl_ts_verify()
    {
        // Given a TSA answering with openssl ts -reply
        using var server = TsaServer.WithOpenSsl(pki, Work.Path);
        using var timestamper = new Rfc3161Timestamper(server.Url, TimeSpan.FromSeconds(30));

        // When a token is requested over the data
        var token = await timestamper.TimestampAsync(Data, CancellationToken.None);

        // Then openssl verifies the token against the data and the test root
        Work.Write("data", Data);
        Work.Write("token.der", token);
        var verify = OpenSsl.Run(Work.Path, "ts", "-verify", "-data", "data", "-in", "token.der", "-token_in", "-CAfile", pki.RootCertificate);
        verify.ExitCode.Should().Be(0, verify.Output);
        verify.Output.Should().Contain("Verification: OK");
        server.LastContentType.Should().Be("application/timestamp-query");

        var printed = OpenSsl.Run(Work.Path, "ts", "-reply", "-in", "token.der", "-token_in", "-token_out", "-text").Stdout;
        printed.Should().Contain("Hash Algorithm: sha256").And.Contain("Nonce: 0x");
    }

    [Fact]
    public async Task Openssl_rejects_the_token_for_other_data()
    {
        using var server = TsaServer.WithOpenSsl(pki, Work.Path);
        using var timestamper = new Rfc3161Timestamper(server.Url, TimeSpan.FromSeconds(30));
        var token = await timestamper.TimestampAsync(Data, CancellationToken.None);

        Work.Write("other", "other bytes"u8.ToArray());
        Work.Write("token.der", token);
        var verify = OpenSsl.Run(Work.Path, "ts", "-verify", "-data", "other", "-in", "token.der", "-token_in", "-CAfile", pki.RootCertificate);

        verify.ExitCode.Should().NotBe(0);
        verify.Output.Should().Contain("message imprint mismatch");
    }

    [Fact]
    public async Task A_TSA_that_is_down_fails_quickly_with_a_clear_sentence()
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/tsa");
        using var timestamper = new Rfc3161Timestamper(url, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();

        var act = () => timestamper.TimestampAsync(Data, CancellationToken.None);

        (await act.Should().ThrowAsync<TimestampException>()).Which.Message.Should().StartWith($"The time-stamp authority at {url} cannot be reached (");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_HTTP_error_is_a_timestamp_exception()
    {
        using var server = new TsaServer(_ => (500, "boom"u8.ToArray()));
        using var timestamper = new Rfc3161Timestamper(server.Url, TimeSpan.FromSeconds(30));

        var act = () => timestamper.TimestampAsync(Data, CancellationToken.None);

        await act.Should().ThrowAsync<TimestampException>().WithMessage($"The time-stamp authority at {server.Url} answered HTTP 500 *");
    }

    [Fact]
    public async Task An_answer_that_is_not_a_time_stamp_response_is_a_timestamp_exception()
    {
        using var server = new TsaServer(_ => (200, "<html>hello</html>"u8.ToArray()));
        using var timestamper = new Rfc3161Timestamper(server.Url, TimeSpan.FromSeconds(30));

        var act = () => timestamper.TimestampAsync(Data, CancellationToken.None);

        await act.Should().ThrowAsync<TimestampException>()
            .WithMessage($"The time-stamp authority at {server.Url} did not answer with an RFC 3161 time-stamp response.");
    }

    [Fact]
    public async Task A_reply_made_for_another_request_is_refused()
    {
        // Given a TSA that replays a reply made for someone else's query (other data, other nonce)
        Work.Write("someone-else", "someone else's data"u8.ToArray());
        var query = OpenSsl.Run(Work.Path, "ts", "-query", "-data", "someone-else", "-sha256", "-cert", "-out", "other.tsq");
        query.ExitCode.Should().Be(0, query.Output);
        var replayed = TsaServer.OpenSslReply(pki, Work.Path, File.ReadAllBytes(Work.File("other.tsq")));
        using var server = new TsaServer(_ => (200, replayed));
        using var timestamper = new Rfc3161Timestamper(server.Url, TimeSpan.FromSeconds(30));

        // When our request gets that answer
        var act = () => timestamper.TimestampAsync(Data, CancellationToken.None);

        // Then it is refused
        await act.Should().ThrowAsync<TimestampException>()
            .WithMessage($"The time-stamp authority at {server.Url} answered with a token that does not match the request (*");
    }

    [Fact]
    public async Task A_refusal_by_the_TSA_names_its_status()
    {
        // PKIStatusInfo { status rejection(2) } with nothing else: SEQUENCE { SEQUENCE { INTEGER 2 } }
        using var server = new TsaServer(_ => (200, [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]));
        using var timestamper = new Rfc3161Timestamper(server.Url, TimeSpan.FromSeconds(30));

        var act = () => timestamper.TimestampAsync(Data, CancellationToken.None);

        await act.Should().ThrowAsync<TimestampException>()
            .WithMessage($"The time-stamp authority at {server.Url} refused the request with status 2.");
    }

    [Fact]
    public async Task A_TSA_that_never_answers_times_out()
    {
        using var never = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        never.Start();
        var url = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)never.LocalEndpoint).Port}/tsa");
        using var timestamper = new Rfc3161Timestamper(url, TimeSpan.FromMilliseconds(500));

        var act = () => timestamper.TimestampAsync(Data, CancellationToken.None);

        await act.Should().ThrowAsync<TimestampException>().WithMessage($"The time-stamp authority at {url} did not answer within 0.5 seconds.");
    }
}
