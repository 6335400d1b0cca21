using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Rest;

/// <summary>One response as the suite saw it: status, every header (response and content) and the body bytes.</summary>
public sealed record RestResponse(int Status, IReadOnlyDictionary<string, IReadOnlyList<string>> Headers, byte[] Body)
{
    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>All values of a header joined as one list value.</summary>
    public string? Joined(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? string.Join(", ", values) : null;

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>"404 (Content-Type: application/json, 12 bytes)" for observations.</summary>
    public string Describe() => $"{Status}{(Header("Content-Type") is { } type ? $" ({type}, {Body.Length} bytes)" : Body.Length > 0 ? $" ({Body.Length} bytes)" : "")}";
}

/// <summary>What a raw exchange returned: the response head as sent, and the bytes that followed it (as framed, up to 1 MiB).</summary>
public sealed record RawHttpResponse(int Status, string Head, IReadOnlyDictionary<string, IReadOnlyList<string>> Headers, byte[] Body, bool Closed)
{
    /// <summary>How many bytes followed the head.</summary>
    public int BodyBytes => Body.Length;

    /// <summary>The answer as a response of the API; a chunked body stays as framed.</summary>
    public RestResponse AsResponse() => new(Status, Headers, Body);

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}

/// <summary>The target did not answer in time.</summary>
public sealed class RestTimeoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RestTimeoutException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RestTimeoutException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RestTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// HTTP to the API for one case: HttpClient (no redirects, no cookies, no proxy unless given) for ordinary
/// requests, and the engine's raw connection for what HttpClient hides or refuses to send (bodies of HEAD, 204
/// and 304, Host and Content-Length faults, huge targets). Every exchange goes to the case's wire log.
/// </summary>
public sealed class RestSession
{
    private const int MaxBody = 1024 * 1024;
    private const int PreviewChars = 512;
    // CRLF CRLF, the end of a response head.
    private const int HeadTerminatorLength = 4;

    private readonly HttpClient client;
    private readonly RestRunOptions options;
    private readonly WireLog log;

    /// <summary>Creates a session over the run's client.</summary>
    public RestSession(HttpClient client, RestRunOptions options, WireLog log)
    {
        this.client = client;
        this.options = options;
        this.log = log;
    }

    /// <summary>The run options.</summary>
    public RestRunOptions Options => options;

