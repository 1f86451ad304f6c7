using System.Net.Http.Headers;
using EvidenceKit.Core.Abstractions;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;

namespace EvidenceKit.Signing.Timestamps;

/// <summary>
/// Asks an RFC 3161 time-stamp authority over HTTP for a token over the SHA-256 of some bytes (with a random nonce
/// and certReq), and checks the answer matches the request before returning the token.
/// </summary>
public sealed class Rfc3161Timestamper : ITimestamper, IDisposable
{
    private const string QueryMediaType = "application/timestamp-query";

    private readonly Uri _url;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly SecureRandom _random = new();

    /// <summary>How long one request to a time-stamp authority may take before it fails (the collector then stops, or with --tsa-optional goes on without).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>True when <paramref name="text"/> is an absolute http:// or https:// URL, the only kind an authority is reached at.</summary>
    public static bool IsAuthorityUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";

    /// <summary>The one way the executables make the client for --tsa: <see cref="RequestTimeout"/>, its own HTTP client; null when the URL is not http(s).</summary>
    public static Rfc3161Timestamper? ForUrl(string text) =>
        IsAuthorityUrl(text) ? new Rfc3161Timestamper(new Uri(text, UriKind.Absolute), RequestTimeout) : null;

    /// <summary>Creates a timestamper for <paramref name="url"/> with its own HTTP client.</summary>
    /// <param name="url">The authority's HTTP(S) address.</param>
    /// <param name="timeout">How long one request may take before it fails.</param>
    public Rfc3161Timestamper(Uri url, TimeSpan timeout)
        : this(url, new HttpClient { Timeout = timeout }, ownsClient: true)
    {
    }

    /// <summary>Creates a timestamper for <paramref name="url"/> that uses <paramref name="client"/> (and its timeout); the client is not disposed.</summary>
    public Rfc3161Timestamper(Uri url, HttpClient client)
        : this(url, client, ownsClient: false)
    {
    }

    private Rfc3161Timestamper(Uri url, HttpClient client, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(client);
        _url = url;
        _client = client;
        _ownsClient = ownsClient;
    }

    /// <inheritdoc />
    public async Task<byte[]> TimestampAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        var nonce = new BigInteger(63, _random).Add(BigInteger.One);
        var request = generator.Generate(TspAlgorithms.Sha256, DigestUtilities.CalculateDigest("SHA-256", data.ToArray()), nonce);

        var answer = await PostAsync(request.GetEncoded(), cancellationToken).ConfigureAwait(false);

        TimeStampResponse response;
        try
        {
            response = new TimeStampResponse(answer);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new TimestampException($"The time-stamp authority at {_url} did not answer with an RFC 3161 time-stamp response.", ex);
        }

        if (response.Status is not (0 or 1))
        {
            var reason = response.GetStatusString() is { Length: > 0 } text ? $" ({text})" : string.Empty;
            throw new TimestampException($"The time-stamp authority at {_url} refused the request with status {response.Status}{reason}.");
        }

        try
        {
            response.Validate(request);
        }
        catch (Exception ex) when (ex is TspException or TspValidationException)
        {
            throw new TimestampException($"The time-stamp authority at {_url} answered with a token that does not match the request ({ex.Message.TrimEnd('.')}).", ex);
        }

        return response.TimeStampToken?.GetEncoded()
            ?? throw new TimestampException($"The time-stamp authority at {_url} granted the request but sent no token.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<byte[]> PostAsync(byte[] query, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(query);
        content.Headers.ContentType = new MediaTypeHeaderValue(QueryMediaType);
        try
        {
            using var response = await _client.PostAsync(_url, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TimestampException($"The time-stamp authority at {_url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimestampException($"The time-stamp authority at {_url} did not answer within {_client.Timeout.TotalSeconds:0.#} seconds.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TimestampException($"The time-stamp authority at {_url} cannot be reached ({ex.Message.TrimEnd('.')}).", ex);
        }
    }
}
