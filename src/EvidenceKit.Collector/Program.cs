namespace EvidenceKit.Collector;

internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("not built yet");
        return 2;
    }
}
