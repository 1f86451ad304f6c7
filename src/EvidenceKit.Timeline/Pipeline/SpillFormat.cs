namespace EvidenceKit.Timeline.Pipeline;

/// <summary>How an event is written to and read from a sorted run on disk (<see cref="BinaryWriter"/>'s layout: numbers, then length-prefixed UTF-8; only this process reads it back).</summary>
internal static class SpillFormat
{
    public static void Write(SpillWriter writer, TimelineEvent e)
    {
        writer.Write(e.Ticks);
        writer.Write(e.FileOrdinal);
        writer.Write(e.Sequence);
        writer.Write(e.Position);
        writer.Write((byte)((e.PositionIsOffset ? 1 : 0) | (e.Unparsed ? 2 : 0) | (e.TimeNote is null ? 0 : 4)));
        writer.Write(e.TimestampDescription);
        writer.Write(e.Message);
        writer.Write(e.Original);
        if (e.TimeNote is not null)
        {
            writer.Write(e.TimeNote);
        }
        writer.Write(e.Fields.Length);
        foreach (var (key, value) in e.Fields)
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    /// <summary>The next event (the caller counts how many the run holds).</summary>
    public static TimelineEvent Read(SpillReader reader)
    {
        var ticks = reader.ReadInt64();
        var file = reader.ReadInt32();
        var sequence = reader.ReadInt64();
        var position = reader.ReadInt64();
        var flags = reader.ReadByte();
        var description = reader.ReadString();
        var message = reader.ReadString();
        var original = reader.ReadString();
        var note = (flags & 4) != 0 ? reader.ReadString() : null;
        var count = reader.ReadInt32();
        var fields = new KeyValuePair<string, string>[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = new(reader.ReadString(), reader.ReadString());
        }
        return new TimelineEvent
        {
            Ticks = ticks,
            FileOrdinal = file,
            Sequence = sequence,
            Position = position,
            PositionIsOffset = (flags & 1) != 0,
            Unparsed = (flags & 2) != 0,
            TimestampDescription = description,
            Message = message,
            Original = original,
            TimeNote = note,
            Fields = fields,
        };
    }
}
