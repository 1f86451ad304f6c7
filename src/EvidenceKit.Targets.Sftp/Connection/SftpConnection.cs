using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using EvidenceKit.Targets.Sftp.Agent;
using EvidenceKit.Targets.Sftp.HostKeys;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace EvidenceKit.Targets.Sftp.Connection;

/// <summary>
/// One logical SFTP connection that survives drops: it re-opens the SSH session with bounded, exponentially
/// spaced attempts (checking the host key again every time) and repeats an operation only when the caller says
/// repeating it is safe.
/// </summary>
internal sealed class SftpConnection : IDisposable
{
    private readonly SftpConnectOptions _options;
    private readonly HostKeyPolicy _policy;
    private readonly IPrivateKeySource? _key;
    private readonly Action<string> _log;
    private readonly Lock _gate = new();
    private SftpClient _client;
    private AuthenticationMethod[] _methods;
    private int _generation;
    private bool _broken;
    private bool _disposed;

    private SftpConnection(SftpConnectOptions options, HostKeyPolicy policy, IPrivateKeySource? key, Action<string> log,
        (SftpClient Client, AuthenticationMethod[] Methods) first)
    {
        _options = options;
        _policy = policy;
        _key = key;
        _log = log;
        (_client, _methods) = first;
    }

    /// <summary>The target URI, for messages.</summary>
    public string Location => _options.Uri.ToString();

    /// <summary>Checks the options, reads the key and known_hosts, and connects once (no retries).</summary>
    public static SftpConnection Open(SftpConnectOptions options, Action<string> log)
    {
        if (options.PrivateKeyFile is null && options.Password is null && options.AgentSocket is null)
            throw SftpErrors.NoCredentials(options.Uri);
        var policy = HostKeyPolicy.From(options);
        IPrivateKeySource? key = (IPrivateKeySource?)LoadKey(options) ?? LoadAgent(options, log);
        try
        {
            return new SftpConnection(options, policy, key, log, Connect(options, policy, key, log));
        }
        catch
        {
            (key as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>The connected client and its generation; reconnects first when the connection is known to be gone.</summary>
    public (SftpClient Client, int Generation) Current()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_broken || !_client.IsConnected)
                ReconnectLocked(null);
            return (_client, _generation);
        }
    }

    /// <summary>The generation of <paramref name="client"/>, or -1 when it is no longer the current session.</summary>
    public int GenerationOf(SftpClient client)
    {
        lock (_gate)
            return ReferenceEquals(client, _client) ? _generation : -1;
    }

    /// <summary>Records that the session of <paramref name="generation"/> is unusable, so the next call reconnects.</summary>
    public void MarkBroken(int generation)
    {
        lock (_gate)
        {
            if (generation == _generation)
                _broken = true;
        }
    }

