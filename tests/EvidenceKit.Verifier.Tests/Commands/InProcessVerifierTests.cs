using System.Text.Json;
using EvidenceKit.Cli;
using EvidenceKit.Core.Verification;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests.Commands;

/// <summary>The verifier's commands in-process, through its composition root and the shared top level, with StringWriters for output.</summary>
public sealed class InProcessVerifierTests : IDisposable
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
    }

    private int Run(params string[] args) => TopLevel.Invoke(VerifierRoot.Executable,
        VerifierRoot.Build(VerifierServices.Real(TimeProvider.System), _stdout, _stderr, stdoutIsTerminal: false), args, _stdout, _stderr);

    [Fact]
    public void A_sealed_bundle_verified_in_process_is_valid_with_exit_0_and_json_on_the_given_writer()
    {
        using var builder = new BundleBuilder();
        var bundle = builder.Build();

        var exit = Run(bundle, "--json");

        exit.Should().Be(ExitCodes.Ok, _stderr.ToString());
        using var report = JsonDocument.Parse(_stdout.ToString());
        report.RootElement.GetProperty("exitCode").GetInt32().Should().Be(0);
    }

    [Fact]
    public void A_folder_that_is_not_a_bundle_is_error_with_exit_2()
    {
        using var temp = new TempDirectory();

        var exit = Run(temp.Path, "--quiet");

        exit.Should().Be(ExitCodes.BadInput);
        _stdout.ToString().Should().Contain("ERROR (exit 2)");
    }

    [Theory]
    [InlineData("x", "--quiet", "--verbose")]
    [InlineData("x", "--trust-fingerprint", "abc")]
    [InlineData("--no-such-option", "x")]
    public void A_usage_error_goes_to_the_given_stderr_with_exit_2_and_nothing_on_stdout(params string[] args)
    {
        var exit = Run(args);

        exit.Should().Be(ExitCodes.BadInput);
        _stderr.ToString().Should().StartWith("evidencekit-verify: ").And.NotContain("   at ");
        _stdout.ToString().Should().BeEmpty();
    }

    [Theory]
    [InlineData(Verdict.Valid, 0)]
    [InlineData(Verdict.Invalid, 1)]
    [InlineData(Verdict.Error, 2)]
    [InlineData(Verdict.Untrusted, 3)]
    [InlineData(Verdict.Incomplete, 3)]
    public void The_one_exit_code_table_keeps_the_documented_numbers(Verdict verdict, int code) =>
        ExitCodes.Of(verdict).Should().Be(code);
}