    /// <summary>The absolute URL of a path under the profile's base path; an absolute URL (a Location) is kept as it is.</summary>
    public Uri Url(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute : new(options.Target, options.Profile.BasePath + path);

    /// <summary>Sends a request; credentials are added unless <paramref name="credentials"/> says otherwise.</summary>
    /// <exception cref="RestTimeoutException">No complete response within the case timeout.</exception>
    public async Task<RestResponse> SendAsync(string method, string path, string? body = null, string? contentType = null, IEnumerable<(string Name, string Value)>? headers = null, RestCredential? credentials = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Url(path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        foreach (var (name, value) in (credentials ?? options.Credential).Headers.Concat(headers ?? []))
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        // HttpClient adds Host when it sends; the log shows it so the head reads as it went out.
        log.Http(WireDirection.Out, Head($"{method} {request.RequestUri!.PathAndQuery} HTTP/1.1\r\nHost: {request.RequestUri.Authority}", request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()), body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var bytes = await ReadBoundedAsync(response.Content, timeout.Token);
            var all = response.Headers.Concat(response.Content.Headers).ToList();
            var headerMap = all.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(h => h.Value).ToList(), StringComparer.OrdinalIgnoreCase);
            var answer = new RestResponse((int)response.StatusCode, headerMap, bytes);
            log.Http(WireDirection.In, Head($"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}", all, bytes.Length == 0 ? null : answer.Text));
            return answer;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.Add(WireEventKind.Timeout, WireDirection.None, $"no complete response within {options.Timeout.TotalMilliseconds:0} ms");
            throw new RestTimeoutException($"{method} {path} got no complete response within {options.Timeout.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>
    /// Writes a request exactly as given (it should ask for Connection: close) and reads until the target closes or
    /// the silence window passes after the head; counts the bytes after the head.
    /// </summary>
    public async Task<RawHttpResponse> SendRawAsync(string request, CancellationToken cancellationToken = default)
    {
        var target = new UriBuilder(options.Target) { Scheme = options.Target.Scheme == "https" ? "https" : "http" }.Uri;
        await using var connection = await RawConnection.ConnectAsync(target, options.Transport, log, cancellationToken);
        var bytes = Encoding.Latin1.GetBytes(request);
        log.Http(WireDirection.Out, request.Length > 1500 ? request[..1500] + "…" : request);
        // Read while writing: a server may answer (413) and close before it reads the content (RFC 9110 §15.5.14), and
        // the read already under way keeps that answer when the rest of the write fails.
        var writing = connection.WriteAsync(bytes, options.Timeout, cancellationToken);
        var received = new List<byte>();
        var buffer = new byte[RawConnection.MinReadBuffer];
        var (early, earlyCount) = await connection.ReadWhileAsync(buffer, writing);
        await writing;
        var deadline = DateTime.UtcNow + options.Timeout;
        var headEnd = -1;
        var closed = false;
        while (received.Count < MaxBody)
        {
            var (outcome, count) = early == ReadOutcome.Timeout
                ? await connection.ReadAsync(buffer, headEnd < 0 ? deadline : Min(deadline, DateTime.UtcNow + options.Silence), cancellationToken)
                : (early, earlyCount);
            early = ReadOutcome.Timeout;
            if (outcome == ReadOutcome.Data)
            {
                received.AddRange(buffer.AsSpan(0, count));
                headEnd = headEnd >= 0 ? headEnd : IndexOfHeadEnd(received);
                continue;
            }

            closed = outcome is ReadOutcome.Eof or ReadOutcome.Reset;
            break;
        }

        if (headEnd < 0)
        {
            throw new RestTimeoutException(received.Count == 0 ? "no response to a raw request" : "the response head never ended (no blank line)");
        }

        var headBytes = received.GetRange(0, headEnd + HeadTerminatorLength).ToArray();
        var head = Encoding.Latin1.GetString(headBytes, 0, headEnd);
        log.Http(WireDirection.In, head);
        // The one parser of response heads; a head it cannot read is an answer with status 0 and no headers.
        var parsed = HandshakeResponse.TryParse(headBytes, out var response, out _, out _) == OperationStatus.Done ? response : null;
        var headers = (parsed?.Headers ?? []).GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(h => h.Value).ToList(), StringComparer.OrdinalIgnoreCase);
        return new RawHttpResponse(parsed?.StatusCode ?? 0, head, headers, received.GetRange(headEnd + HeadTerminatorLength, received.Count - headEnd - HeadTerminatorLength).ToArray(), closed);
    }

    /// <summary>The request head (and a body) of a raw request to a path, with the run's credentials and Connection: close.</summary>
    public string RawRequest(string method, string path, IEnumerable<string>? extraLines = null, string? body = null, bool host = true)
    {
        var url = Url(path);
        var builder = new StringBuilder($"{method} {url.PathAndQuery} HTTP/1.1\r\n");
        if (host)
        {
            builder.Append($"Host: {url.Authority}\r\n");
        }

        foreach (var (name, value) in options.Credential.Headers)
        {
            builder.Append($"{name}: {value}\r\n");
        }

        foreach (var line in extraLines ?? [])
        {
            builder.Append(line).Append("\r\n");
        }

        builder.Append("Connection: close\r\n");
        if (body is not null && !(extraLines ?? []).Any(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)))
        {
            builder.Append($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n");
        }

        return builder.Append("\r\n").Append(body).ToString();
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (var i = 3; i < bytes.Count; i++)
        {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n')
            {
                return i - 3;
            }
        }

        return -1;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while (copy.Length < MaxBody && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    private static string Head(string firstLine, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, string? body)
    {
        var builder = new StringBuilder(firstLine).Append("\r\n");
        foreach (var (name, values) in headers)
        {
            builder.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
        }

        if (body is not null)
        {
            builder.Append("\r\n").Append(body.Length > PreviewChars ? body[..PreviewChars] + "…" : body);
        }

        return builder.ToString();
    }
}
