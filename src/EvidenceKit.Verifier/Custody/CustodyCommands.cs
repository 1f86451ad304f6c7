using System.CommandLine;
using EvidenceKit.Core.Custody;

namespace EvidenceKit.Verifier.Custody;

/// <summary><c>custody add</c> and <c>custody show</c>: the only commands that may write into a bundle (add), and the chain as a list (show).</summary>
internal static class CustodyCommands
{
    public static Command Build(CustodyServices services, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal)
    {
        var add = new CustodyAddCommand(services, stdout, stderr);
        var show = new CustodyShowCommand(services, stdout, stderr, stdoutIsTerminal);
        return new Command("custody", "Record who handled the evidence (add), or list the custody chain (show).")
        {
            add.Build(),
            show.Build(),
        };
    }

    /// <summary>The kinds as help text.</summary>
    public static string Kinds => string.Join(", ", CustodyEventKinds.Addable);
}
