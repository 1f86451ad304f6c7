using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Collector.Commands;

/// <summary>Makes the RFC 3161 client for --tsa.</summary>
internal static class TimestamperFactory
{
    public static ITimestamper Create(string url) =>
        throw CliException.BadInput($"--tsa {url}: trusted timestamps are not available in this build yet; leave --tsa out.");
}
