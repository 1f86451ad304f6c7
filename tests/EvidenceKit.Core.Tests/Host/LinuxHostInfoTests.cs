using EvidenceKit.Core.Host;

namespace EvidenceKit.Core.Tests.Host;

public sealed class LinuxHostInfoTests
{
    [Fact]
    public void The_live_machine_read_through_the_port_gives_the_kernels_host_name_release_boot_time_and_machine_id()
    {
        using var port = new LinuxSourceFiles();

        var host = new LinuxHostInfo(port, port).Read();

        host.Hostname.Should().Be(File.ReadAllText("/proc/sys/kernel/hostname").Trim());
        host.Kernel.Should().StartWith(File.ReadAllText("/proc/sys/kernel/osrelease").Trim());
        host.BootTime.Should().NotBeNull();
        host.FromRoot.Should().BeNull();
        if (File.Exists("/etc/machine-id"))
        {
            host.MachineId.Should().Be(File.ReadAllText("/etc/machine-id").Trim());
        }
    }

    [Fact]
    public void Under_a_root_the_identity_files_come_from_the_root_and_the_kernel_values_from_this_machine()
    {
        using var root = new TempDirectory("ek-hostinfo-");
        root.Write("etc/machine-id", "00000000000000000000000000000042\n");
        root.Write("etc/os-release", "PRETTY_NAME=\"Image OS\"\nID=image\n");
        using var source = new LinuxSourceFiles(root.Path);
        using var machine = new LinuxSourceFiles();

        var host = new LinuxHostInfo(source, machine).Read();

        host.MachineId.Should().Be("00000000000000000000000000000042");
        host.Os.Should().Be("Image OS");
        host.OsRelease.Should().Contain("ID", "image");
        host.Kernel.Should().StartWith(File.ReadAllText("/proc/sys/kernel/osrelease").Trim());
        host.FromRoot.Should().BeTrue();
        host.Unavailable.Should().BeNull();
    }
}
