namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>
/// The source port resolves every host path inside its root, with openat2 and with the component walk used on
/// kernels without it: links in the middle of a path, "..", and loops never lead outside, and the final
/// component is never followed. The outside sentinel's content is never returned and its atime never changes.
/// </summary>
public sealed class SourcePortConfinementTests : RootAndOutsideTest
{
    private const string PastAtime = "2020-05-05 05:05:05.123456789 UTC";
    private readonly string _sentinel;

    public SourcePortConfinementTests()
        : base("port")
    {
        _sentinel = Outside.Write("shadow", "root:$6$SECRET-OUTSIDE-THE-ROOT:19000::::::\n");
        Run.Tool("touch", ["-a", "-d", PastAtime, _sentinel]).ExitCode.Should().Be(0);
        Root.Write("var/www/index.html", "inside\n");
    }

    private LinuxSourceFiles Port(bool openat2) => new(Root.Path, openat2);

    private static string Atime(string path) => Run.Tool("stat", ["-c", "%x", path]).StdOut.Trim();

    private void Link(string relative, string target)
    {
        var full = Root.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_absolute_link_in_the_middle_of_the_path_resolves_inside_the_root_not_to_the_examiners_files(bool openat2)
    {
        // Given ROOT/var/log -> /tmp/ek-port-outside-xxx (the examiner's own directory)
        Link("var/log", Outside.Path);
        using var port = Port(openat2);

        // When the port is asked for /var/log/shadow
        var info = port.Stat("/var/log/shadow");
        var open = () => port.OpenRead("/var/log/shadow");

        // Then the link is resolved under the root, where no such file exists
        info.Should().BeNull();
        open.Should().Throw<SourceFileException>().Which.Fault.Should().Be(SourceFault.Vanished);
        Atime(_sentinel).Should().StartWith("2020-05-05 05:05:05.123456789");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_relative_link_climbing_out_with_dot_dot_stops_at_the_root(bool openat2)
    {
        // Given ROOT/var/log -> ../../../../../../../<outside>, and a decoy of the same name inside the root
        var climb = string.Concat(Enumerable.Repeat("../", 12)) + Outside.Path.TrimStart('/');
        Link("var/log", climb);
        Root.Write(Outside.Path.TrimStart('/') + "/shadow", "decoy inside the root\n");
        using var port = Port(openat2);

        // When the port reads /var/log/shadow
        using var opened = port.OpenRead("/var/log/shadow");
        using var reader = new StreamReader(opened.Stream);

        // Then it reads the decoy under the root, never the examiner's file
        reader.ReadToEnd().Should().Be("decoy inside the root\n");
        Atime(_sentinel).Should().StartWith("2020-05-05 05:05:05.123456789");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dot_dot_in_the_host_path_itself_is_clamped_at_the_root(bool openat2)
    {
        using var port = Port(openat2);

        var escape = "/../../../../../../.." + _sentinel;

        port.Stat(escape).Should().BeNull();
        port.Stat("/../../var/www/index.html")!.Kind.Should().Be(FileKind.Regular);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_final_link_is_reported_with_its_target_and_never_opened(bool openat2)
    {
        Link("var/log/secret.log", _sentinel);
        using var port = Port(openat2);

        var info = port.Stat("/var/log/secret.log");
        var open = () => port.OpenRead("/var/log/secret.log");

        info!.Kind.Should().Be(FileKind.Symlink);
        info.LinkTarget.Should().Be(_sentinel);
        open.Should().Throw<SourceFileException>().Which.Fault.Should().Be(SourceFault.NotRegular);
        Atime(_sentinel).Should().StartWith("2020-05-05 05:05:05.123456789");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_link_loop_in_a_parent_is_a_loop_fault_not_a_hang_or_an_absence(bool openat2)
    {
        Link("var/a", "b");
        Link("var/b", "a");
        using var port = Port(openat2);

        var stat = () => port.Stat("/var/a/access.log");

        stat.Should().Throw<SourceFileException>().Which.Fault.Should().Be(SourceFault.Loop);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_name_longer_than_the_kernel_accepts_is_a_name_too_long_fault(bool openat2)
    {
        Directory.CreateDirectory(Root.Combine("var/log"));
        using var port = Port(openat2);

        var stat = () => port.Stat("/var/log/" + new string('n', 300));

        stat.Should().Throw<SourceFileException>().Which.Fault.Should().Be(SourceFault.NameTooLong);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Listing_a_directory_reached_through_a_link_in_the_middle_lists_the_one_inside_the_root(bool openat2)
    {
        Link("var/spool", "/srv");
        Root.Write("srv/app/inside.log", "x\n");
        using var port = Port(openat2);

        var names = port.List("/var/spool/app").Select(e => e.Name);

        names.Should().Equal("inside.log");
    }

    [Fact]
    public void Listing_a_directory_that_is_itself_a_link_is_refused_not_followed()
    {
        Link("var/log", Outside.Path);
        using var port = new LinuxSourceFiles(Root.Path);

        var list = () => port.List("/var/log");

        list.Should().Throw<SourceFileException>().Which.Fault.Should().Be(SourceFault.NotDirectory);
    }

    [Fact]
    public void This_kernel_has_openat2_so_the_default_port_uses_it()
    {
        using var port = new LinuxSourceFiles(Root.Path);

        port.Stat("/var/www/index.html").Should().NotBeNull();

        port.UsesOpenat2.Should().BeTrue("the machine runs kernel 6.x; the walk is only the fallback");
    }
}
