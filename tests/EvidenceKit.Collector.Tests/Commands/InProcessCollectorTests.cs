using System.IO.Abstractions;
using System.Text.Json;
using EvidenceKit.Cli;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Commands;

/// <summary>
/// The collector's commands run in-process through the same composition root and top level as the executable, with
/// stdout and stderr as StringWriters: what a user would read is asserted without starting a process.
/// </summary>
public sealed class InProcessCollectorTests : IDisposable
{
    private readonly TempDirectory _root = new("ek-inproc-root-");
    private readonly TempDirectory _target = new("ek-inproc-target-");
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _stdout.Dispose();
        _stderr.Dispose();
    }

    private int Run(params string[] args) =>
        TopLevel.Invoke(CollectorRoot.Executable, CollectorRoot.Build(new FileSystem(), TimeProvider.System, _stdout, args), args, _stdout, _stderr);

    private string Profile()
    {
        _root.Write("var/log/app/app.log", "started\n");
        return _root.Write("profile.yaml", "name: profile\ndescription: test\ntargets:\n  - name: app\n    description: app\n    category: application\n    paths: [/var/log/app/*]\n");
    }

    [Fact]
    public void An_until_that_is_not_a_time_is_refused_with_exit_2_and_the_error_names_until_not_since()
    {
        var exit = Run("--profile", Profile(), "--root", _root.Path, "--target", _target.Path, "--until", "whenever");

        exit.Should().Be(ExitCodes.BadInput);
        _stderr.ToString().Should().StartWith("evidencekit-collect: ").And.Contain("--until").And.NotContain("--since");
        _stdout.ToString().Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(_target.Path).Should().BeEmpty("nothing runs when the settings are bad");
    }

    [Fact]
    public void An_until_from_a_configuration_file_goes_through_the_same_parser_and_names_until()
    {
        var config = _root.Write("config.json", """{ "until": "whenever" }""");

        var exit = Run("--profile", Profile(), "--root", _root.Path, "--target", _target.Path, "--config", config);

        exit.Should().Be(ExitCodes.BadInput);
        _stderr.ToString().Should().Contain("--until takes a duration");
    }

    [Theory]
    [InlineData("--parallel", "0", "--parallel must be a number from 1 to 64")]
    [InlineData("--mode", "court", "--mode must be 'analysis' or 'prosecution'")]
    [InlineData("--severity", "dire", "--severity must be 'low', 'medium' or 'high'")]
    [InlineData("--max-file-size", "big", "--max-file-size takes a size")]
    [InlineData("--hash", "crc32", "--hash takes sha1, md5 and sha512")]
    public void A_typed_option_with_a_bad_value_is_a_usage_error_naming_the_option(string option, string value, string message)
    {
        var exit = Run("--profile", Profile(), "--root", _root.Path, "--target", _target.Path, option, value);

        exit.Should().Be(ExitCodes.BadInput);
        _stderr.ToString().Should().Contain(message);
        Directory.EnumerateFileSystemEntries(_target.Path).Should().BeEmpty();
    }

    [Fact]
    public void A_dry_run_with_json_prints_its_plan_to_the_writer_it_was_given_and_writes_nothing()
    {
        var exit = Run("--profile", Profile(), "--root", _root.Path, "--target", _target.Path, "--dry-run", "--json", "--quiet");

        exit.Should().Be(ExitCodes.Ok, _stderr.ToString());
        using var plan = JsonDocument.Parse(_stdout.ToString());
        plan.RootElement.GetProperty("status").GetString().Should().Be("dry-run");
        plan.RootElement.GetProperty("files").GetInt32().Should().Be(1);
        Directory.EnumerateFileSystemEntries(_target.Path).Should().BeEmpty();
    }

    [Fact]
    public void Profiles_list_and_collect_share_one_declaration_of_profiles()
    {
        var list = CollectorRoot.Build(new FileSystem(), TimeProvider.System, _stdout, []).Subcommands.Single(c => c.Name == "profiles")
            .Subcommands.Single(c => c.Name == "list");
        var root = CollectorRoot.Build(new FileSystem(), TimeProvider.System, _stdout, []);

        list.Options.Single(o => o.Name == "--profiles").Should().BeSameAs(root.Options.Single(o => o.Name == "--profiles"));
    }

    [Fact]
    public void Profiles_list_json_goes_to_the_given_writer()
    {
        var exit = Run("profiles", "list", "--json");

        exit.Should().Be(ExitCodes.Ok, _stderr.ToString());
        using var list = JsonDocument.Parse(_stdout.ToString());
        list.RootElement.EnumerateArray().Should().Contain(p => p.GetProperty("name").GetString() == "linux-base");
    }
}
