using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Tests.Collection;

/// <summary>
/// A plan keeps host paths as bytes (<see cref="PathBytes"/>), not strings. Hostile names must come back exactly,
/// match only themselves, and sort as <see cref="StringComparer.Ordinal"/> sorts the strings, which is the order the
/// ids follow and the ordered bag path mapper needs: characters above U+FFFF (surrogate pairs), private-use
/// characters just below them, lone surrogates, and the escaped bytes of names that are not valid UTF-8.
/// </summary>
public sealed class PlanPathTests : IDisposable
{
    private static readonly string[] Hostile =
    [
        "/logs/a.log", "/logs/\u00e9.log", "/logs/e\u0301.log", "/logs/\uE000.log", "/logs/\uFFFF.log", "/logs/\U0001F600.log",
        "/logs/\U0010FFFF", "/logs/\uD800", "/logs/\uDBFF\uDBFF", "/logs/\uDFFF", "/logs/\uDC80", "/logs/\uDCFF.log",
        "/logs/\uDCC3\uDCA9", RawNames.FromBytes([.. "/logs/"u8, 0xFF, 0xFE]), RawNames.FromBytes([.. "/logs/"u8, 0xED, 0xA0, 0x80]),
        RawNames.FromBytes([.. "/logs/"u8, 0xC3]), RawNames.FromBytes([.. "/logs/"u8, 0xF0, 0x9F, 0x98]), "/logs/\u07FF", "/logs/\u0800",
        "/logs/\u007F", "/logs/\u0080", "/logs", "/logs/", "/logs/\0", "",
    ];

    private readonly TempDirectory _source = new("ek-planpath-src-");

    public void Dispose()
    {
        // .NET cannot delete a name that is not valid UTF-8, so rm does it.
        Run.Tool("rm", ["-rf", "--", _source.Path]);
        _source.Dispose();
    }

    [Fact]
    public void Every_hostile_path_comes_back_exactly_and_ascii_takes_one_byte_a_character()
    {
        foreach (var path in Hostile)
        {
            var bytes = new byte[PathBytes.MaxBytes(path.Length)];
            var n = PathBytes.Encode(path, bytes);
            PathBytes.Decode(bytes.AsSpan(0, n)).Should().Be(path, "the plan gives back the very string the port gave");
        }
        PathBytes.Encode("/var/log/many/d0000/f0000000.log", new byte[96]).Should().Be(32);
    }

