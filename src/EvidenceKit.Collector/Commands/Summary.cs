using System.Globalization;
using System.Text.Json;
using EvidenceKit.Cli;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using Spectre.Console;

namespace EvidenceKit.Collector.Commands;

/// <summary>
/// What the user reads at the end: a table on a terminal, plain lines otherwise, one JSON document under --json.
/// Every value that came from the source (paths, reasons, errors) is escaped to one line by <see cref="TerminalText"/>;
/// the JSON document is raw JSON (its serializer escapes control characters itself). Everything goes to the writer it
/// is given (the process's escaping stdout, or a test's StringWriter).
/// </summary>
internal sealed class Summary(TextWriter output)
{
    private static readonly JsonSerializerOptions Json = new(ManifestJson.WriteOptions);

    public void WritePlan(CollectionPlan plan, bool json, string target)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                status = "dry-run",
                exitCode = ExitCodes.Ok,
                profile = plan.Profile.Names,
                target,
                files = plan.Files.Count,
                bytes = plan.TotalBytes,
                planned = plan.Files.Select(f => new { f.Id, path = f.HostPath, f.AtPlan.Size, f.Target, f.BagPath }),
                skipped = plan.Skipped,
                excluded = plan.Excluded,
                emptyTargets = plan.EmptyTargets,
                warnings = plan.Warnings,
            }, Json));
            return;
        }
        var o = output;
        o.WriteLine($"Dry run: nothing was written. Profile {Shown(string.Join(", ", plan.Profile.Names))} would collect into {Shown(target)}:");
        foreach (var group in plan.Files.GroupBy(f => f.Target))
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Shown(group.Key)}: {group.Count()} files, {Sizes.Format(group.Sum(f => f.AtPlan.Size))}"));
            foreach (var f in group.Take(20))
            {
                o.WriteLine($"    {Shown(f.HostPath)} ({Sizes.Format(f.AtPlan.Size)})");
            }
            if (group.Count() > 20)
            {
                o.WriteLine($"    ... and {group.Count() - 20} more");
            }
        }
        o.WriteLine($"Total: {plan.Files.Count} files, {Sizes.Format(plan.TotalBytes)}");
        WriteLists(plan.Skipped, plan.Excluded, plan.EmptyTargets);
    }

    public void WriteResult(CollectionResult result, int exitCode, TimeSpan elapsed, bool json, bool quiet)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                status = result.Sealed ? "sealed" : exitCode == ExitCodes.Interrupted ? "interrupted" : "failed",
                exitCode,
                bundle = result.BundlePath,
                mode = result.Manifest?.Mode,
                bundleId = result.Manifest?.BundleId,
                files = result.Collected,
                bytes = result.Bytes,
                seconds = Math.Round(elapsed.TotalSeconds, 3),
                skipped = result.Skipped,
                excluded = result.Excluded.Count,
                emptyTargets = result.EmptyTargets,
                notes = result.NotedFiles.Select(f => new { f.SourcePath, f.Notes }),
                error = result.Error,
            }, Json));
            return;
        }
        if (quiet && exitCode == ExitCodes.Ok)
        {
            output.WriteLine(Shown(result.BundlePath));
            return;
        }

        var rows = new List<(string, string)>
        {
            ("Result", result.Sealed ? (exitCode == ExitCodes.Ok ? "sealed, everything collected" : "sealed, some files not collected") : $"NOT sealed: {result.Error}"),
            ("Bundle", result.BundlePath),
            ("Collected", string.Create(CultureInfo.InvariantCulture, $"{result.Collected} files, {Sizes.Format(result.Bytes)}")),
            ("Not collected", result.Skipped.Count.ToString(CultureInfo.InvariantCulture)),
            ("Left out by rules", result.Excluded.Count.ToString(CultureInfo.InvariantCulture)),
            ("Targets with no files", result.EmptyTargets.Count == 0 ? "none" : string.Join(", ", result.EmptyTargets.Select(t => t.Name))),
            ("Time", string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s")),
        };
        if (result.Manifest?.Mode is { } mode)
        {
            rows.Insert(2, ("Mode", mode));
        }

        if (output is TerminalWriter { IsTerminal: true })
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("");
            table.HideHeaders();
            foreach (var (k, v) in rows)
            {
                table.AddRow(new Markup($"[bold]{TerminalConsole.Markup(k)}[/]"), TerminalConsole.Cell(v));
            }
            TerminalConsole.Stdout.Write(table);
        }
        else
        {
            foreach (var (k, v) in rows)
            {
                output.WriteLine($"{k + ":",-22} {Shown(v)}");
            }
        }
        WriteLists(result.Skipped, [], result.EmptyTargets);
        result.Warnings.ToList().ForEach(w => output.WriteLine($"Warning: {w}"));
        if (!result.Sealed && exitCode != ExitCodes.Ok)
        {
            output.WriteLine($"The partial bundle is kept. To finish it: evidencekit-collect --resume {Shown(result.BundlePath)}");
        }
    }

    private void WriteLists(IReadOnlyList<SkippedRecord> skipped, IReadOnlyList<SkippedRecord> excluded, IReadOnlyList<EmptyTargetRecord> empty)
    {
        var o = output;
        if (skipped.Count > 0)
        {
            o.WriteLine($"Not collected ({skipped.Count}):");
            foreach (var s in skipped.Take(50))
            {
                o.WriteLine($"  {Shown(s.Path)}: {Shown(s.Reason)}");
            }
            if (skipped.Count > 50)
            {
                o.WriteLine($"  ... and {skipped.Count - 50} more (all are listed in custody/manifest.json)");
            }
        }
        if (excluded.Count > 0)
        {
            o.WriteLine($"Left out by rules ({excluded.Count}), e.g.:");
            foreach (var s in excluded.Take(10))
            {
                o.WriteLine($"  {Shown(s.Path)}: {Shown(s.Reason)}");
            }
        }
        if (empty.Count > 0)
        {
            o.WriteLine($"Targets that matched nothing on this host ({empty.Count}):");
            foreach (var t in empty)
            {
                o.WriteLine($"  {Shown(t.Name)}: {Shown(string.Join(" ", t.Patterns))}");
            }
        }
    }

    /// <summary>A value as printed: control characters (newlines too) escaped, so it stays on its line.</summary>
    private static string Shown(string? value) => TerminalText.Escape(value);
}
