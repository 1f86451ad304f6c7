using System.Diagnostics;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>What the source port reads: only regular files, bounded, without changing access times, any name.</summary>
public sealed class SourcePortReadTests : IDisposable
{
    private const string PastAtime = "2020-05-05 05:05:05.123456789 UTC";
    private readonly TempDirectory _root = new("ek-port-read-");

    public void Dispose()
    {
        // .NET cannot delete a name that is not valid UTF-8 (it only has the U+FFFD spelling), so rm does it.
        Run.Tool("rm", ["-rf", "--", _root.Path]);
        _root.Dispose();
    }

    private static string Atime(string path) => Run.Tool("stat", ["-c", "%x", path]).StdOut.Trim();

    [Fact]
    public void A_fifo_is_never_opened_so_reading_it_fails_at_once_instead_of_blocking()
    {
        Directory.CreateDirectory(_root.Combine("etc"));
        Run.Tool("mkfifo", [_root.Combine("etc/os-release")]).ExitCode.Should().Be(0);
        using var port = new LinuxSourceFiles(_root.Path);
        var clock = Stopwatch.StartNew();

        var read = () => port.ReadAll("/etc/os-release", 4096);

        read.Should().Throw<SourceFileException>().Which.Fault.Should().Be(SourceFault.NotRegular);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "a blocking open would never return");
    }

    [Fact]
    public void A_character_device_planted_as_an_identity_file_is_refused_without_being_read()
    {
        Directory.CreateDirectory(_root.Combine("etc"));
        Run.Tool("mknod", [_root.Combine("etc/machine-id"), "c", "1", "5"]).ExitCode.Should().Be(0, "the tests run as root");
        using var port = new LinuxSourceFiles(_root.Path);

        var read = () => port.ReadAll("/etc/machine-id", 4096);

        read.Should().Throw<SourceFileException>().Which.Fault.Should().Be(SourceFault.NotRegular);
    }

    [Fact]
    public void A_file_over_the_callers_cap_is_a_too_large_fault_and_under_it_is_read_whole()
    {
        _root.Write("etc/nginx/nginx.conf", new string('#', 5000));
        using var port = new LinuxSourceFiles(_root.Path);

        var tooBig = () => port.ReadAll("/etc/nginx/nginx.conf", 4096);

        tooBig.Should().Throw<SourceFileException>().Which.Fault.Should().Be(SourceFault.TooLarge);
        port.ReadAll("/etc/nginx/nginx.conf", 5000).Should().HaveCount(5000);
    }

    [Fact]
    public void Reading_and_listing_leave_access_times_unchanged()
    {
        var file = _root.Write("var/log/app.log", "GET /\n");
        var dir = _root.Combine("var/log");
        Run.Tool("touch", ["-a", "-d", PastAtime, file, dir]).ExitCode.Should().Be(0);
        using var port = new LinuxSourceFiles(_root.Path);

        port.List("/var/log").Should().ContainSingle(e => e.Name == "app.log" && e.Kind == FileKind.Regular);
        using (var opened = port.OpenRead("/var/log/app.log"))
        {
            new StreamReader(opened.Stream).ReadToEnd().Should().Be("GET /\n");
            opened.AtimePreserved.Should().BeTrue();
        }
        port.ReadAll("/var/log/app.log", 100).Should().HaveCount(6);

        Atime(file).Should().StartWith("2020-05-05 05:05:05.123456789");
        Atime(dir).Should().StartWith("2020-05-05 05:05:05.123456789");
        Run.Tool("cat", [file]).ExitCode.Should().Be(0);
        Atime(file).Should().NotStartWith("2020-05-05", "an ordinary read does update it, so the assertion above can fail");
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_listed_as_a_raw_name_and_opened_by_it()
    {
        Directory.CreateDirectory(_root.Combine("var/log"));
        byte[] name = [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'.', (byte)'l', (byte)'o', (byte)'g'];
        RawFiles.Create(_root.Combine("var/log"), name, "latin-1 named log\n");
        using var port = new LinuxSourceFiles(_root.Path);

        var entry = port.List("/var/log").Should().ContainSingle().Which;
        using var opened = port.OpenRead("/var/log/" + entry.Name);

        RawNames.IsRaw(entry.Name).Should().BeTrue();
        RawNames.ToBytes(entry.Name).Should().Equal(name);
        RawNames.Readable(entry.Name).Should().Be("caf\\xE9.log");
        new StreamReader(opened.Stream).ReadToEnd().Should().Be("latin-1 named log\n");
    }

    [Fact]
    public void A_backslash_is_an_ordinary_name_byte_beside_a_directory_of_the_same_spelling()
    {
        _root.Write("var/log/evil/cmd.log", "the directory's file\n");
        _root.Write("var/log/evil\\cmd.log", "the backslash file\n");
        using var port = new LinuxSourceFiles(_root.Path);

        port.List("/var/log").Select(e => (e.Name, e.Kind)).Should().BeEquivalentTo(
            [("evil", FileKind.Directory), ("evil\\cmd.log", FileKind.Regular)]);
        Encoding(port.ReadAll("/var/log/evil\\cmd.log", 100)).Should().Be("the backslash file\n");
        Encoding(port.ReadAll("/var/log/evil/cmd.log", 100)).Should().Be("the directory's file\n");
    }

    [Fact]
    public void Listing_a_missing_directory_is_a_vanished_fault_and_stat_of_a_missing_file_is_null()
    {
        using var port = new LinuxSourceFiles(_root.Path);

        var list = () => port.List("/var/log/gone");

        list.Should().Throw<SourceFileException>().Which.Fault.Should().Be(SourceFault.Vanished);
        port.Stat("/var/log/gone/x.log").Should().BeNull();
    }

    private static string Encoding(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
