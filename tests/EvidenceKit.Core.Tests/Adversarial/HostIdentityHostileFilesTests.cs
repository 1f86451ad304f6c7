using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Host;

namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>
/// The compromised server writes /etc/machine-id, os-release, /etc/passwd and /etc/group of the collected root.
/// A FIFO, a device, a link to the examiner's own files (absolute or climbing with ".."), or a huge file leaves the
/// field empty with the reason in <see cref="HostRecord.Unavailable"/>; reading never blocks, never grows without
/// bound, and never returns the content of a file outside the root (a sentinel stands for the examiner's shadow).
/// </summary>
public sealed class HostIdentityHostileFilesTests : RootAndOutsideTest
{
    private const string Secret = "SECRET-OUTSIDE-THE-ROOT";
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly string _sentinel;

    public HostIdentityHostileFilesTests()
        : base("host")
    {
        _sentinel = Outside.Write("shadow", $"{Secret}:$6$hash:19000::::::\nstolen:x:4242:4242::/root:/bin/sh\n");
        Root.Write("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
    }

    private HostRecord ReadHost()
    {
        using var source = new LinuxSourceFiles(Root.Path);
        using var machine = new LinuxSourceFiles();
        var read = Task.Run(() => new LinuxHostInfo(source, machine).Read());
        read.Wait(HangGuard).Should().BeTrue("reading the host's identity must never block");
        return read.Result;
    }

    private AccountNames ReadAccounts()
    {
        using var source = new LinuxSourceFiles(Root.Path);
        var read = Task.Run(() => AccountNames.Read(source));
        read.Wait(HangGuard).Should().BeTrue("reading the account databases must never block");
        return read.Result;
    }

    private void Replace(string relative, Action<string> make)
    {
        var full = Root.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.Delete(full);
        make(full);
    }

    private void Fifo(string relative) => Replace(relative, full => Run.Tool("mkfifo", [full]).ExitCode.Should().Be(0));

    private void Link(string relative, string target) => Replace(relative, full => File.CreateSymbolicLink(full, target));

    private void DevZero(string relative) =>
        Replace(relative, full => Run.Tool("mknod", [full, "c", "1", "5"]).ExitCode.Should().Be(0, "the tests run as root (CI does)"));

    private static string Json(HostRecord host) => System.Text.Encoding.UTF8.GetString(ManifestJson.ToUtf8(host));

    private static void NothingOfTheExaminerIn(HostRecord host)
    {
        Json(host).Should().NotContain(Secret);
        (host.MachineId ?? string.Empty).Should().NotContain(Secret);
    }

    [Fact]
    public void A_fifo_as_machine_id_leaves_it_unavailable_with_the_reason_and_does_not_block()
    {
        Fifo("etc/machine-id");

        var host = ReadHost();

        host.MachineId.Should().BeNull();
        host.Unavailable.Should().ContainKey("machineId").WhoseValue.Should().Be("/etc/machine-id is a fifo, not a regular file; not read");
        host.Os.Should().Be("Debian GNU/Linux 12 (bookworm)");
    }

    [Fact]
    public void Machine_id_as_a_real_dev_zero_device_is_never_opened()
    {
        DevZero("etc/machine-id");

        var host = ReadHost();

        host.MachineId.Should().BeNull();
        host.Unavailable!["machineId"].Should().Be("/etc/machine-id is a character-device, not a regular file; not read");
    }

    [Fact]
    public void Machine_id_linked_to_dev_zero_is_looked_up_inside_the_root()
    {
        Link("etc/machine-id", "/dev/zero");

        var host = ReadHost();

        host.MachineId.Should().BeNull();
        host.Unavailable.Should().BeNull("the root has no /dev/zero, so there is simply no machine id");
    }

    [Fact]
    public void Machine_id_linked_absolutely_to_the_examiners_shadow_never_records_its_first_line()
    {
        Link("etc/machine-id", _sentinel);

        var host = ReadHost();

        host.MachineId.Should().BeNull();
        NothingOfTheExaminerIn(host);
    }

    [Fact]
    public void Machine_id_linked_to_etc_shadow_never_records_the_real_etc_shadow()
    {
        Link("etc/machine-id", "/etc/shadow");

        var host = ReadHost();

        host.MachineId.Should().BeNull();
        if (File.Exists("/etc/shadow"))
        {
            var firstLine = File.ReadLines("/etc/shadow").First();
            Json(host).Should().NotContain(firstLine);
        }
    }

    [Fact]
    public void Machine_id_linked_relatively_out_of_the_root_is_refused_with_the_reason()
    {
        Link("etc/machine-id", "../../../../../../../../../.." + _sentinel);

        var host = ReadHost();

        host.MachineId.Should().BeNull();
        host.Unavailable!["machineId"].Should().Be("/etc/machine-id leaves the root through '..'; not read");
        NothingOfTheExaminerIn(host);
    }

    [Fact]
    public void A_huge_machine_id_is_not_read_and_says_so()
    {
        Root.Write("etc/machine-id", new string('a', LinuxHostInfo.MaxMachineIdBytes + 1));

        var host = ReadHost();

        host.MachineId.Should().BeNull();
        host.Unavailable!["machineId"].Should().Be($"/etc/machine-id is larger than {LinuxHostInfo.MaxMachineIdBytes} bytes; not read");
    }

    [Fact]
    public void A_fifo_as_os_release_leaves_it_unavailable_and_does_not_block()
    {
        Fifo("etc/os-release");

        var host = ReadHost();

        host.OsRelease.Should().BeNull();
        host.Unavailable!["osRelease"].Should().Be("/etc/os-release is a fifo, not a regular file; not read");
    }

    [Fact]
    public void Debians_os_release_link_into_usr_lib_is_followed_inside_the_root()
    {
        Root.Write("usr/lib/os-release", "PRETTY_NAME=\"Inside The Image\"\n");
        Link("etc/os-release", "../usr/lib/os-release");
        Root.Write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");

        var host = ReadHost();

        host.Os.Should().Be("Inside The Image");
        host.MachineId.Should().Be("0123456789abcdef0123456789abcdef");
        host.Unavailable.Should().BeNull();
        host.FromRoot.Should().BeTrue();
    }

    [Fact]
    public void A_fifo_as_etc_passwd_gives_no_names_and_says_why_without_blocking()
    {
        Fifo("etc/passwd");
        Root.Write("etc/group", "adm:x:4:\n");

        var accounts = ReadAccounts();

        accounts.User(0).Should().BeNull();
        accounts.Group(4).Should().Be("adm");
        accounts.Problems.Should().ContainSingle().Which.Should().Be("user and group names not read: /etc/passwd is a fifo, not a regular file; not read");
    }

    [Fact]
    public void Etc_passwd_linked_to_the_examiners_files_gives_none_of_their_names()
    {
        Link("etc/passwd", _sentinel);
        Link("etc/group", "../../../../../../../../.." + _sentinel);

        var accounts = ReadAccounts();

        accounts.User(4242).Should().BeNull();
        accounts.Group(4242).Should().BeNull();
        accounts.Problems.Should().ContainSingle().Which.Should().Contain("/etc/group leaves the root");
    }

    [Fact]
    public void Etc_group_as_dev_zero_is_never_opened()
    {
        Root.Write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
        DevZero("etc/group");

        var accounts = ReadAccounts();

        accounts.User(0).Should().Be("root");
        accounts.Problems.Should().ContainSingle().Which.Should().Contain("/etc/group is a character-device");
    }
}
