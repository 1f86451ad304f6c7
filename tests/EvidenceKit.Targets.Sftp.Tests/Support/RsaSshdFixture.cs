using EvidenceKit.Testing;
namespace EvidenceKit.Targets.Sftp.Tests.Support;

/// <summary>An <see cref="SshdFixture"/> whose only host key is RSA (offered as rsa-sha2-512/256).</summary>
public sealed class RsaSshdFixture() : SshdFixture("rsa");
