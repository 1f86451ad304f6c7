namespace EvidenceKit.Verifier;

internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("not built yet");
        return 2;
    }
}
