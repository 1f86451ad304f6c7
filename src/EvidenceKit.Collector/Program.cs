using System.IO.Abstractions;
using EvidenceKit.Cli;

namespace EvidenceKit.Collector;

internal static class Program
{
    private static int Main(string[] args) =>
        TopLevel.Run(CollectorRoot.Executable, (stdout, _) => CollectorRoot.Build(new FileSystem(), TimeProvider.System, stdout, args), args);
}
