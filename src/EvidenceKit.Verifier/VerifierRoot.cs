using System.CommandLine;
using EvidenceKit.Cli;
using EvidenceKit.Verifier.Custody;
using EvidenceKit.Verifier.Timeline;

namespace EvidenceKit.Verifier;

/// <summary>
/// The verifier's composition root: the command tree (verify, custody add, custody show, timeline), each command's options from
/// its settings class, and the services and writers every command is given.
/// </summary>
internal static class VerifierRoot
{
    /// <summary>How the verifier's top level names itself and exits on an unexpected error (2: ERROR).</summary>
    public static Executable Executable { get; } = new("evidencekit-verify", ExitCodes.BadInput);

    public static RootCommand Build(VerifierServices services, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal)
    {
        var root = new RootCommand("Proves an EvidenceKit bundle intact, complete and signed by a trusted examiner. "
            + "Exit codes: 0 VALID, 1 INVALID, 2 ERROR, 3 UNTRUSTED or INCOMPLETE.")
        {
            VerifySettings.BundleArgument,
        };
        foreach (var option in VerifySettings.Options)
        {
            root.Options.Add(option);
        }
        root.SetAction(parse => new VerifyCommand(services, stdout, stderr, stdoutIsTerminal).Execute(VerifySettings.Bind(parse)));
        root.Subcommands.Add(CustodyCommands.Build(services, stdout, stderr, stdoutIsTerminal));
        root.Subcommands.Add(new TimelineCommand(services.CreateSignatureVerifier, services.CreateTimestampVerifier, services.LoadTrustAnchors, services.Time, stdout, stderr).Build());
        return root;
    }
}
