using EvidenceKit.Core.Profiles;
using EvidenceKit.Core.Profiles.Discovery;

namespace EvidenceKit.Core.Tests.Profiles.Discovery;

public sealed class LogDiscoverersTests
{
    [Fact]
    public void Every_dialect_has_a_discoverer_of_that_kind_and_every_shipped_discover_key_names_one()
    {
        foreach (var kind in LogDiscoverers.Kinds)
        {
            LogDiscoverers.Get(kind).Kind.Should().Be(kind);
        }

        var catalog = ProfileCatalog.Embedded(new FileSystem());
        var used = catalog.SystemNames.SelectMany(n => catalog.Resolve(n).Targets).Select(t => t.Discover).OfType<string>().Distinct();
        used.Should().BeEquivalentTo(LogDiscoverers.Kinds);
    }

    [Fact]
    public void An_unknown_dialect_is_refused()
    {
        FluentActions.Invoking(() => LogDiscoverers.Get("lighttpd")).Should().Throw<ArgumentException>().WithMessage("Unknown discovery dialect 'lighttpd'*");
    }
}
