using EvidenceKit.Testing;
namespace EvidenceKit.Targets.Sftp.Tests.Support;

/// <summary>An <see cref="SshdFixture"/> whose only host key is ECDSA P-256.</summary>
public sealed class EcdsaSshdFixture() : SshdFixture("ecdsa");
