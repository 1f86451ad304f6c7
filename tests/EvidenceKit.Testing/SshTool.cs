using System.Diagnostics;

namespace EvidenceKit.Testing;

/// <summary>Runs a real command-line tool to completion (bounded in time) and returns what it printed.</summary>
public static class SshTool
{
    public static (int ExitCode, string Out, string Err) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string RunOk(string file, params string[] arguments)
    {
        var (code, stdout, stderr) = Run(file, arguments);
        if (code != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {code}: {stderr}{stdout}");
        return stdout;
    }

    /// <summary>Makes a key pair with ssh-keygen and returns the private key path.</summary>
    public static string NewKey(string path, string type = "ed25519", string passphrase = "")
    {
        var arguments = new List<string> { "-q", "-t", type, "-N", passphrase, "-C", "evidencekit-test", "-f", path };
        if (type == "rsa")
            arguments.InsertRange(3, ["-b", "3072"]);
        RunOk("ssh-keygen", [.. arguments]);
        return path;
    }

    /// <summary>The "SHA256:..." fingerprint ssh-keygen -lf prints for a public key file.</summary>
    public static string Fingerprint(string publicKeyPath) =>
        RunOk("ssh-keygen", "-lf", publicKeyPath).Split(' ')[1];
}
