namespace EvidenceKit.Fleet.Tests.Support;

/// <summary>All fleet tests share one played scenario.</summary>
[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetScenario>
{
    public const string Name = "fleet";
}