    [Fact]
    public void Hostile_paths_sort_as_ordinal_strings_do_even_where_UTF_8_would_not()
    {
        // Given the hostile paths and random strings from a hostile alphabet
        var random = new Random(13);
        char[] alphabet = ['a', '/', '\0', '\u007F', '\u0080', '\u07FF', '\u0800', '\uD7FF', '\uD800', '\uD83D', '\uDBFF', '\uDC00', '\uDC80', '\uDCFF', '\uDE00', '\uDFFF', '\uE000', '\uFFFD', '\uFFFF'];
        var paths = Hostile.Concat(Enumerable.Range(0, 3000).Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => alphabet[random.Next(alphabet.Length)])]))).ToArray();

        // When they are ordered by their bytes, Then that is exactly the ordinal order of the strings
        var byBytes = paths.OrderBy(Encode, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToArray();
        byBytes.Should().Equal(paths.Order(StringComparer.Ordinal));

        // And equal bytes are equal strings (a raw name's escaped bytes never meet the character they would spell)
        paths.Distinct(StringComparer.Ordinal).Select(p => Convert.ToHexString(Encode(p))).Should().OnlyHaveUniqueItems();
        Encode("/logs/\uDCC3\uDCA9").Should().NotEqual(Encode("/logs/\u00e9"));
        Encode("/logs/\U0001F600").AsSpan().SequenceCompareTo(Encode("/logs/\uE000")).Should().BeNegative("U+1F600 is a surrogate pair, below U+E000 in UTF-16");
    }

    [Fact]
    public void The_candidate_set_finds_every_path_it_took_through_its_growth_and_no_other()
    {
        // Given hostile paths and 20,000 more, taken one by one (the set grows many times)
        var candidates = new PlanCandidates();
        var info = new SourceFileInfo { Kind = FileKind.Regular, Size = 1, ModifiedUtc = DateTimeOffset.UnixEpoch };
        var taken = Hostile.Where((_, i) => i % 2 == 0).Concat(Enumerable.Range(0, 20_000).Select(i => $"/logs/d{i % 97}/f{i}.log")).ToList();
        foreach (var path in taken)
        {
            candidates.Contains(path).Should().BeFalse(path);
            candidates.Add(path, "logs", info, null);
        }

        // Then each is found, and a path not taken (a twin of a taken one by bytes that spell the same text) is not
        taken.Should().OnlyContain(p => candidates.Contains(p));
        Hostile.Where((_, i) => i % 2 == 1).Concat(["/logs/\u00e9", "/logs/d1/f20000.log", "/logs/d1/f1.lo", "/LOGS/d1/f1.log"]).Should().OnlyContain(p => !candidates.Contains(p));
        candidates.Table.Count.Should().Be(taken.Count);
        Enumerable.Range(0, taken.Count).Select(candidates.Table.HostPath).Should().Equal(taken);
    }

    [Fact]
    public void A_plan_over_hostile_names_takes_each_file_once_with_its_port_name_in_ordinal_order_and_distinct_bag_paths()
    {
        // Given files whose names are a character above U+FFFF, a private-use character, text, and bytes that are not
        // UTF-8 (a lone lead byte, an encoded surrogate, a truncated four-byte sequence), in a directory whose name is raw too
        var logs = _source.Combine("logs");
        Directory.CreateDirectory(logs);
        byte[][] names =
        [
            "a.log"u8.ToArray(), "\u00e9.log"u8.ToArray(), "\uE000.log"u8.ToArray(), "\U0001F600.log"u8.ToArray(), "\uFFFD.log"u8.ToArray(),
            [0xC3, .. ".log"u8], [0xED, 0xA0, 0x80, .. ".log"u8], [0xF0, 0x9F, 0x98, .. ".log"u8], [0xFF, 0xFE], [0xC3],
        ];
        foreach (var name in names)
        {
            RawFiles.Create(logs, name, "x");
        }
        Run.Tool("sh", ["-c", "d=\"$1/d$(printf '\\355\\240\\200')\" && mkdir \"$d\" && printf one > \"$d/f$(printf '\\360\\237\\230\\200')\" && printf two > \"$d/g\"", "sh", logs])
            .ExitCode.Should().Be(0);
        using var port = new LinuxSourceFiles(_source.Path);
        var expected = names.Select(n => RawNames.FromBytes([.. "/logs/"u8, .. n])).ToList();
        expected.AddRange(port.List("/logs").Where(e => e.Kind == FileKind.Directory).SelectMany(d => port.List("/logs/" + d.Name).Select(e => "/logs/" + d.Name + "/" + e.Name)));
        expected.Should().HaveCount(names.Length + 2);

        // When planned (twice over: a second pattern matches every file again)
        var plan = new CollectorHarness(_source.Path, _source.Path).Plan(TestProfiles.Of(TestProfiles.Target("logs", "/logs/**"), TestProfiles.Target("again", "/logs/**")));

        // Then each file is taken once, by the very string the port gave, in ordinal order, under its own bag path
        plan.Files.Select(f => f.HostPath).Should().Equal(expected.Order(StringComparer.Ordinal));
        plan.Files.Should().OnlyContain(f => f.Target == "logs");
        plan.Files.Select(f => f.BagPath).Should().OnlyHaveUniqueItems().And.OnlyContain(p => BagPathRules.Problem(p) == null);
        plan.Files.Select(f => f.Id).Should().Equal(plan.Files.Select((_, i) => PlannedFiles.Id(i)));
        plan.Files.Should().OnlyContain(f => f.AtPlan.Inode != null && f.AtPlan.Device != null && f.AtPlan.Kind == FileKind.Regular);
    }

    private static byte[] Encode(string path)
    {
        var bytes = new byte[PathBytes.MaxBytes(path.Length)];
        return bytes[..PathBytes.Encode(path, bytes)];
    }
}
