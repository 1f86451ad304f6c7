using System.Text;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Tests.Collection;

/// <summary>
/// Names a careless tool trips on: spaces, a newline, very long paths, case and Unicode-normalization twins, and a
/// name that is not valid UTF-8. Each is collected under a safe bag name or cleanly skipped with the reason; the run
/// seals and <c>sha256sum -c</c> accepts the bag.
/// </summary>
public sealed class StrangeNameTests : IDisposable
{
    private readonly TempDirectory _source = new("ek-names-src-");
    private readonly TempDirectory _target = new("ek-names-dst-");

    public void Dispose()
    {
        // .NET cannot delete a name that is not valid UTF-8 (it only has the U+FFFD spelling), so rm does it.
        Run.Tool("rm", ["-rf", "--", _source.Path]);
        _source.Dispose();
        _target.Dispose();
    }

    private Task<EvidenceKit.Core.Collection.CollectionResult> Collect() =>
        new CollectorHarness(_source.Path, _target.Path).Collect(TestProfiles.Of(TestProfiles.Target("logs", "/logs/**")));

    private void AssertSha256sumAccepts(string bag)
    {
        var check = Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: bag);
        check.ExitCode.Should().Be(0, check.ToString());
    }

    private static string LongComponent(char c, int bytes) => new(c, bytes);

    [Fact]
    public async Task Spaces_a_newline_and_a_path_over_1024_characters_are_collected_under_safe_bag_names()
    {
        // Given a name with spaces, one with a newline, and a path of 255-byte components longer than 1024 characters
        _source.Write("logs/with space.log", "space");
        _source.Write("logs/new\nline.log", "newline");
        var deep = string.Join('/', "logs", LongComponent('a', 250), LongComponent('b', 250), LongComponent('c', 250), LongComponent('d', 255), LongComponent('e', 251) + ".log");
        deep.Length.Should().BeGreaterThan(1024);
        _source.Write(deep, "deep");

        // When collected
        var result = await Collect();

        // Then each is collected with its original path in the manifest and a plain bag path, and the bag checks out
        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().BeEmpty();
        var files = BundleRecords.Files(result.BundlePath);
        files.Select(f => f.SourcePath).Should().BeEquivalentTo("/logs/with space.log", "/logs/new\nline.log", "/" + deep);
        foreach (var f in files)
        {
            BagPathMapper.IsPlain(f.BagPath.Split('/')[^1]).Should().BeTrue(f.BagPath);
            f.BagPath.Split('/').Should().OnlyContain(c => Encoding.UTF8.GetByteCount(c) <= 255);
            File.ReadAllText(Path.Combine(result.BundlePath, f.BagPath)).Should().Be(File.ReadAllText(_source.Combine(f.SourcePath.TrimStart('/'))));
        }
        AssertSha256sumAccepts(result.BundlePath);
    }

    [Fact]
    public async Task Unicode_normalization_twins_and_case_twins_land_as_distinct_files_with_their_own_content()
    {
        // Given NFC "café.log" and NFD "cafe\u0301.log" (different bytes, the same text), and Access.log / access.log
        _source.Write("logs/caf\u00e9.log", "composed");
        _source.Write("logs/cafe\u0301.log", "decomposed");
        _source.Write("logs/Access.log", "upper");
        _source.Write("logs/access.log", "lower");

        var result = await Collect();

        // Then four distinct bag files, none equal to another after case folding, each with its own source's bytes
        result.Sealed.Should().BeTrue(result.Error);
        var files = BundleRecords.Files(result.BundlePath);
        files.Should().HaveCount(4);
        files.Select(f => PathFolding.Fold(f.BagPath)).Should().OnlyHaveUniqueItems();
        var content = files.ToDictionary(f => f.SourcePath, f => File.ReadAllText(Path.Combine(result.BundlePath, f.BagPath)), StringComparer.Ordinal);
        content["/logs/caf\u00e9.log"].Should().Be("composed");
        content["/logs/cafe\u0301.log"].Should().Be("decomposed");
        content["/logs/Access.log"].Should().Be("upper");
        content["/logs/access.log"].Should().Be("lower");
        Directory.GetFiles(Path.Combine(result.BundlePath, "data", "logs")).Should().HaveCount(4);
        AssertSha256sumAccepts(result.BundlePath);
    }

    [Fact]
    public async Task A_name_that_is_not_valid_UTF_8_is_collected_with_its_raw_bytes_in_base64_and_the_bag_checks_out()
    {
        // Given a file whose name is the bytes FF FE ".log", and a directory named "dir" FF, next to an ordinary log
        _source.Write("logs/app.log", "ordinary");
        var logs = _source.Combine("logs");
        RawFiles.Create(logs, [0xFF, 0xFE, (byte)'.', (byte)'l', (byte)'o', (byte)'g'], "raw");
        Run.Tool("sh", ["-c", "mkdir \"$1/dir$(printf '\\377')\" && printf inner > \"$1/dir$(printf '\\377')/inner.log\"", "sh", logs]).ExitCode.Should().Be(0);
        Run.Tool("ls", [logs]).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);

        // When collected
        var result = await Collect();

        // Then all three are collected: a readable \xNN path beside the exact bytes in base64, each with its own content
        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().BeEmpty();
        var files = BundleRecords.Files(result.BundlePath).ToDictionary(f => f.SourcePath, StringComparer.Ordinal);
        files.Keys.Should().BeEquivalentTo("/logs/app.log", "/logs/\\xFF\\xFE.log", "/logs/dir\\xFF/inner.log");
        files["/logs/app.log"].SourcePathBase64.Should().BeNull();
        Convert.FromBase64String(files["/logs/\\xFF\\xFE.log"].SourcePathBase64!).Should().Equal((byte[])[.. "/logs/"u8, 0xFF, 0xFE, .. ".log"u8]);
        Convert.FromBase64String(files["/logs/dir\\xFF/inner.log"].SourcePathBase64!).Should().Equal((byte[])[.. "/logs/dir"u8, 0xFF, .. "/inner.log"u8]);
        File.ReadAllText(Path.Combine(result.BundlePath, files["/logs/\\xFF\\xFE.log"].BagPath)).Should().Be("raw");
        File.ReadAllText(Path.Combine(result.BundlePath, files["/logs/dir\\xFF/inner.log"].BagPath)).Should().Be("inner");
        files.Values.Select(f => f.BagPath).Should().OnlyHaveUniqueItems().And.OnlyContain(p => BagPathRules.Problem(p) == null);
        AssertSha256sumAccepts(result.BundlePath);
    }
}
