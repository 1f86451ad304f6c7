using EvidenceKit.Cli;

namespace EvidenceKit.Collector.Tests.Cli;

/// <summary>The one place that decides what of a command line is secret.</summary>
public sealed class CommandLineRedactionTests
{
    [Fact]
    public void Values_of_secret_looking_options_known_or_not_and_uri_passwords_are_secrets()
    {
        var secrets = CommandLineRedaction.SecretValues(
            ["--target", "sftp://dana:p%40ss@host/x", "--passphrase", "one", "--api-token=two", "--ssh-password", "three", "--key", "dana.p12"]);

        secrets.Should().BeEquivalentTo(["p%40ss", "p@ss", "one", "two", "three"]);
    }

    [Fact]
    public void The_recorded_command_line_hides_secret_values_and_uri_passwords()
    {
        CommandLineRedaction.Redact(["--passphrase", "one", "--token=two", "--target", "sftp://u:pw@h/x", "--examiner", "Dana"])
            .Should().Equal("--passphrase", "***", "--token=***", "--target", "sftp://u:***@h/x", "--examiner", "Dana");
    }

    [Fact]
    public void A_usage_error_shows_option_names_and_hides_every_other_quoted_value()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "--target", "keygen" };
        string[] args = ["--target", "/t", "--pw", "hunter2", "--x=y", "keygen"];

        CommandLineRedaction.RedactParseError("Unrecognized command or argument 'hunter2'.", args, names).Should().Be("Unrecognized command or argument '***'.");
        CommandLineRedaction.RedactParseError("Unrecognized command or argument '--pw'.", args, names).Should().Be("Unrecognized command or argument '--pw'.");
        CommandLineRedaction.RedactParseError("Unrecognized command or argument '--x=y'.", args, names).Should().Be("Unrecognized command or argument '--x=***'.");
        CommandLineRedaction.RedactParseError("Required argument missing for command: 'keygen'.", args, names).Should().Be("Required argument missing for command: 'keygen'.");
    }
}
