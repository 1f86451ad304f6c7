using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace EvidenceKit.Targets.Sftp.Agent;

/// <summary>
/// A minimal ssh-agent client (draft-miller-ssh-agent) over the agent's Unix socket: it lists the agent's keys and
/// asks it to sign. Every request opens its own connection, so the client is safe to share between threads. Reads
/// are bounded in size (<see cref="MaxMessageLength"/>) and every request in time.
/// </summary>
internal sealed class SshAgentClient(string socketPath, TimeSpan timeout)
{
    /// <summary>Largest reply accepted; an agent holding a few hundred keys stays far below it.</summary>
    public const int MaxMessageLength = 256 * 1024;

    /// <summary>SSH_AGENT_RSA_SHA2_256: sign an ssh-rsa key's data as rsa-sha2-256.</summary>
    public const uint RsaSha2_256 = 2;

    private const byte Failure = 5;
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;

    public string SocketPath { get; } = socketPath;

    /// <summary>The keys the agent holds, in the agent's order.</summary>
    /// <exception cref="SshAgentException">The agent cannot be reached or its answer is malformed.</exception>
    public IReadOnlyList<AgentIdentity> ListIdentities()
    {
        var reply = Exchange(RequestIdentities, _ => { });
        return Parse(() => ReadIdentities(reply));
    }

    private IReadOnlyList<AgentIdentity> ReadIdentities(byte[] reply)
    {
        var wire = new AgentWire(reply);
        var type = wire.ReadByte();
        if (type != IdentitiesAnswer)
            throw new SshAgentException($"The SSH agent at '{SocketPath}' answered the key list request with message type {type}.");
        var count = wire.ReadUInt32();
        var identities = new List<AgentIdentity>();
        for (var i = 0u; i < count; i++)
        {
            var blob = wire.ReadString();
            var comment = Encoding.UTF8.GetString(wire.ReadString());
            identities.Add(new AgentIdentity(blob, AgentWire.KeyType(blob), comment));
        }
        return identities;
    }

    /// <summary>Asks the agent to sign <paramref name="data"/> with the key whose public blob is <paramref name="keyBlob"/>.</summary>
    /// <returns>The SSH signature blob: string(algorithm name) followed by string(signature).</returns>
    /// <exception cref="SshAgentException">The agent cannot be reached, refuses, or answers out of protocol.</exception>
    public byte[] Sign(byte[] keyBlob, byte[] data, uint flags)
    {
        var reply = Exchange(SignRequest, body =>
        {
            AgentWire.WriteString(body, keyBlob);
            AgentWire.WriteString(body, data);
            AgentWire.WriteUInt32(body, flags);
        });
        return Parse(() => ReadSignature(reply, keyBlob));
    }

    private byte[] ReadSignature(byte[] reply, byte[] keyBlob)
    {
        var wire = new AgentWire(reply);
        var type = wire.ReadByte();
        if (type == Failure)
            throw new SshAgentException($"The SSH agent at '{SocketPath}' refused to sign with the {AgentWire.KeyType(keyBlob)} key.");
        if (type != SignResponse)
            throw new SshAgentException($"The SSH agent at '{SocketPath}' answered the sign request with message type {type}.");
        var signature = wire.ReadString();
        if (!wire.AtEnd)
            throw new SshAgentException($"The SSH agent at '{SocketPath}' sent trailing bytes after the signature.");
        return signature;
    }

    private byte[] Exchange(byte type, Action<Stream> writeBody)
    {
        using var request = new MemoryStream();
        request.Write([0, 0, 0, 0, type]);
        writeBody(request);
        var bytes = request.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)(bytes.Length - 4));

        var clock = Stopwatch.StartNew();
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using (var connecting = new CancellationTokenSource(timeout))
                socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), connecting.Token).AsTask().GetAwaiter().GetResult();
            socket.SendTimeout = Milliseconds(timeout - clock.Elapsed);
            socket.Send(bytes);

            var header = new byte[4];
            ReceiveExactly(socket, header, clock);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length is 0 or > MaxMessageLength)
                throw new SshAgentException($"The SSH agent at '{SocketPath}' announced a reply of {length} bytes (allowed: 1 to {MaxMessageLength}).");
            var reply = new byte[length];
            ReceiveExactly(socket, reply, clock);
            return reply;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            throw new SshAgentException($"The SSH agent at '{SocketPath}' cannot be used: {e.Message}", e);
        }
    }

    private T Parse<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FormatException e)
        {
            throw new SshAgentException($"The SSH agent at '{SocketPath}' sent a malformed reply: {e.Message}", e);
        }
    }

    private void ReceiveExactly(Socket socket, byte[] into, Stopwatch clock)
    {
        var read = 0;
        while (read < into.Length)
        {
            socket.ReceiveTimeout = Milliseconds(timeout - clock.Elapsed);
            var n = socket.Receive(into, read, into.Length - read, SocketFlags.None);
            if (n == 0)
                throw new SshAgentException($"The SSH agent at '{SocketPath}' closed the connection before answering.");
            read += n;
        }
    }

    private int Milliseconds(TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
            throw new SshAgentException(string.Create(CultureInfo.InvariantCulture,
                $"The SSH agent at '{SocketPath}' did not answer within {timeout.TotalSeconds:0.#} s."));
        return Math.Max(1, (int)Math.Ceiling(left.TotalMilliseconds));
    }
}
