using EvidenceKit.Cli;

namespace EvidenceKit.Verifier;

internal static class Program
{
    private const int ErrorExitCode = 2;

    private static int Main(string[] args)
    {
        // From here on stdout and stderr escape control characters and hide the command line's secrets.
        Terminal.Install(args);
        var command = new VerifyCommand(
            VerifierServices.CreateSignatureVerifier,
            VerifierServices.LoadTrustAnchors,
            Terminal.Out,
            Terminal.Error,
            stdoutIsTerminal: Terminal.Out.IsTerminal,
            VerifierServices.CreateTimestampVerifier);
        try
        {
            return command.Run(args);
        }
#pragma warning disable CA1031 // The one top-level catch: never a crash, never exit 0 on an error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"evidencekit-verify: unexpected error: {TerminalText.Escape(e.Message)}");
            if (command.Verbose)
            {
                Console.Error.WriteLine(e);
            }
            return ErrorExitCode;
        }
    }
}
