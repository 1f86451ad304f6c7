using System.CommandLine;

namespace EvidenceKit.Collector.Commands;

/// <summary>
/// The settings of a resumed collection: the first run's own arguments (recorded in the partial bundle) decide what is
/// collected, so the resume plans exactly the same collection; only how to reach the target (SSH key, host key, TSA)
/// how to report (--json, --quiet, --verbose) and how gently to run (--max-rate, --low-priority) may come from the
/// resuming command line.
/// </summary>
internal static class ResumeSettings
{
    /// <summary>Merges <paramref name="now"/> (the --resume command line) into the first run's settings.</summary>
    public static CollectSettings Merge(Command root, PartialBundle partial, CollectSettings now, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(partial.Info);
        var original = root.Parse(partial.Info.Arguments.ToArray());
        var first = CollectSettings.Bind(CollectSettings.Layer(original), time);
        return first with
        {
            Target = partial.StoreRoot,
            DryRun = false,
            Json = now.Json,
            Quiet = now.Quiet,
            Verbose = now.Verbose,
            SshKey = now.SshKey ?? first.SshKey,
            HostKeyFingerprint = now.HostKeyFingerprint ?? first.HostKeyFingerprint,
            KnownHosts = now.KnownHosts ?? first.KnownHosts,
            Tsa = now.Tsa ?? first.Tsa,
            TsaOptional = now.TsaOptional || first.TsaOptional,
            MaxReadRate = now.MaxReadRate ?? first.MaxReadRate,
            LowPriority = now.LowPriority || first.LowPriority,
            ClockOffset = now.ClockOffset ?? first.ClockOffset,
        };
    }
}
