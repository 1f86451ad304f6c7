using System.CommandLine;
using EvidenceKit.Cli;

namespace EvidenceKit.Collector.Commands;

/// <summary>The keygen command's options, declared once, and what they were given.</summary>
internal sealed record KeygenSettings(string Examiner, string Organization, string Output, int Days)
{
    public static readonly Setting<string> ExaminerOption = Required(Settings.Text("--examiner", "Examiner name (certificate CN)"));
    public static readonly Setting<string> OrgOption = Required(Settings.Text("--org", "Organisation (certificate O)"));
    public static readonly Setting<string> OutOption = Required(Settings.Text("--out", "Path of the .p12 to write; the certificate goes beside it as .crt"));
    public static readonly Setting<int?> DaysOption = Settings.Number("--days", "Validity in days (default 730)", 1, 36_500);

    /// <summary>Every option of keygen.</summary>
    public static IReadOnlyList<Option> Options { get; } = [ExaminerOption.Option, OrgOption.Option, OutOption.Option, DaysOption.Option];

    /// <summary>Binds the command line (System.CommandLine has already refused a missing required option).</summary>
    public static KeygenSettings Bind(ParseResult parse) =>
        new(ExaminerOption.Read(parse)!, OrgOption.Read(parse)!, OutOption.Read(parse)!, DaysOption.Read(parse) ?? 730);

    private static Setting<string> Required(Setting<string> setting)
    {
        setting.Option.Required = true;
        return setting;
    }
}
