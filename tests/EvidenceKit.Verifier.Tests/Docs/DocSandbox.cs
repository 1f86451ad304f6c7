using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// Where the blocks of one story run, one after the other as a reader types them: a fresh directory that is also
/// $HOME, the published executables on PATH as <c>evidencekit-collect</c> and <c>evidencekit-verify</c>, each block
/// in bash with <c>-euo pipefail</c>, starting in the directory the block before ended in (so a <c>cd</c> carries
/// over). A block marked <c>in DIR</c> runs in that directory and leaves the carried one as it was.
/// Everything the story set up (servers, keys) is ended with it.
/// </summary>
internal sealed class DocSandbox : IDisposable
{
    private readonly TempDirectory _home = new("ek-doctest-");
    private readonly List<IDisposable> _owned = [];
    private string _cwd;

    public DocSandbox(bool answerPrompts = false)
    {
        AnswerPrompts = answerPrompts;
        _cwd = _home.Path;
        var bin = Directory.CreateDirectory(_home.Combine(".bin")).FullName;
        foreach (var tool in new[] { "evidencekit-collect", "evidencekit-verify" })
        {
            var wrapper = Path.Combine(bin, tool);
            File.WriteAllText(wrapper, $"#!/bin/sh\nexec {Run.ExecutablePath(tool)} \"$@\"\n");
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Environment = new Dictionary<string, string?>
        {
            ["HOME"] = _home.Path,
            ["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["EVIDENCEKIT_KEY_PASSPHRASE"] = Passphrase,
            ["DOCTEST_PROMPT_PASSPHRASE"] = "doctest-prompt-passphrase-1",
        };
    }

    /// <summary>The examiner key passphrase a reader exported (EVIDENCEKIT_KEY_PASSPHRASE).</summary>
    public const string Passphrase = "doctest-passphrase-1";

    public string Home => _home.Path;

    /// <summary>Run under a pseudo-terminal that answers openssl's pass phrase and [y/n] prompts as a person would.</summary>
    public bool AnswerPrompts { get; }

    public Dictionary<string, string?> Environment { get; }

    public string Combine(params string[] parts) => _home.Combine(parts);

    public string MakeDirectory(string relative) => _home.MakeDirectory(relative);

    public string Write(string relative, string content) => _home.Write(relative, content);

    public T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>Runs <paramref name="script"/> (a block with its placeholders replaced); in <paramref name="directory"/> when given.</summary>
    public ProcessResult RunBlock(string name, string script, string? directory)
    {
        var cwdFile = _home.Combine(".cwd");
        var file = _home.Write($".{name}.sh",
            (directory is null ? $"trap 'pwd > {Quote(cwdFile)}' EXIT\n" : "") + $"cd {Quote(directory ?? _cwd)}\n{script}\n");
        string[] bash = ["bash", "-euo", "pipefail", file];
        var result = AnswerPrompts
            ? EvidenceKit.Testing.Run.Tool("python3", [Path.Combine(EvidenceKit.Testing.Run.RepositoryRoot(), "tests", "EvidenceKit.Verifier.Tests", "Docs", "answer-prompts.py"), .. bash],
                _home.Path, Environment, TimeSpan.FromMinutes(6))
            : EvidenceKit.Testing.Run.Tool(bash[0], bash[1..], _home.Path, Environment, TimeSpan.FromMinutes(6));
        if (directory is null && File.Exists(cwdFile))
        {
            _cwd = File.ReadAllText(cwdFile).Trim();
        }
        return result;
    }

    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
        _home.Dispose();
    }
}
