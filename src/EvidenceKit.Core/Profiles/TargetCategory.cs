namespace EvidenceKit.Core.Profiles;

/// <summary>The kind of log a target names. YAML spells these in kebab-case ("web-server").</summary>
public enum TargetCategory
{
    /// <summary>web-server</summary>
    WebServer,
    /// <summary>application</summary>
    Application,
    /// <summary>service</summary>
    Service,
    /// <summary>system</summary>
    System,
    /// <summary>database</summary>
    Database,
    /// <summary>proxy</summary>
    Proxy,
    /// <summary>firewall</summary>
    Firewall,
    /// <summary>ids</summary>
    Ids,
    /// <summary>waf</summary>
    Waf,
    /// <summary>container</summary>
    Container,
    /// <summary>shell</summary>
    Shell,
}
