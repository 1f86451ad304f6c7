namespace EvidenceKit.Timeline.Formats.Syslog;

/// <summary>One syslog line split into its header and message, with the time as read and how it was derived.</summary>
internal sealed record SyslogLine(
    DateTimeOffset Time,
    string? TimeNote,
    string? Host,
    string? Program,
    string? Pid,
    string Message,
    int? Priority,
    string? MessageId,
    string? StructuredData,
    string Form);
