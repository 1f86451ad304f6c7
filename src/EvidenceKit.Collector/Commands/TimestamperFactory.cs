using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Timestamps;

namespace EvidenceKit.Collector.Commands;

/// <summary>Makes the RFC 3161 client for --tsa.</summary>
internal static class TimestamperFactory
{
    /// <summary>How long one request to the time-stamp authority may take before the run fails (or, with --tsa-optional, goes on without).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static ITimestamper Create(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Rfc3161Timestamper(uri, RequestTimeout)
            : throw CliException.BadInput($"--tsa {url} is not an http:// or https:// URL of a time-stamp authority.");
}
