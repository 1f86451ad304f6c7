using System.Text;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>No name can shadow, overwrite or hide another in the bag: the source-to-bag mapping is injective and safe.</summary>
public sealed class BagPathMapperTests
{
    private static string Raw(params byte[] bytes) => RawNames.FromBytes(bytes);

    public static TheoryData<string[]> Families() => new()
    {
        { ["logs/evil\\cmd.log", "logs/evil/cmd.log", "logs/evil_cmd.log"] },
        { ["logs/a%2Fb.log", "logs/a/b.log", "logs/a_2Fb.log", "logs/a%2fb.log"] },
        { ["logs/Access.log", "logs/access.log", "logs/ACCESS.LOG"] },
        { ["logs/caf\u00e9.log", "logs/cafe\u0301.log", "logs/caf_.log"] },
        { ["logs/x\u001b[2Jy.log", "logs/x\ny.log", "logs/x\ty.log", "logs/x_y.log", "logs/x__2Jy.log"] },
        { ["logs/app.", "logs/app", "logs/app.."] },
        { ["logs/CON", "logs/con.log", "logs/CON~1", "logs/NUL"] },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Twins_that_a_careless_mapping_would_merge_get_distinct_safe_bag_paths_in_any_order(string[] family) =>
        AssertInjective(family);

    [Fact]
    public void Names_that_differ_only_in_bytes_that_are_not_utf8_get_distinct_bag_paths()
    {
        // Built here, not as theory data: xunit would replace the lone surrogates with U+FFFD when it serializes them.
        string[] family = ["logs/" + Raw(0x63, 0x61, 0x66, 0xE9), "logs/" + Raw(0x63, 0x61, 0x66, 0xE8), "logs/caf\uFFFD", "logs/caf_",
            Raw(0xFF) + "/x.log", Raw(0xFE) + "/x.log"];
        family.Should().OnlyHaveUniqueItems();

        AssertInjective(family);
    }

    private static void AssertInjective(string[] family)
    {
        foreach (var order in new[] { family, family.Reverse().ToArray() })
        {
            var mapper = new BagPathMapper();

            var mapped = order.Select(p => mapper.Map(p).BagPath).ToList();

            mapped.Should().OnlyHaveUniqueItems();
            mapped.Select(PathFolding.Fold).Select(p => p.TrimEnd('.')).Should().OnlyHaveUniqueItems("a case-insensitive stick must hold them all");
            mapped.Should().OnlyContain(p => BagPathRules.Problem(p) == null);
            mapped.Should().OnlyContain(p => p.Split('/').All(c => Encoding.UTF8.GetByteCount(c) <= 255));
            order.Select(p => mapper.Map(p).BagPath).Should().Equal(mapped, "the same source path always maps the same way");
        }
    }

    [Fact]
    public void An_ordered_mapper_maps_like_one_that_keeps_everything_and_refuses_a_path_under_a_directory_it_has_left()
    {
        string[] twins = ["logs/evil\\cmd.log", "logs/evil/cmd.log", "logs/evil_cmd.log", "logs/Access.log", "logs/access.log", "logs/ACCESS.LOG",
            "logs/caf\u00e9.log", "logs/cafe\u0301.log", "logs/app.", "logs/app", "logs/CON", "logs/con.log", "logs/x/1", "logs/x.log"];
        string[] paths = [.. twins.Select(p => "a/" + p).Append("b/logs/Access.log").Order(StringComparer.Ordinal)];
        var keeping = new BagPathMapper();
        var ordered = new BagPathMapper(ordered: true);

        paths.Select(p => ordered.Map(p).BagPath).Should().Equal(paths.Select(p => keeping.Map(p).BagPath));

        // "a/logs" was left for "b/logs": a twin of a name in it can no longer be checked, so it is refused, not mapped.
        var late = () => ordered.Map("a/logs/ACCESS.log");
        late.Should().Throw<InvalidOperationException>().WithMessage("*ordinal order*");
    }

    [Fact]
    public void A_path_too_long_for_the_target_is_shortened_deterministically_and_stays_unique()
    {
        var deep = string.Join('/', Enumerable.Range(0, 20).Select(i => new string((char)('a' + i), 200)));
        var twin = deep[..^1] + "Z";

        var first = new BagPathMapper();
        var a = first.Map(deep + "/access.log").BagPath;
        var b = first.Map(twin + "/access.log").BagPath;
        var again = new BagPathMapper().Map(deep + "/access.log").BagPath;

        Encoding.UTF8.GetByteCount(deep).Should().BeGreaterThan(BagPathMapper.MaxBagPathBytes);
        Encoding.UTF8.GetByteCount(a).Should().BeLessThan(300);
        a.Should().NotBe(b).And.Be(again).And.Contain("access.log");
        BagPathRules.Problem(a).Should().BeNull();
        new BagPathMapper().Map("long-paths/x").BagPath.Should().Be("data/long-paths/x", "a source directory cannot take the folder of shortened paths");
    }
}
