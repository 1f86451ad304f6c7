namespace EvidenceKit.Verifier;

internal static class Program
{
    private const int ErrorExitCode = 2;

    private static int Main(string[] args)
    {
        var command = new VerifyCommand(
            VerifierServices.CreateSignatureVerifier,
            VerifierServices.LoadTrustAnchors,
            Console.Out,
            Console.Error,
            stdoutIsTerminal: !Console.IsOutputRedirected,
            VerifierServices.CreateTimestampVerifier);
        try
        {
            return command.Run(args);
        }
#pragma warning disable CA1031 // The one top-level catch: never a crash, never exit 0 on an error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"evidencekit-verify: unexpected error: {e.Message}");
            if (command.Verbose)
            {
                Console.Error.WriteLine(e);
            }
            return ErrorExitCode;
        }
    }
}
