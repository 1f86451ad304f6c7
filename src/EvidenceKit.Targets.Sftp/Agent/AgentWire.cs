using System.Buffers.Binary;
using System.Text;

namespace EvidenceKit.Targets.Sftp.Agent;

/// <summary>
/// The SSH wire encoding the agent protocol uses: big-endian uint32 and length-prefixed strings, read from a bounded
/// buffer so a malformed message ends in <see cref="FormatException"/>, never in an out-of-range read.
/// </summary>
internal sealed class AgentWire
{
    private readonly byte[] _buffer;
    private int _offset;

    public AgentWire(byte[] buffer) => _buffer = buffer;

    public bool AtEnd => _offset == _buffer.Length;

    public byte ReadByte()
    {
        Need(1);
        return _buffer[_offset++];
    }

    public uint ReadUInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_offset, 4));
        _offset += 4;
        return value;
    }

    public byte[] ReadString()
    {
        var length = ReadUInt32();
        if (length > (uint)(_buffer.Length - _offset))
            throw new FormatException($"a string of {length} bytes runs past the end of the agent's message");
        var value = _buffer.AsSpan(_offset, (int)length).ToArray();
        _offset += (int)length;
        return value;
    }

    /// <summary>The key type name at the start of an SSH public key blob ("ssh-ed25519", "ssh-rsa", ...).</summary>
    public static string KeyType(byte[] keyBlob) => Encoding.ASCII.GetString(new AgentWire(keyBlob).ReadString());

    public static void WriteUInt32(Stream to, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        to.Write(bytes);
    }

    public static void WriteString(Stream to, ReadOnlySpan<byte> value)
    {
        WriteUInt32(to, (uint)value.Length);
        to.Write(value);
    }

    private void Need(int count)
    {
        if (_buffer.Length - _offset < count)
            throw new FormatException("the agent's message ends too early");
    }
}
