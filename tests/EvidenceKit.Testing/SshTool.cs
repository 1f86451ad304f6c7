namespace EvidenceKit.Testing;

/// <summary>ssh-keygen and friends for the SSH tests, run through <see cref="EvidenceKit.Testing.Run"/>.</summary>
public static class SshTool
{
    public static (int ExitCode, string Out, string Err) Run(string file, params string[] arguments)
    {
        var result = EvidenceKit.Testing.Run.Tool(file, arguments, timeout: TimeSpan.FromSeconds(60));
        return (result.ExitCode, result.StdOut, result.StdErr);
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
