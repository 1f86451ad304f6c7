using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceKit.Cli;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>The report as one JSON document on stdout: verdict, exit code, figures, every check with every finding.</summary>
internal static class JsonReportWriter
{
    public static void Write(VerificationReport report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("bundle", report.BundlePath);
            json.WriteString("verdict", ReportText.Verdict(report.Verdict));
            json.WriteNumber("exitCode", ExitCodes.Of(report.Verdict));
            WriteNullable(json, "mode", report.Mode);
            json.WriteBoolean("signed", report.Signed);
            json.WriteBoolean("plainBag", report.PlainBag);
            json.WriteBoolean("integrityOnly", report.IntegrityOnly);
            WriteNullable(json, "statement", report.Statement);
            if (report.Signer is { } signer)
            {
                json.WriteStartObject("signer");
                json.WriteString("subject", signer.Subject);
                json.WriteString("certificateSha256", signer.CertificateSha256);
                json.WriteString("notBefore", Timestamps.Format(signer.NotBefore));
                json.WriteString("notAfter", Timestamps.Format(signer.NotAfter));
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("signer");
            }
            WriteNullable(json, "signingTime", report.SigningTime is { } t ? Timestamps.Format(t) : null);
            json.WriteBoolean("partial", report.Partial);
            json.WriteStartArray("finishedFiles");
            foreach (var file in report.FinishedFiles)
            {
                json.WriteStringValue(file);
            }
            json.WriteEndArray();
            json.WriteStartObject("figures");
            json.WriteNumber("files", report.Figures.Files);
            json.WriteNumber("bytes", report.Figures.Bytes);
            json.WriteNumber("seconds", report.Figures.Seconds);
            json.WriteEndObject();
            json.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                json.WriteStartObject();
                json.WriteString("name", check.Name);
                json.WriteString("outcome", check.Outcome.ToString().ToLowerInvariant());
                json.WriteString("detail", check.Detail);
                json.WriteStartArray("items");
                foreach (var item in check.Items)
                {
                    json.WriteStringValue(item);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Utf8Text(buffer));
    }

    private static string Utf8Text(MemoryStream buffer) => System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
