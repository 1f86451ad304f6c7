using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// An examiner types a secret where it does not belong (an option that does not exist, a password inside an sftp://
/// URI). Neither executable may print it back, in a usage error, a refusal or a log line.
/// </summary>
public sealed class SecretEchoTests : IDisposable
{
    private const string Secret = "Tr0ub4dor&3-secret";

    private readonly TempDirectory _root = new("ek-root-");
    private readonly TempDirectory _target = new("ek-target-");

    public SecretEchoTests()
    {
        _root.Write("var/log/nginx/access.log", "203.0.113.9 GET /\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
    }

    private ProcessResult Collect(params string[] extra) =>
        Run.Executable("evidencekit-collect", ["--profile", "linux-web-nginx", "--root", _root.Path, .. extra]);

    private static void NeverShows(ProcessResult run, string secret)
    {
        run.StdOut.Should().NotContain(secret, run.ToString());
        run.StdErr.Should().NotContain(secret, run.ToString());
    }

    [Theory]
    [InlineData("--passphrase", Secret)]
    [InlineData("--password", Secret)]
    [InlineData("--key-passphrase", Secret)]
    [InlineData("--pw", Secret)]
    [InlineData("--passphrase=" + Secret, null)]
    [InlineData("-P", Secret)]
    public void A_mistyped_secret_option_is_refused_without_printing_its_value(string option, string? value)
    {
        string[] typed = value is null ? [option] : [option, value];

        var run = Collect(["--target", _target.Path, .. typed]);

        run.ExitCode.Should().Be(2, run.ToString());
        NeverShows(run, Secret);
        run.StdErr.Should().Contain("Unrecognized command or argument '" + (value is null ? "--passphrase=***" : option) + "'",
            "the option's name is shown so the user sees the mistake");
        Directory.EnumerateFileSystemEntries(_target.Path).Should().BeEmpty();
    }

    [Fact]
    public void A_secret_given_as_a_stray_value_is_not_printed_either()
    {
        var run = Collect("--target", _target.Path, Secret);

        run.ExitCode.Should().Be(2, run.ToString());
        NeverShows(run, Secret);
        run.StdErr.Should().Contain("'***'");
    }

    [Theory]
    [InlineData("--target", "sftp://dana:{0}@127.0.0.1/evidence")]
    [InlineData("--target", "sftp://dana:{0}@[::1]:2222/evidence")]
    [InlineData("--resume", "sftp://dana:{0}@127.0.0.1/evidence/x.partial")]
    public void A_password_inside_an_sftp_uri_is_refused_and_shown_as_stars(string option, string uri)
    {
        var run = Collect(option, string.Format(System.Globalization.CultureInfo.InvariantCulture, uri, Secret),
            "--host-key-fingerprint", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        run.ExitCode.Should().Be(2, run.ToString());
        NeverShows(run, Secret);
        NeverShows(run, Uri.EscapeDataString(Secret));
        run.StdErr.Should().Contain("sftp://dana:***@");
    }

    [Fact]
    public void A_percent_encoded_password_is_hidden_in_both_forms()
    {
        var encoded = Uri.EscapeDataString(Secret);

        var run = Collect("--target", $"sftp://dana:{encoded}@127.0.0.1/evidence", "--host-key-fingerprint", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        run.ExitCode.Should().Be(2, run.ToString());
        NeverShows(run, encoded);
        NeverShows(run, Secret);
    }

    [Theory]
    [InlineData("--passphrase", Secret)]
    [InlineData("--trust-passphrase=" + Secret, null)]
    public void The_verifier_does_not_print_a_mistyped_secret_option_either(string option, string? value)
    {
        string[] typed = value is null ? [option] : [option, value];

        var run = Run.Executable("evidencekit-verify", [_target.Path, .. typed]);

        run.ExitCode.Should().Be(2, run.ToString());
        NeverShows(run, Secret);
    }

    [Fact]
    public void Custody_add_does_not_print_a_mistyped_secret_option()
    {
        var run = Run.Executable("evidencekit-verify", ["custody", "add", _target.Path, "--event", "access", "--actor", "Ann", "--key", "k.p12", "--passphrase", Secret]);

        run.ExitCode.Should().Be(2, run.ToString());
        NeverShows(run, Secret);
    }
}
