using EvidenceKit.Core.Profiles.Discovery;
using EvidenceKit.Core.Tests.Profiles.Support;

namespace EvidenceKit.Core.Tests.Profiles.Discovery;

public sealed class TomcatDiscovererTests : IDisposable
{
    private const string ServerXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Server port="8005" shutdown="SHUTDOWN">
          <Service name="Catalina">
            <Engine name="Catalina" defaultHost="localhost">
              <Host name="localhost" appBase="webapps">
                <Valve className="org.apache.catalina.valves.AccessLogValve" directory="logs"
                       prefix="localhost_access_log" suffix=".txt" pattern="%h %l %u %t &quot;%r&quot; %s %b" />
                <Valve className="org.apache.catalina.valves.RemoteIpValve" />
                <Valve className="org.apache.catalina.valves.JsonAccessLogValve" directory="/data/tomcat-json" prefix="json" />
              </Host>
            </Engine>
          </Service>
        </Server>
        """;

    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private DiscoveryResult Discover() => LogDiscoverers.Get("tomcat").Discover(tree.Port());

    [Fact]
    public void Debian_access_logs_are_found_relative_to_CATALINA_BASE_and_server_xml_is_read_once()
    {
        tree.Write("etc/tomcat9/server.xml", ServerXml);
        tree.Write("etc/tomcat9/logging.properties", """
            handlers = 1catalina.org.apache.juli.AsyncFileHandler, java.util.logging.ConsoleHandler
            1catalina.org.apache.juli.AsyncFileHandler.level = FINE
            1catalina.org.apache.juli.AsyncFileHandler.directory = ${catalina.base}/logs
            1catalina.org.apache.juli.AsyncFileHandler.prefix = catalina.
            """);
        tree.Symlink("var/lib/tomcat9/conf", "/etc/tomcat9");
        tree.Folder("var/log/tomcat9");
        tree.Symlink("var/lib/tomcat9/logs", "../../log/tomcat9");

        var result = Discover();

        result.Logs.Should().BeEquivalentTo(new[]
        {
            new DiscoveredLog("/var/log/tomcat9/localhost_access_log*", "/etc/tomcat9/server.xml", 6),
            new DiscoveredLog("/data/tomcat-json/json*", "/etc/tomcat9/server.xml", 9),
            new DiscoveredLog("/var/log/tomcat9/catalina.*", "/etc/tomcat9/logging.properties", 3),
        }, o => o.WithStrictOrdering());
        result.ConfigFiles.Should().Equal("/etc/tomcat9/server.xml", "/etc/tomcat9/logging.properties");
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void An_opt_install_uses_the_default_directory_and_prefix_and_bad_xml_is_a_warning()
    {
        tree.Write("opt/tomcat/conf/server.xml", "<Server><Valve className=\"org.apache.catalina.valves.AccessLogValve\"/></Server>");
        tree.Write("opt/tomcat-broken/conf/server.xml", "<Server>\n<Valve");

        var result = Discover();

        result.Logs.Should().ContainSingle().Which.Should().Be(new DiscoveredLog("/opt/tomcat/logs/access_log*", "/opt/tomcat/conf/server.xml", 1));
        result.Warnings.Should().ContainSingle().Which.Should().StartWith("/opt/tomcat-broken/conf/server.xml:2: not well-formed XML");
    }

    [Fact]
    public void A_relative_directory_without_a_CATALINA_BASE_is_a_warning()
    {
        tree.Write("etc/tomcat/server.xml", ServerXml);

        var result = Discover();

        result.Logs.Select(l => l.HostPath).Should().Equal("/data/tomcat-json/json*");
        result.Warnings.Should().ContainSingle().Which.Should().Contain("relative to CATALINA_BASE, which was not found");
    }
}
