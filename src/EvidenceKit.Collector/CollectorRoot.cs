using System.CommandLine;
using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Collector.Commands;
using EvidenceKit.Platform.Linux;

namespace EvidenceKit.Collector;

/// <summary>
/// The collector's composition root: the command tree, each command's options from its settings class, and the real
/// or test implementations of the file system, the clock and stdout. Each action binds its settings, then hands over
/// to one command class.
/// </summary>
internal static class CollectorRoot
{
    /// <summary>How the collector's top level names itself and exits on an unexpected error (1: the run failed).</summary>
    public static Executable Executable { get; } = new("evidencekit-collect", ExitCodes.Failed);

    /// <summary>The command tree writing to <paramref name="stdout"/>; <paramref name="args"/> is what the run records as its command line.</summary>
    public static RootCommand Build(IFileSystem fs, TimeProvider time, TextWriter stdout, IReadOnlyList<string> args)
    {
        var root = new RootCommand("evidencekit-collect: gather this server's logs into a sealed, hashed evidence bundle.");
        foreach (var option in CollectSettings.Options)
        {
            root.Options.Add(option);
        }
        root.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CollectSettings.Bind(CollectSettings.Layer(parse), time);
            var command = new CollectCommand(fs, time, stdout);
            LowerPriority(settings.LowPriority);
            if (settings.Resume is not { } resume)
            {
                return await command.ExecuteAsync(settings, args, cancellationToken).ConfigureAwait(false);
            }
            var partial = PartialBundle.Open(fs, resume, settings);
            if (partial.Info is null)
            {
                return command.FinishSeal(partial, settings);
            }
            var again = ResumeSettings.Merge(root, partial, settings, time);
            LowerPriority(again.LowPriority);
            return await command.ExecuteAsync(again, partial.Info.Arguments, cancellationToken, partial).ConfigureAwait(false);
        });
        root.Subcommands.Add(BuildProfiles(fs, stdout));
        root.Subcommands.Add(BuildKeygen(time, stdout));
        return root;
    }

    /// <summary>--low-priority: nice 19 and the idle I/O class for every thread, before any file is read.</summary>
    private static void LowerPriority(bool wanted)
    {
        if (!wanted)
        {
            return;
        }
        try
        {
            LowPriority.Apply();
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException)
        {
            throw CliException.Failed($"--low-priority: {e.Message}", e);
        }
    }

    private static Command BuildKeygen(TimeProvider time, TextWriter stdout)
    {
        var keygen = new Command("keygen", "Make an examiner signing key and certificate (passphrase from EVIDENCEKIT_KEY_PASSPHRASE or a prompt)");
        foreach (var option in KeygenSettings.Options)
        {
            keygen.Options.Add(option);
        }
        keygen.SetAction(parse => new KeygenCommand(time, stdout).Execute(KeygenSettings.Bind(parse)));
        return keygen;
    }

    private static Command BuildProfiles(IFileSystem fs, TextWriter stdout)
    {
        var dir = ProfilesSettings.Dir;
        var json = ProfilesSettings.JsonOption;
        var profiles = new Command("profiles", "List, show and check collection profiles");

        var list = new Command("list", "List the system profiles: name, description, categories") { dir.Option, json.Option };
        list.SetAction(parse => new ProfilesCommands(fs, stdout).List(dir.Read(parse), json.Read(parse)));

        var show = new Command("show", "Show a profile's resolved targets and globs") { ProfilesSettings.Name, dir.Option, json.Option };
        show.SetAction(parse => new ProfilesCommands(fs, stdout).Show(dir.Read(parse), parse.GetValue(ProfilesSettings.Name)!, json.Read(parse)));

        var check = new Command("check", "Validate a profile or target file") { ProfilesSettings.File, dir.Option };
        check.SetAction(parse => new ProfilesCommands(fs, stdout).Check(dir.Read(parse), parse.GetValue(ProfilesSettings.File)!));

        profiles.Subcommands.Add(list);
        profiles.Subcommands.Add(show);
        profiles.Subcommands.Add(check);
        return profiles;
    }
}
