namespace EvidenceKit.Core.Abstractions;

/// <summary>
/// The acquisition log that goes into the bundle as custody/collection.log. Events logged before the bundle exists
/// are kept and written when the stream is attached; nothing is ever written to the source system.
/// </summary>
public interface IAcquisitionLog
{
    /// <summary>Starts writing (earlier events first) to <paramref name="stream"/>, which the log then owns.</summary>
    void Attach(Stream stream);

    /// <summary>Flushes and closes the stream; later events are no longer written to the bundle.</summary>
    void Detach();
}
