using System.Text.RegularExpressions;

namespace EvidenceKit.Timeline.Formats.Syslog;

/// <summary>
/// Recognises logins and privilege changes in sshd, sudo and su messages (and their PAM lines): adds <c>auth_event</c>,
/// <c>user</c>, <c>client_ip</c>, <c>client_port</c>, <c>auth_method</c>, <c>target_user</c>, <c>command</c>, <c>tty</c> and
/// <c>outcome</c> (<c>success</c> or <c>failure</c>) to the fields.
/// </summary>
internal static partial class AuthMessages
{
    /// <summary>Adds what the message says to <paramref name="fields"/>; false when it is not a recognised event.</summary>
    public static bool Recognise(string? program, string message, Dictionary<string, string> fields) => program switch
    {
        "sshd" or "sshd-session" => Sshd(message, fields),
        "sudo" => Sudo(message, fields),
        "su" => Su(message, fields),
        _ => false,
    };

    private static bool Sshd(string message, Dictionary<string, string> fields)
    {
        if (Accepted().Match(message) is { Success: true } accepted)
        {
            Put(fields, "ssh_login", "success", accepted);
            fields["auth_method"] = accepted.Groups["method"].Value;
            return true;
        }
        if (Failed().Match(message) is { Success: true } failed)
        {
            Put(fields, "ssh_login", "failure", failed);
            fields["auth_method"] = failed.Groups["method"].Value;
            if (failed.Groups["invalid"].Success)
            {
                fields["invalid_user"] = "true";
            }
            return true;
        }
        if (InvalidUser().Match(message) is { Success: true } invalid)
        {
            Put(fields, "ssh_invalid_user", "failure", invalid);
            fields["invalid_user"] = "true";
            return true;
        }
        if (TooMany().Match(message) is { Success: true } tooMany)
        {
            Put(fields, "ssh_too_many_failures", "failure", tooMany);
            return true;
        }
        return Pam(message, fields, "ssh");
    }

    private static bool Sudo(string message, Dictionary<string, string> fields)
    {
        if (SudoCommand().Match(message) is { Success: true } command)
        {
            fields["auth_event"] = "sudo";
            fields["user"] = command.Groups["user"].Value;
            var failure = command.Groups["problem"].Success;
            fields["outcome"] = failure ? "failure" : "success";
            if (failure)
            {
                fields["reason"] = command.Groups["problem"].Value.Trim();
            }
            foreach (Match pair in SudoPairs().Matches(command.Groups["rest"].Value))
            {
                var key = pair.Groups["key"].Value switch
                {
                    "TTY" => "tty",
                    "PWD" => "cwd",
                    "USER" => "target_user",
                    "COMMAND" => "command",
                    _ => null,
                };
                if (key is not null)
                {
                    fields[key] = pair.Groups["value"].Value.Trim();
                }
            }
            return true;
        }
        return Pam(message, fields, "sudo");
    }

    private static bool Su(string message, Dictionary<string, string> fields)
    {
        if (SuLine().Match(message) is { Success: true } su)
        {
            fields["auth_event"] = "su";
            fields["outcome"] = su.Groups["failed"].Success ? "failure" : "success";
            fields["target_user"] = su.Groups["target"].Value;
            fields["user"] = su.Groups["user"].Value;
            fields["tty"] = su.Groups["tty"].Value;
            return true;
        }
        return Pam(message, fields, "su");
    }

    private static bool Pam(string message, Dictionary<string, string> fields, string service)
    {
        if (PamFailure().Match(message) is { Success: true } failure)
        {
            fields["auth_event"] = service + "_pam_auth";
            fields["outcome"] = "failure";
            foreach (Match pair in PamPairs().Matches(failure.Groups["rest"].Value))
            {
                var value = pair.Groups["value"].Value;
                switch (pair.Groups["key"].Value)
                {
                    case "rhost" when value.Length > 0:
                        fields["client_ip"] = value;
                        break;
                    case "user" when value.Length > 0:
                        fields[service == "ssh" ? "user" : "target_user"] = value;
                        break;
                    case "ruser" when value.Length > 0 && service != "ssh":
                        fields["user"] = value;
                        break;
                    case "tty" when value.Length > 0:
                        fields["tty"] = value;
                        break;
                }
            }
            return true;
        }
        if (PamSession().Match(message) is { Success: true } session)
        {
            fields["auth_event"] = service + "_session_" + session.Groups["what"].Value;
            fields["target_user"] = session.Groups["target"].Value;
            if (session.Groups["by"].Success)
            {
                fields["user"] = session.Groups["by"].Value;
            }
            if (session.Groups["what"].Value == "opened")
            {
                fields["outcome"] = "success";
            }
            return true;
        }
        return false;
    }

    private static void Put(Dictionary<string, string> fields, string authEvent, string outcome, Match match)
    {
        fields["auth_event"] = authEvent;
        fields["outcome"] = outcome;
        fields["user"] = match.Groups["user"].Value;
        fields["client_ip"] = match.Groups["ip"].Value;
        if (match.Groups["port"].Success)
        {
            fields["client_port"] = match.Groups["port"].Value;
        }
    }

    [GeneratedRegex(@"^Accepted (?<method>\S+) for (?<user>.+?) from (?<ip>[0-9a-fA-F.:]+) port (?<port>[0-9]+)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Accepted();

    [GeneratedRegex(@"^Failed (?<method>\S+) for (?<invalid>invalid user )?(?<user>.*?) from (?<ip>[0-9a-fA-F.:]+) port (?<port>[0-9]+)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Failed();

    [GeneratedRegex(@"^Invalid user (?<user>.*?) from (?<ip>[0-9a-fA-F.:]+)(?: port (?<port>[0-9]+))?", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex InvalidUser();

    [GeneratedRegex(@"maximum authentication attempts exceeded for (?:invalid user )?(?<user>.*?) from (?<ip>[0-9a-fA-F.:]+) port (?<port>[0-9]+)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TooMany();

    [GeneratedRegex(@"^\s*(?<user>\S+) : (?<problem>[^;=]*(?:incorrect password|not in sudoers|not allowed|authentication failure|password is required)[^;]*; )?(?<rest>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SudoCommand();

    [GeneratedRegex(@"(?<key>TTY|PWD|USER|COMMAND)=(?<value>[^;]*)(?: ;|$)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SudoPairs();

    [GeneratedRegex(@"^(?<failed>FAILED SU )?\(to (?<target>[^)]+)\) (?<user>\S+) on (?<tty>\S+)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SuLine();

    [GeneratedRegex(@"^pam_unix\([^)]*\): authentication failure;(?<rest>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PamFailure();

    [GeneratedRegex(@"(?<key>logname|uid|euid|tty|ruser|rhost|user)=(?<value>\S*)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PamPairs();

    [GeneratedRegex(@"^pam_unix\([^)]*\): session (?<what>opened|closed) for user (?<target>[^\s(]+)(?:\(uid=[0-9]+\))?(?: by (?<by>[^\s(]*)(?:\(uid=[0-9]+\))?)?", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PamSession();
}
