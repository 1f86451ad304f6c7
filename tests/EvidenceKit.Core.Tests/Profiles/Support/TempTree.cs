using System.Text;

namespace EvidenceKit.Core.Tests.Profiles.Support;

/// <summary>A real temporary directory that tests fill with files and that is deleted afterwards.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "ek-profiles-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    private readonly List<LinuxSourceFiles> ports = [];

    public string Root { get; }

    /// <summary>The confined source port on the tree (or on a folder of it), as the collector opens it; closed with the tree.</summary>
    public ISourceFiles Port(string relativePath = "")
    {
        var port = new LinuxSourceFiles(relativePath.Length == 0 ? Root : PathOf(relativePath));
        ports.Add(port);
        return port;
    }

    /// <summary>Writes a file at a root-relative (or host-absolute, "/etc/x") path and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var full = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new UTF8Encoding(false));
        return full;
    }

    public string Folder(string relativePath)
    {
        var full = PathOf(relativePath);
        Directory.CreateDirectory(full);
        return full;
    }

    public void Symlink(string relativePath, string target)
    {
        var full = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.TrimStart('/'));

    public void Dispose()
    {
        ports.ForEach(p => p.Dispose());
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
