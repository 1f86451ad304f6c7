using System.IO.Abstractions.TestingHelpers;

namespace EvidenceKit.Core.Tests.Platform;

/// <summary>
/// What the store says about a target's file system, for the ones a test machine cannot mount on demand
/// (the real vfat stick is in the collector's FatTargetTests, run where the kernel can mount it).
/// </summary>
public sealed class LocalDirectoryStoreSpaceTests
{
    private static PortableDirectoryStore StoreOn(string format)
    {
        var fs = new MockFileSystem();
        fs.AddDrive("/", new MockDriveData { DriveFormat = format, AvailableFreeSpace = 123_456_789, TotalSize = 1L << 36, IsReady = true });
        fs.AddDirectory("/usb");
        return new PortableDirectoryStore(fs, "/usb");
    }

    [Theory]
    [InlineData("vfat")]
    [InlineData("msdos")]
    public void A_FAT_target_reports_the_4_GiB_file_limit_and_case_insensitive_names(string format)
    {
        var space = StoreOn(format).GetSpace();

        space.Should().Be(new EvidenceKit.Core.Abstractions.TargetSpace(123_456_789, format, 4L * 1024 * 1024 * 1024 - 1, false));
    }

    [Theory]
    [InlineData("exfat")]
    [InlineData("ntfs3")]
    [InlineData("fuseblk")]
    public void ExFAT_and_NTFS_targets_are_case_insensitive_without_a_file_limit(string format)
    {
        var space = StoreOn(format).GetSpace();

        space.MaxFileSize.Should().BeNull();
        space.CaseSensitive.Should().BeFalse();
    }

    [Fact]
    public void An_ext4_target_has_no_file_limit_and_unknown_case_sensitivity()
    {
        var space = StoreOn("ext4").GetSpace();

        space.MaxFileSize.Should().BeNull();
        space.CaseSensitive.Should().BeNull();
        space.FreeBytes.Should().Be(123_456_789);
    }
}