    /// <summary>Drops the current session and opens a new one (bounded retries).</summary>
    public void Reconnect()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ReconnectLocked(null);
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/>; when the connection drops, reconnects and runs <paramref name="retry"/>
    /// (or the operation again when it is null) on the new session. SFTP errors on a live session become
    /// .NET I/O exceptions.
    /// </summary>
    public T Run<T>(string what, string path, Func<SftpClient, T> operation, Func<SftpClient, T>? retry = null)
    {
        var clock = Stopwatch.StartNew();
        var failures = 0;
        while (true)
        {
            var (client, generation) = Current();
            try
            {
                return (failures == 0 || retry is null ? operation : retry)(client);
            }
            catch (SshException e) when (!ConnectionFailure.Is(e, client))
            {
                throw SftpErrors.OperationFailed(Location, what, path, e);
            }
            catch (Exception e) when (!_disposed && ConnectionFailure.Is(e, client))
            {
                failures++;
                _log($"Connection to {Location} lost during {what} '{path}': {e.Message}");
                if (failures > Math.Max(1, _options.RetryCount))
                {
                    MarkBroken(generation);
                    throw SftpErrors.ConnectionLost(Location, failures, clock.Elapsed, e);
                }

                ReconnectAfter(generation, e);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            Close(_client, _methods);
            (_key as IDisposable)?.Dispose();
        }
    }

    private void ReconnectAfter(int generation, Exception cause)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (generation == _generation)
                ReconnectLocked(cause);
        }
    }

    private void ReconnectLocked(Exception? cause)
    {
        Close(_client, _methods);
        _broken = true;
        var clock = Stopwatch.StartNew();
        var delay = _options.RetryBackoffBase;
        var attempts = 0;
        var last = cause;
        while (attempts < _options.RetryCount && clock.Elapsed < _options.ReconnectTimeLimit)
        {
            if (attempts > 0)
            {
                if (clock.Elapsed + delay > _options.ReconnectTimeLimit)
                    break;
                Thread.Sleep(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryBackoffMax.Ticks));
            }

            attempts++;
            _log($"Reconnecting to {Location} (attempt {attempts} of {_options.RetryCount}).");
            try
            {
                (_client, _methods) = Connect(_options, _policy, _key, _log);
                _generation++;
                _broken = false;
                return;
            }
            catch (Errors.SftpUnreachableException e)
            {
                last = e;
                _log(e.Message);
            }
        }

        throw SftpErrors.ConnectionLost(Location, attempts, clock.Elapsed, last);
    }

    private static (SftpClient, AuthenticationMethod[]) Connect(
        SftpConnectOptions options, HostKeyPolicy policy, IPrivateKeySource? key, Action<string> log)
    {
        var uri = options.Uri;
        var methods = new List<AuthenticationMethod>();
        if (key is not null)
            methods.Add(new PrivateKeyAuthenticationMethod(uri.User, key));
        if (options.Password is not null)
            methods.Add(new PasswordAuthenticationMethod(uri.User, options.Password));

        var info = new ConnectionInfo(uri.Host, uri.Port, uri.User, [.. methods]) { Timeout = options.ConnectTimeout };
        var factories = info.HostKeyAlgorithms.ToList();
        info.HostKeyAlgorithms.Clear();
        foreach (var algorithm in policy.OrderAlgorithms(factories.Select(f => f.Key)))
            info.HostKeyAlgorithms.Add(algorithm, factories.First(f => f.Key == algorithm).Value);

        var client = new SftpClient(info) { OperationTimeout = options.OperationTimeout };
        HostKeyVerdict? verdict = null;
        client.HostKeyReceived += (_, e) =>
        {
            verdict = policy.Check(e.HostKey);
            e.CanTrust = verdict.Accepted;
        };

        try
        {
            client.Connect();
        }
        catch (Exception e)
        {
            Close(client, [.. methods]);
            if (verdict is { Accepted: false })
                throw SftpErrors.HostKeyRejected(uri, verdict);
            throw e switch
            {
                SshAuthenticationException => SftpErrors.AuthenticationFailed(uri, Describe(options), e),
                SshAgentException => SftpErrors.AgentSignFailed(options.AgentSocket ?? "", e),
                SocketException or SshOperationTimeoutException or SshConnectionException or IOException or TimeoutException
                    => SftpErrors.Unreachable(uri, e),
                SshException when info.IsAuthenticated => SftpErrors.NoSftpSubsystem(uri, e),
                SshException => SftpErrors.Unreachable(uri, e),
                _ => e,
            };
        }

        log($"Connected to {uri} as '{uri.User}'; host key {verdict?.KeyType} {verdict?.Fingerprint} {verdict?.Reason}.");
        return (client, [.. methods]);
    }

    private static string Describe(SftpConnectOptions options)
    {
        var key = options.PrivateKeyFile is not null ? $"the key '{options.PrivateKeyFile}'"
            : options.AgentSocket is not null ? $"the keys of the SSH agent at '{options.AgentSocket}'"
            : null;
        return (key, options.Password) switch
        {
            (not null, not null) => key + " or the password",
            (not null, null) => key,
            _ => "the password",
        };
    }

    /// <summary>
    /// The agent's keys when <see cref="SftpConnectOptions.AgentSocket"/> is set and no key file is given; the agent
    /// must hold at least one key SSH.NET can offer.
    /// </summary>
    private static AgentKeySource? LoadAgent(SftpConnectOptions options, Action<string> log)
    {
        if (options.AgentSocket is not { } socket)
            return null;
        AgentKeySource keys;
        try
        {
            keys = AgentKeySource.Load(new SshAgentClient(socket, options.ConnectTimeout));
        }
        catch (SshAgentException e)
        {
            if (options.Password is null)
                throw SftpErrors.AgentUnusable(socket, e);
            log($"{e.Message} Trying the password only.");
            return null;
        }
        if (keys.HostKeyAlgorithms.Count == 0)
        {
            if (options.Password is not null)
                return null;
            throw SftpErrors.AgentHasNoKeys(socket, keys.Skipped);
        }
        log($"Offering {keys.HostKeyAlgorithms.Count} key(s) of the SSH agent at '{socket}'.");
        return keys;
    }

    private static PrivateKeyFile? LoadKey(SftpConnectOptions options)
    {
        var path = options.PrivateKeyFile;
        if (path is null)
            return null;
        if (!File.Exists(path))
            throw SftpErrors.KeyFileMissing(path);
        try
        {
            return options.PrivateKeyPassphrase is null
                ? new PrivateKeyFile(path)
                : new PrivateKeyFile(path, options.PrivateKeyPassphrase);
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            throw SftpErrors.KeyFileEncrypted(path);
        }
        catch (Exception e) when (e is SshException or CryptographicException or FormatException or IOException
                                      or UnauthorizedAccessException or ArgumentException or NotSupportedException
                                      or InvalidOperationException)
        {
            throw SftpErrors.KeyFileUnreadable(path, e);
        }
    }

    private static void Close(SftpClient client, AuthenticationMethod[] methods)
    {
        try
        {
            client.Dispose();
        }
        catch (Exception e) when (e is SshException or SocketException or IOException or ObjectDisposedException)
        {
            // The session is already gone; nothing more to release.
        }

        foreach (var method in methods)
            (method as IDisposable)?.Dispose();
    }
}
