using EvidenceKit.Testing;
using System.Security.Cryptography;
using EvidenceKit.Targets.Sftp.Tests.Support;

namespace EvidenceKit.Targets.Sftp.Tests;

[Trait("Category", "Network")]
public sealed class SftpTargetStoreTests : IClassFixture<SshdFixture>, IDisposable
{
    private readonly SshdFixture _sshd;
    private readonly string _local;
    private readonly SftpTargetStore _store;

    public SftpTargetStoreTests(SshdFixture sshd)
    {
        _sshd = sshd;
        _local = Path.Combine(sshd.Root, "t-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_local);
        _store = SftpTargetStore.Connect(sshd.Options(_local));
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_local, recursive: true);
    }

    [Fact]
    public void Bytes_written_through_Create_are_on_the_server_and_read_back_identical()
    {
        var payload = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

        using (var stream = _store.Create("evidence.bin"))
        {
            stream.Write(payload);
            _store.Flush(stream);
        }

        File.ReadAllBytes(Path.Combine(_local, "evidence.bin")).Should().Equal(payload);
        using var read = _store.OpenRead("evidence.bin");
        using var copy = new MemoryStream();
        read.CopyTo(copy);
        copy.ToArray().Should().Equal(payload);
    }

    [Fact]
    public void Create_truncates_an_existing_file()
    {
        File.WriteAllText(Path.Combine(_local, "f.txt"), "a much longer old content");

        using (var stream = _store.Create("f.txt"))
            stream.Write("new"u8);

        File.ReadAllText(Path.Combine(_local, "f.txt")).Should().Be("new");
    }

    [Fact]
    public void OpenAppend_adds_to_the_end_and_creates_a_missing_file()
    {
        using (var stream = _store.OpenAppend("log.jsonl"))
            stream.Write("one\n"u8);
        using (var stream = _store.OpenAppend("log.jsonl"))
        {
            stream.Write("two\n"u8);
            _store.Flush(stream);
        }

        File.ReadAllText(Path.Combine(_local, "log.jsonl")).Should().Be("one\ntwo\n");
    }

    [Fact]
    public void GetLength_gives_the_size_or_null_for_a_missing_file()
    {
        File.WriteAllBytes(Path.Combine(_local, "sized"), new byte[12345]);

        _store.GetLength("sized").Should().Be(12345);
        _store.GetLength("absent").Should().BeNull();
    }

    [Fact]
    public void CreateDirectory_makes_missing_parents_and_is_idempotent()
    {
        _store.CreateDirectory("bundle.partial/data/var/log");
        _store.CreateDirectory("bundle.partial/data/var/log");

        Directory.Exists(Path.Combine(_local, "bundle.partial", "data", "var", "log")).Should().BeTrue();
        _store.Exists("bundle.partial/data").Should().BeTrue();
    }

    [Fact]
    public void CreateDirectory_through_a_file_fails()
    {
        File.WriteAllText(Path.Combine(_local, "plain"), "x");

        var act = () => _store.CreateDirectory("plain/sub");

        act.Should().Throw<IOException>().WithMessage("*file of that name is in the way*");
    }

    [Fact]
    public void Exists_sees_files_and_directories_and_not_missing_names()
    {
        Directory.CreateDirectory(Path.Combine(_local, "dir"));
        File.WriteAllText(Path.Combine(_local, "dir", "file"), "x");

        _store.Exists("dir").Should().BeTrue();
        _store.Exists("dir/file").Should().BeTrue();
        _store.Exists("dir/nothing").Should().BeFalse();
        _store.Exists("nothing/at/all").Should().BeFalse();
    }

    [Fact]
    public void List_gives_entry_names_and_an_empty_list_for_a_missing_directory()
    {
        Directory.CreateDirectory(Path.Combine(_local, "d", "sub"));
        File.WriteAllText(Path.Combine(_local, "d", "b.txt"), "x");
        File.WriteAllText(Path.Combine(_local, "d", "a.txt"), "x");

        _store.List("d").Should().Equal("a.txt", "b.txt", "sub");
        _store.List("missing").Should().BeEmpty();
    }

