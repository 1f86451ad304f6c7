using System.Text.Json;

namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>One ansible-playbook run: its exit code, everything it printed, how long it took, and the summary it wrote.</summary>
public sealed record PlaybookRun(int ExitCode, string Output, TimeSpan Elapsed, JsonDocument? Summary, IReadOnlyList<string> ServerEntries)
{
    /// <summary>The summary row of one host.</summary>
    public JsonElement Row(string host) =>
        Summary!.RootElement.GetProperty("hosts").EnumerateArray().Single(r => r.GetProperty("host").GetString() == host);
}
