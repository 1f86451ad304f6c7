using EvidenceKit.Testing;

namespace EvidenceKit.Signing.Tests.Support;

/// <summary>Runs the real openssl binary (through <see cref="EvidenceKit.Testing.Run"/>), bounded in time.</summary>
internal static class OpenSsl
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Process("openssl", workingDirectory, environment, arguments);

    public static Result Run(string workingDirectory, params string[] arguments) =>
        Process("openssl", workingDirectory, null, arguments);

    public static Result Process(string fileName, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var result = EvidenceKit.Testing.Run.Tool(fileName, arguments, workingDirectory,
            environment?.ToDictionary(p => p.Key, p => (string?)p.Value));
        return new Result(result.ExitCode, result.StdOut, result.StdErr);
    }
}
