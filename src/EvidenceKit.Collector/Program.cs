using System.CommandLine;
using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Collector.Commands;

namespace EvidenceKit.Collector;

internal static class Program
{
    private static int Main(string[] args) => TopLevel.Run(CommandLine.Build(args), args);
}

/// <summary>The collector's command tree; each action hands over to one command class.</summary>
internal static class CommandLine
{
    private static Option<string> Text(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description };

    private static Option<bool> Flag(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description };

    public static RootCommand Build(string[] args)
    {
        var fs = new FileSystem();
        var time = TimeProvider.System;
        var options = new Option[]
        {
            Text("--profile", "System profile name (see 'profiles list'), 'auto', or a path to a profile .yaml", "-p"),
            Text("--target", "Directory on the evidence drive, or sftp://user@host[:port]/path", "-t"),
            Text("--root", "Collect from a mounted image or a test tree instead of this machine's /"),
            Text("--case", "Case id (prosecution: required)"),
            Text("--mode", "analysis (default, fast) or prosecution (hashed, re-read, signed)"),
            Flag("--dry-run", "Show what would be collected; write nothing"),
            Text("--since", "Leave out files last modified before this: 7d, 12h, or a date"),
            Text("--until", "End of the time window: leaves out only files created after it (see README)"),
            Text("--max-file-size", "Leave out files larger than this, e.g. 2GiB"),
            Text("--max-total-size", "Cap the whole collection; newest files first"),
            Text("--profiles", "Directory of profiles that override the built-in ones"),
            Flag("--json", "Print one machine-readable summary and nothing else on stdout"),
            Flag("--quiet", "Print only the bundle path (or errors)", "-q"),
            Flag("--verbose", "More detail; stack traces on errors", "-v"),
            Text("--config", "A JSON configuration file (after evidencekit.json, before environment and options)"),
            Flag("--force", "Start even if the target looks too small"),
            Text("--parallel", "Files copied at once (default: CPU count, at least 2)"),
            Text("--examiner", "Examiner name; prosecution: must be the --key certificate's common name (default: that name)"),
            Text("--org", "Examiner's organisation"),
            Text("--key", "Examiner key, PKCS#12 (prosecution); passphrase from EVIDENCEKIT_KEY_PASSPHRASE or a prompt"),
            Text("--incident-owner", "Who owns the incident"),
            Text("--contact", "Point of contact"),
            Text("--severity", "low, medium or high"),
            Text("--reason", "Why the evidence is collected"),
            Text("--description", "Description of the incident"),
            Text("--hash", "Extra legacy hashes: sha1,md5,sha512 (SHA-256 is always taken)"),
            Text("--tsa", "RFC 3161 time-stamp authority URL"),
            Flag("--tsa-optional", "Seal without a timestamp if the authority is down"),
            Text("--resume", "Finish an interrupted collection: path of the NAME.partial bundle"),
            Text("--ssh-key", "SSH private key for an sftp:// target (without it: the SSH agent in SSH_AUTH_SOCK, else a password)"),
            Text("--host-key-fingerprint", "Pinned SHA256:... fingerprint of the SFTP server's host key"),
            Text("--known-hosts", "known_hosts file with the SFTP server's host key"),
            Text("--clock-offset", "This host's clock minus a reference clock, SECONDS[:UNCERTAINTY], recorded in the manifest"),
            Text("--clock-reference", "The clock --clock-offset was measured against, e.g. controller (default: reference)"),
            Text("--clock-measured-at", "When --clock-offset was measured, on the reference clock (default: now, corrected by the offset)"),
        };

        var root = new RootCommand("evidencekit-collect: gather this server's logs into a sealed, hashed evidence bundle.");
        foreach (var option in options)
        {
            root.Options.Add(option);
        }
        root.SetAction(async (parse, cancellationToken) =>
        {
            var layered = LayeredSettings.Build(Defaults, parse.GetValue<string>("--config"), TopLevel.Explicit(parse, options));
            var settings = CollectSettings.From(layered, time);
            if (settings.Resume is not { } resume)
            {
                return await new CollectCommand(fs, time).ExecuteAsync(settings, args, cancellationToken).ConfigureAwait(false);
            }

            // A resume re-reads the first run's arguments, so it plans exactly the same collection.
            var partial = PartialBundle.Open(fs, resume, settings);
            if (partial.Info is null)
            {
                return new CollectCommand(fs, time).FinishSeal(partial, settings);
            }
            var original = root.Parse(partial.Info.Arguments.ToArray());
            var first = CollectSettings.From(LayeredSettings.Build(Defaults, original.GetValue<string>("--config"), TopLevel.Explicit(original, options)), time);
            var again = first with { Target = partial.StoreRoot, Json = settings.Json, Quiet = settings.Quiet, Verbose = settings.Verbose, DryRun = false,
                SshKey = settings.SshKey ?? first.SshKey, HostKeyFingerprint = settings.HostKeyFingerprint ?? first.HostKeyFingerprint, KnownHosts = settings.KnownHosts ?? first.KnownHosts,
                Tsa = settings.Tsa ?? first.Tsa, TsaOptional = settings.TsaOptional || first.TsaOptional,
                ClockOffset = settings.ClockOffset ?? first.ClockOffset };
            return await new CollectCommand(fs, time).ExecuteAsync(again, partial.Info.Arguments, cancellationToken, partial).ConfigureAwait(false);
        });

        root.Subcommands.Add(BuildProfiles(fs));
        root.Subcommands.Add(BuildKeygen(time));
        return root;
    }

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["mode"] = "analysis",
        ["root"] = "/",
    };

    private static Command BuildKeygen(TimeProvider time)
    {
        var examiner = new Option<string>("--examiner") { Description = "Examiner name (certificate CN)", Required = true };
        var org = new Option<string>("--org") { Description = "Organisation (certificate O)", Required = true };
        var output = new Option<string>("--out") { Description = "Path of the .p12 to write; the certificate goes beside it as .crt", Required = true };
        var days = new Option<int>("--days") { Description = "Validity in days (default 730)", DefaultValueFactory = _ => 730 };
        var keygen = new Command("keygen", "Make an examiner signing key and certificate (passphrase from EVIDENCEKIT_KEY_PASSPHRASE or a prompt)")
        {
            examiner, org, output, days,
        };
        keygen.SetAction(parse => new KeygenCommand(time).Execute(parse.GetValue(examiner)!, parse.GetValue(org)!, parse.GetValue(output)!, parse.GetValue(days)));
        return keygen;
    }

    private static Command BuildProfiles(IFileSystem fs)
    {
        var dir = Text("--profiles", "Directory of profiles that override the built-in ones");
        var json = Flag("--json", "Machine-readable output");
        var profiles = new Command("profiles", "List, show and check collection profiles");

        var list = new Command("list", "List the system profiles: name, description, categories") { dir, json };
        list.SetAction(parse => new ProfilesCommands(fs).List(parse.GetValue(dir), parse.GetValue(json)));

        var name = new Argument<string>("name") { Description = "Profile name or .yaml path" };
        var show = new Command("show", "Show a profile's resolved targets and globs") { name, dir, json };
        show.SetAction(parse => new ProfilesCommands(fs).Show(parse.GetValue(dir), parse.GetValue(name)!, parse.GetValue(json)));

        var file = new Argument<string>("file") { Description = "Profile or target .yaml file" };
        var check = new Command("check", "Validate a profile or target file") { file, dir };
        check.SetAction(parse => new ProfilesCommands(fs).Check(parse.GetValue(dir), parse.GetValue(file)!));

        profiles.Subcommands.Add(list);
        profiles.Subcommands.Add(show);
        profiles.Subcommands.Add(check);
        return profiles;
    }
}
