namespace EvidenceKit.Core.Abstractions;

/// <summary>The sub-second nanoseconds of each file time (0..999,999,999), kept because .NET times hold only 100 ns ticks.</summary>
public sealed record FileTimeNanos(uint Modified, uint? Changed, uint? Accessed, uint? Birth);
