namespace EvidenceKit.Core.Tests.Support;

/// <summary>An acquisition log that writes its stream's bytes and nothing else.</summary>
internal sealed class NullLog : IAcquisitionLog
{
    private Stream? _stream;

    public void Attach(Stream stream)
    {
        _stream = stream;
        stream.Write("{\"@mt\":\"test\"}\n"u8);
    }

    public void Detach()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
