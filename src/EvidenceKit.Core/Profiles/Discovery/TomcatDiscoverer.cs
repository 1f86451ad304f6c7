using EvidenceKit.Core.Abstractions;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>
/// Finds Tomcat access logs from every <c>AccessLogValve</c> (and its Extended/Json variants) in server.xml:
/// <c>directory</c> (default "logs", relative to CATALINA_BASE) and <c>prefix</c> (default "access_log") give
/// the glob "DIRECTORY/PREFIX*". Also reads the file handlers of conf/logging.properties (catalina., localhost. ...).
/// CATALINA_BASE candidates: /var/lib/tomcat*, /opt/tomcat*, /usr/share/tomcat*, /usr/local/tomcat; a server.xml
/// in /etc/tomcat* belongs to /var/lib/tomcatN or /usr/share/tomcatN of the same name.
/// </summary>
internal sealed partial class TomcatDiscoverer : ILogDiscoverer
{
    public string Kind => "tomcat";

    public DiscoveryResult Discover(ISourceFiles source)
    {
        var tree = new ConfigTree(source);
        var bases = new[] { "/var/lib/tomcat*", "/opt/tomcat*", "/usr/share/tomcat*", "/usr/local/tomcat" }
            .SelectMany(pattern => tree.Glob(pattern))
            .Where(tree.IsDirectory);
        foreach (var catalinaBase in bases)
        {
            ReadBase(tree, catalinaBase + "/conf", catalinaBase);
        }

        foreach (var etc in tree.Glob("/etc/tomcat*").Where(tree.IsDirectory))
        {
            var name = etc[(etc.LastIndexOf('/') + 1)..];
            var catalinaBase = new[] { $"/var/lib/{name}", $"/usr/share/{name}" }.FirstOrDefault(tree.IsDirectory);
            ReadBase(tree, etc, catalinaBase);
        }

        return tree.Result();
    }

    private static void ReadBase(ConfigTree tree, string confDirectory, string? catalinaBase)
    {
        if (tree.Read(confDirectory + "/server.xml", null, 0, warnIfMissing: false) is { } server)
        {
            ReadServerXml(tree, server, catalinaBase);
        }

        if (tree.Read(confDirectory + "/logging.properties", null, 0, warnIfMissing: false) is { } logging)
        {
            ReadLoggingProperties(tree, logging, catalinaBase);
        }
    }

    private static void ReadServerXml(ConfigTree tree, ConfigText file, string? catalinaBase)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(file.Text), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            tree.Warn($"{file.HostPath}:{e.LineNumber}: not well-formed XML ({e.Message}); no access logs read from it");
            return;
        }

        foreach (var valve in document.Descendants().Where(e => e.Name.LocalName == "Valve"))
        {
            var className = (string?)valve.Attribute("className") ?? string.Empty;
            if (!className.EndsWith("AccessLogValve", StringComparison.Ordinal))
            {
                continue;
            }

            var line = ((IXmlLineInfo)valve).LineNumber;
            var directory = (string?)valve.Attribute("directory") ?? "logs";
            var prefix = (string?)valve.Attribute("prefix") ?? "access_log";
            AddLog(tree, file.HostPath, line, directory, prefix, catalinaBase);
        }
    }

    private static void ReadLoggingProperties(ConfigTree tree, ConfigText file, string? catalinaBase)
    {
        var handlers = new Dictionary<string, (string? Directory, string? Prefix, int Line)>(StringComparer.Ordinal);
        var lines = file.Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = HandlerProperty().Match(lines[i].TrimEnd('\r'));
            if (!match.Success)
            {
                continue;
            }

            var handler = match.Groups["handler"].Value;
            var value = match.Groups["value"].Value.Trim();
            var known = handlers.GetValueOrDefault(handler, (null, null, i + 1));
            handlers[handler] = match.Groups["key"].Value == "directory" ? (value, known.Prefix, known.Line) : (known.Directory, value, known.Line);
        }

        foreach (var (_, (directory, prefix, line)) in handlers)
        {
            if (directory is not null)
            {
                AddLog(tree, file.HostPath, line, directory, prefix ?? "juli.", catalinaBase);
            }
        }
    }

    private static void AddLog(ConfigTree tree, string file, int line, string directory, string prefix, string? catalinaBase)
    {
        var resolvedDirectory = directory;
        if (catalinaBase is not null)
        {
            resolvedDirectory = resolvedDirectory
                .Replace("${catalina.base}", catalinaBase, StringComparison.Ordinal)
                .Replace("${catalina.home}", catalinaBase, StringComparison.Ordinal);
        }

        if (resolvedDirectory.Contains("${", StringComparison.Ordinal) || prefix.Contains("${", StringComparison.Ordinal))
        {
            tree.Warn($"{file}:{line}: log directory {directory} uses a property that is not known here; ignored");
            return;
        }

        if (!resolvedDirectory.StartsWith('/'))
        {
            if (catalinaBase is null)
            {
                tree.Warn($"{file}:{line}: log directory {directory} is relative to CATALINA_BASE, which was not found; ignored");
                return;
            }

            resolvedDirectory = ConfigTree.Join(catalinaBase, resolvedDirectory);
        }

        tree.AddLog(resolvedDirectory.TrimEnd('/') + "/" + prefix + "*", file, line);
    }

    [GeneratedRegex(@"^\s*(?<handler>[^#!\s][^\s=:]*?)\.(?<key>directory|prefix)\s*[=:]\s*(?<value>.*)$", RegexOptions.NonBacktracking)]
    private static partial Regex HandlerProperty();
}
