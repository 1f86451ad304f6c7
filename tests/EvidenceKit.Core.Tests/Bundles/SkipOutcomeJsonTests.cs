using System.Text;
using System.Text.Json;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>A not-collected record's outcome in the manifest: kebab-case words, absent in older bundles, numbers refused.</summary>
public sealed class SkipOutcomeJsonTests
{
    [Theory]
    [InlineData(SkipOutcome.PermissionDenied, "permission-denied")]
    [InlineData(SkipOutcome.Vanished, "vanished")]
    [InlineData(SkipOutcome.NotRegular, "not-regular")]
    [InlineData(SkipOutcome.IoError, "io-error")]
    [InlineData(SkipOutcome.SpecialFile, "special-file")]
    [InlineData(SkipOutcome.OverMaxTotalSize, "over-max-total-size")]
    public void An_outcome_is_written_as_its_kebab_case_word_and_read_back(SkipOutcome outcome, string word)
    {
        var record = new SkippedRecord { Path = "/var/log/a.log", Reason = "why", Failed = true, Outcome = outcome };

        var json = Encoding.UTF8.GetString(ManifestJson.ToUtf8(record));

        json.Should().Contain($"\"outcome\": \"{word}\"");
        ManifestJson.FromUtf8<SkippedRecord>(Encoding.UTF8.GetBytes(json)).Should().Be(record);
    }

    [Fact]
    public void A_record_from_a_bundle_made_before_outcomes_reads_with_no_outcome()
    {
        var old = """{ "path": "/var/log/a.log", "reason": "permission denied", "failed": true }"""u8;

        var record = ManifestJson.FromUtf8<SkippedRecord>(old);

        record.Outcome.Should().BeNull();
        record.Reason.Should().Be("permission denied");
        record.Failed.Should().BeTrue();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("\"no-such-outcome\"")]
    public void A_forged_outcome_that_is_a_number_or_an_unknown_word_is_refused(string value)
    {
        var forged = Encoding.UTF8.GetBytes($$"""{ "path": "/a", "reason": "r", "outcome": {{value}} }""");

        var act = () => ManifestJson.FromUtf8<SkippedRecord>(forged);

        act.Should().Throw<JsonException>();
    }
}
