using System.Text.Json;
using EvidenceKit.Verifier.Custody;

namespace EvidenceKit.Verifier.Tests.Custody;

/// <summary>A custody event names its signer: custody add takes the actor from the signing certificate's common name and refuses another.</summary>
public sealed class CustodyAddActorTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    [Fact]
    public void A_trusted_examiner_claiming_to_be_someone_else_is_refused_with_both_names_and_nothing_is_added()
    {
        var bundle = bundles.Collect();
        var before = Directory.GetFiles(Path.Combine(bundle, "custody/events")).Order(StringComparer.Ordinal).ToList();

        var add = bundles.Add(bundle, "transfer", "Dana Examiner", "examiner");

        add.ExitCode.Should().Be(2, add.ToString());
        add.StdErr.Trim().Split('\n').Should().ContainSingle()
            .Which.Should().Contain("--actor \"Dana Examiner\"").And.Contain("\"Test Examiner\"");
        Directory.GetFiles(Path.Combine(bundle, "custody/events")).Order(StringComparer.Ordinal).Should().Equal(before);
        bundles.Verify(bundle, "--trust", bundles.Root).ExitCode.Should().Be(0);
    }

    [Fact]
    public void Without_actor_the_event_names_the_certificate_s_common_name()
    {
        var bundle = bundles.Collect();

        var add = bundles.Add(bundle, "transfer", null, "examiner-rsa", "--json");

        add.ExitCode.Should().Be(0, add.ToString());
        using var added = JsonDocument.Parse(add.StdOut);
        added.RootElement.GetProperty("actor").GetProperty("name").GetString().Should().Be("Test Examiner RSA");
        bundles.Verify(bundle, "--trust", bundles.Root).ExitCode.Should().Be(0);
    }

    [Fact]
    public void An_actor_equal_to_the_common_name_is_accepted()
    {
        var bundle = bundles.Collect();

        var add = bundles.Add(bundle, "receive", "Test Examiner", "examiner", "--json");

        add.ExitCode.Should().Be(0, add.ToString());
        using var added = JsonDocument.Parse(add.StdOut);
        added.RootElement.GetProperty("actor").GetProperty("name").GetString().Should().Be("Test Examiner");
    }

    [Fact]
    public void An_actor_differing_by_a_hidden_character_is_refused_and_one_differing_only_in_case_is_recorded_as_the_certificate_says()
    {
        var bundle = bundles.Collect();

        var hidden = bundles.Add(bundle, "receive", "Test\u200bExaminer", "examiner");
        var lower = bundles.Add(bundle, "receive", "test examiner", "examiner", "--json");

        hidden.ExitCode.Should().Be(2, hidden.ToString());
        lower.ExitCode.Should().Be(0, lower.ToString());
        using (var added = JsonDocument.Parse(lower.StdOut))
        {
            added.RootElement.GetProperty("actor").GetProperty("name").GetString().Should().Be("Test Examiner");
        }
        hidden.StdErr.Should().Contain("\"Test?Examiner\"", "an invisible character is shown, not hidden");
    }
}
