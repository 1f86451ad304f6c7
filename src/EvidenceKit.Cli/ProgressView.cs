using System.Diagnostics;
using System.Globalization;
using EvidenceKit.Core.Collection;
using Spectre.Console;

namespace EvidenceKit.Cli;

/// <summary>
/// Shows a running collection: a live Spectre.Console bar (files, bytes, rate, ETA) on a terminal, a plain line every
/// few seconds otherwise, nothing under --json or --quiet.
/// </summary>
public static class ProgressView
{
    /// <summary>How progress is shown.</summary>
    public enum Style
    {
        /// <summary>Live bar on a terminal.</summary>
        Live,
        /// <summary>Plain lines.</summary>
        Plain,
        /// <summary>Nothing.</summary>
        None,
    }

    /// <summary>Picks the style for this console and these flags.</summary>
    public static Style Choose(bool json, bool quiet) =>
        json || quiet ? Style.None : Terminal.Out.IsTerminal ? Style.Live : Style.Plain;

    /// <summary>Runs <paramref name="work"/> while showing its progress.</summary>
    public static async Task<T> RunAsync<T>(Style style, long totalBytes, Func<IProgress<CollectionProgress>?, Task<T>> work)
    {
        switch (style)
        {
            case Style.Live:
                return await TerminalConsole.Stdout.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                        new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask("collecting", maxValue: Math.Max(1, totalBytes));
                        var progress = new SynchronousProgress(p =>
                        {
                            task.Value = p.BytesDone;
                            task.Description = $"{p.FilesDone}/{p.FilesTotal} files";
                        });
                        var result = await work(progress).ConfigureAwait(false);
                        task.Value = task.MaxValue;
                        return result;
                    }).ConfigureAwait(false);
            case Style.Plain:
                var clock = Stopwatch.StartNew();
                var last = TimeSpan.Zero;
                var gate = new Lock();
                var plain = new SynchronousProgress(p =>
                {
                    lock (gate)
                    {
                        if (clock.Elapsed - last < TimeSpan.FromSeconds(5) && p.FilesDone < p.FilesTotal)
                        {
                            return;
                        }
                        last = clock.Elapsed;
                        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"progress: {p.FilesDone}/{p.FilesTotal} files, {Sizes.Format(p.BytesDone)} of {Sizes.Format(p.BytesTotal)}, {Sizes.Format((long)(p.BytesDone / Math.Max(0.001, clock.Elapsed.TotalSeconds)))}/s"));
                    }
                });
                return await work(plain).ConfigureAwait(false);
            default:
                return await work(null).ConfigureAwait(false);
        }
    }

    private sealed class SynchronousProgress(Action<CollectionProgress> report) : IProgress<CollectionProgress>
    {
        public void Report(CollectionProgress value) => report(value);
    }
}
