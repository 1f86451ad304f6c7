using EvidenceKit.Testing;
namespace EvidenceKit.Signing.Tests.Support;

/// <summary>Every test class that needs the test PKI shares one, made once per run.</summary>
[CollectionDefinition(Name)]
public sealed class TestPkiCollection : ICollectionFixture<TestPki>
{
    public const string Name = "test PKI";
}
