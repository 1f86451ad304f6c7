using EvidenceKit.Testing;
using EvidenceKit.Targets.Sftp.Errors;

namespace EvidenceKit.Targets.Sftp.Tests;

public sealed class SftpTargetUriTests
{
    [Fact]
    public void A_full_uri_gives_user_host_port_and_absolute_path()
    {
        var uri = SftpTargetUri.Parse("sftp://ir@evidence.example.org:2222/srv/evidence/");

        uri.User.Should().Be("ir");
        uri.Host.Should().Be("evidence.example.org");
        uri.Port.Should().Be(2222);
        uri.Path.Should().Be("/srv/evidence");
        uri.IsHomeRelative.Should().BeFalse();
        uri.ToString().Should().Be("sftp://ir@evidence.example.org:2222/srv/evidence");
    }

    [Fact]
    public void Without_a_port_the_port_is_22()
    {
        SftpTargetUri.Parse("sftp://ir@10.0.0.5/evidence").Port.Should().Be(22);
    }

    [Theory]
    [InlineData("sftp://ir@[::1]:2200/e", "::1", 2200)]
    [InlineData("sftp://ir@[2001:db8::7]/e", "2001:db8::7", 22)]
    [InlineData("sftp://ir@[fe80::1%25eth0]:22/e", "fe80::1%eth0", 22)]
    public void An_IPv6_address_in_brackets_is_the_host(string text, string host, int port)
    {
        var uri = SftpTargetUri.Parse(text);

        uri.Host.Should().Be(host);
        uri.Port.Should().Be(port);
        SftpTargetUri.Parse(uri.ToString()).Should().Be(uri);
    }

    [Fact]
    public void User_and_path_are_percent_decoded_and_round_trip()
    {
        var uri = SftpTargetUri.Parse("sftp://ir%40corp@host/cases/2024%20Q1/%C3%A9t%C3%A9");

        uri.User.Should().Be("ir@corp");
        uri.Path.Should().Be("/cases/2024 Q1/été");
        SftpTargetUri.Parse(uri.ToString()).Should().Be(uri);
    }

    [Theory]
    [InlineData("sftp://ir@host/~/evidence/x", "evidence/x")]
    [InlineData("sftp://ir@host/~", "")]
    [InlineData("sftp://ir@host", "")]
    public void A_tilde_path_or_no_path_is_relative_to_the_login_directory(string text, string path)
    {
        var uri = SftpTargetUri.Parse(text);

        uri.Path.Should().Be(path);
        uri.IsHomeRelative.Should().BeTrue();
        SftpTargetUri.Parse(uri.ToString()).Should().Be(uri);
    }

    [Fact]
    public void A_single_slash_is_the_server_root()
    {
        SftpTargetUri.Parse("sftp://ir@host/").Path.Should().Be("/");
    }

    [Fact]
    public void The_scheme_is_recognised_in_any_case()
    {
        SftpTargetUri.IsSftp("SFTP://ir@host/x").Should().BeTrue();
        SftpTargetUri.IsSftp("/media/usb/evidence").Should().BeFalse();
        SftpTargetUri.IsSftp("ssh://ir@host/x").Should().BeFalse();
        SftpTargetUri.Parse("SFTP://ir@host/x").Host.Should().Be("host");
    }

    [Theory]
    [InlineData("ftp://ir@host/x", "not an sftp target")]
    [InlineData("/media/usb", "not an sftp target")]
    [InlineData("sftp://host/x", "names no user")]
    [InlineData("sftp://@host/x", "names no user")]
    [InlineData("sftp://ir:secret@host/x", "password does not belong")]
    [InlineData("sftp://ir@/x", "names no host")]
    [InlineData("sftp://ir@host:0/x", "not a number from 1 to 65535")]
    [InlineData("sftp://ir@host:65536/x", "not a number from 1 to 65535")]
    [InlineData("sftp://ir@host:22a/x", "not a number from 1 to 65535")]
    [InlineData("sftp://ir@host:/x", "port after ':' is empty")]
    [InlineData("sftp://ir@[::1/x", "no closing ']'")]
    [InlineData("sftp://ir@[host]/x", "not an IPv6 address")]
    [InlineData("sftp://ir@::1/x", "not a host name")]
    [InlineData("sftp://ir@host/a/../b", "'..'")]
    [InlineData("sftp://ir@host/a?b=1", "query")]
    [InlineData("sftp://ir@host/a%2Fb", "encoded '/'")]
    [InlineData("sftp://ir@host/a%zz", "two hex digits")]
    [InlineData("sftp://ir@host/a%ff", "not valid UTF-8")]
    [InlineData("sftp://ir@host/a b", "percent-encoded")]
    public void A_malformed_target_gives_a_typed_error_that_says_why(string text, string reason)
    {
        var act = () => SftpTargetUri.Parse(text);

        act.Should().Throw<SftpTargetUriException>().Which.Message.Should().Contain(reason);
        SftpTargetUri.TryParse(text, out var uri, out var error).Should().BeFalse();
        uri.Should().BeNull();
        error.Should().Contain(reason);
    }
}
