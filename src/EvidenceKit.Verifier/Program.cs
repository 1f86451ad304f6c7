using EvidenceKit.Cli;

namespace EvidenceKit.Verifier;

internal static class Program
{
    // TopLevel installs stdout and stderr that escape control characters and hide the command line's secrets.
    private static int Main(string[] args) => TopLevel.Run(VerifierRoot.Executable,
        (stdout, stderr) => VerifierRoot.Build(VerifierServices.Real(TimeProvider.System), stdout, stderr, Terminal.Out.IsTerminal), args);
}