    [Fact]
    public void Move_renames_a_directory_like_sealing_a_partial_bundle()
    {
        Directory.CreateDirectory(Path.Combine(_local, "case_host.partial", "data"));
        File.WriteAllText(Path.Combine(_local, "case_host.partial", "data", "x"), "x");

        _store.Move("case_host.partial", "case_host");

        Directory.Exists(Path.Combine(_local, "case_host.partial")).Should().BeFalse();
        File.ReadAllText(Path.Combine(_local, "case_host", "data", "x")).Should().Be("x");
    }

    [Fact]
    public void Move_onto_an_existing_file_or_directory_fails_and_changes_nothing()
    {
        File.WriteAllText(Path.Combine(_local, "from"), "source");
        File.WriteAllText(Path.Combine(_local, "to"), "destination");
        Directory.CreateDirectory(Path.Combine(_local, "dirfrom"));
        Directory.CreateDirectory(Path.Combine(_local, "dirto"));

        var onFile = () => _store.Move("from", "to");
        var onDirectory = () => _store.Move("dirfrom", "dirto");

        onFile.Should().Throw<IOException>().WithMessage("*already exists*");
        onDirectory.Should().Throw<IOException>().WithMessage("*already exists*");
        File.ReadAllText(Path.Combine(_local, "from")).Should().Be("source");
        File.ReadAllText(Path.Combine(_local, "to")).Should().Be("destination");
        Directory.Exists(Path.Combine(_local, "dirfrom")).Should().BeTrue();
    }

    [Fact]
    public void DeleteFile_removes_a_file_ignores_a_missing_one_and_refuses_a_directory()
    {
        File.WriteAllText(Path.Combine(_local, "gone"), "x");
        Directory.CreateDirectory(Path.Combine(_local, "keep"));

        _store.DeleteFile("gone");
        _store.DeleteFile("never-was");
        var onDirectory = () => _store.DeleteFile("keep");

        File.Exists(Path.Combine(_local, "gone")).Should().BeFalse();
        onDirectory.Should().Throw<IOException>().WithMessage("*is a directory*");
        Directory.Exists(Path.Combine(_local, "keep")).Should().BeTrue();
    }

    [Fact]
    public void OpenRead_of_a_missing_file_throws_file_not_found()
    {
        var act = () => _store.OpenRead("nope");

        act.Should().Throw<FileNotFoundException>().WithMessage("*'nope' does not exist*");
    }

    [Fact]
    public void GetSpace_reports_the_servers_free_space_from_statvfs()
    {
        var space = _store.GetSpace();
        var drive = new DriveInfo(_local);

        space.FreeBytes.Should().NotBeNull();
        space.FreeBytes!.Value.Should().BeCloseTo(drive.AvailableFreeSpace, 256L * 1024 * 1024);
        space.FileSystem.Should().BeNull();
        space.MaxFileSize.Should().BeNull();
        space.CaseSensitive.Should().BeTrue();
    }

    [Fact]
    public void Flush_and_DropCache_leave_the_written_bytes_readable()
    {
        using (var stream = _store.Create("durable"))
        {
            stream.Write("abc"u8);
            _store.Flush(stream);
            File.ReadAllText(Path.Combine(_local, "durable")).Should().Be("abc", "Flush must push the buffer to the server");
        }

        _store.DropCache("durable");
        _store.GetLength("durable").Should().Be(3);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("a\\b")]
    [InlineData("a//b")]
    [InlineData("./a")]
    public void A_path_that_could_leave_the_root_is_refused(string path)
    {
        var act = () => _store.Create(path);

        act.Should().Throw<ArgumentException>().WithMessage("*not a valid store path*");
        File.Exists(Path.Combine(_sshd.Root, "escape")).Should().BeFalse();
    }
}
