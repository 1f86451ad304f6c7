using EvidenceKit.Testing;
using EvidenceKit.Core.Abstractions;
using System.Diagnostics;
using System.Security.Cryptography;
using EvidenceKit.Targets.Sftp.Errors;
using EvidenceKit.Targets.Sftp.Tests.Support;

namespace EvidenceKit.Targets.Sftp.Tests;

[Trait("Category", "Slow")]
[Trait("Category", "Network")]
public sealed class SftpTargetStoreReconnectTests : IClassFixture<SshdFixture>, IDisposable
{
    private readonly SshdFixture _sshd;
    private readonly string _local;
    private readonly List<string> _log = [];

    public SftpTargetStoreReconnectTests(SshdFixture sshd)
    {
        _sshd = sshd;
        _sshd.Start();
        _local = Path.Combine(sshd.Root, "r-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_local);
    }

    public void Dispose()
    {
        _sshd.Start();
        Directory.Delete(_local, recursive: true);
    }

    [Fact]
    public void A_server_killed_mid_write_breaks_the_stream_and_a_later_call_reconnects_after_restart()
    {
        // Given a file being written
        using var store = SftpTargetStore.Connect(_sshd.Options(_local), Record);
        var chunk = RandomNumberGenerator.GetBytes(256 * 1024);
        var stream = store.Create("big.bin");
        stream.Write(chunk);
        store.Flush(stream);

        // When the server dies in the middle of the file
        _sshd.Stop();
        var act = () =>
        {
            for (var i = 0; i < 400; i++)
                stream.Write(chunk);
            store.Flush(stream);
        };

        // Then the write reports the loss, typed
        act.Should().Throw<TargetConnectionLostException>().Which.Message.Should()
            .Contain("'big.bin'").And.Contain("written again from the start");
        stream.Dispose();

        // And once the server is back, the next call reconnects and the file can be copied again from scratch
        _sshd.Start();
        store.Exists("big.bin").Should().BeTrue();
        using (var again = store.Create("big.bin"))
        {
            again.Write(chunk);
            again.Write(chunk);
            store.Flush(again);
        }

        File.ReadAllBytes(Path.Combine(_local, "big.bin")).Should().Equal([.. chunk, .. chunk]);
        _log.Should().Contain(line => line.StartsWith("Reconnecting", StringComparison.Ordinal));
    }

    [Fact]
    public void An_idempotent_call_after_a_restart_reconnects_by_itself_and_succeeds()
    {
        using var store = SftpTargetStore.Connect(_sshd.Options(_local), Record);
        File.WriteAllText(Path.Combine(_local, "here"), "x");

        _sshd.Restart();

        store.GetLength("here").Should().Be(1);
        store.List("").Should().Contain("here");
        _log.Count(line => line.StartsWith("Connected", StringComparison.Ordinal)).Should().Be(2);
    }

    [Fact]
    public void Reconnect_opens_a_new_session_on_request()
    {
        using var store = SftpTargetStore.Connect(_sshd.Options(_local), Record);

        store.Reconnect();

        store.Exists("").Should().BeTrue();
        _log.Count(line => line.StartsWith("Connected", StringComparison.Ordinal)).Should().Be(2);
    }

    [Fact]
    public void With_the_server_down_the_retries_end_in_a_connection_lost_error_within_a_bounded_time()
    {
        // Given a store whose server goes away for good
        var options = _sshd.Options(_local) with
        {
            RetryCount = 3,
            RetryBackoffBase = TimeSpan.FromMilliseconds(200),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        using var store = SftpTargetStore.Connect(options, Record);
        _sshd.Stop();
        var clock = Stopwatch.StartNew();

        // When
        var act = () => store.Exists("anything");

        // Then
        act.Should().Throw<TargetConnectionLostException>().Which.Message.Should()
            .Contain("is lost").And.Contain("3 reconnect attempt(s)").And.Contain($"127.0.0.1 port {_sshd.Port}");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        _log.Count(line => line.StartsWith("Reconnecting", StringComparison.Ordinal)).Should().Be(3);

        // And the store is usable again once the server is back
        _sshd.Start();
        store.Exists("").Should().BeTrue();
    }

    [Fact]
    public void A_changed_host_key_on_reconnect_is_refused_not_retried()
    {
        var options = _sshd.Options(_local);
        using var store = SftpTargetStore.Connect(options, Record);
        var original = File.ReadAllBytes(_sshd.HostKeyPath);
        var originalPub = File.ReadAllBytes(_sshd.HostKeyPath + ".pub");
        _sshd.Stop();
        try
        {
            // Given the server comes back with a different host key
            File.Delete(_sshd.HostKeyPath);
            File.Delete(_sshd.HostKeyPath + ".pub");
            SshTool.NewKey(_sshd.HostKeyPath);
            _sshd.Start();

            var act = () => store.Exists("");

            act.Should().Throw<HostKeyException>().Which.PresentedFingerprint.Should().Be(SshTool.Fingerprint(_sshd.HostKeyPath + ".pub"));
        }
        finally
        {
            _sshd.Stop();
            File.WriteAllBytes(_sshd.HostKeyPath, original);
            File.WriteAllBytes(_sshd.HostKeyPath + ".pub", originalPub);
            _sshd.Start();
        }
    }

    private void Record(string line)
    {
        lock (_log)
            _log.Add(line);
    }
}
