using System.CommandLine;

namespace EvidenceKit.Verifier.Custody;

/// <summary><c>custody add</c> and <c>custody show</c>: the only commands that may write into a bundle (add), and the chain as a list (show).</summary>
internal static class CustodyCommands
{
    public static Command Build(VerifierServices services, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal)
    {
        var add = new Command("add", "Verify the bundle, then append a custody event signed with your key. Refuses an INVALID bundle.")
        {
            CustodyAddSettings.BundleArgument,
        };
        foreach (var option in CustodyAddSettings.Options)
        {
            add.Options.Add(option);
        }
        add.SetAction((parse, cancellationToken) =>
            new CustodyAddCommand(services, stdout, stderr).ExecuteAsync(CustodyAddSettings.Bind(parse), cancellationToken));

        var show = new Command("show", "List the custody chain: who, when, what, from, to, why, where, seal; and whether it is intact.")
        {
            CustodyShowSettings.BundleArgument,
        };
        foreach (var option in CustodyShowSettings.Options)
        {
            show.Options.Add(option);
        }
        show.SetAction(parse => new CustodyShowCommand(services, stdout, stderr, stdoutIsTerminal).Execute(CustodyShowSettings.Bind(parse)));

        return new Command("custody", "Record who handled the evidence (add), or list the custody chain (show).") { add, show };
    }
}
