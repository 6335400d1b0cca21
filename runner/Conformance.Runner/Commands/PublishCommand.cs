using System.CommandLine;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Conformance.Runner.Gate;
using Conformance.Runner.Output;

namespace Conformance.Runner.Commands;

/// <summary>`publish RESULTS.json --server URL`: uploads a run to a report service with the token in CONFORMANCE_TOKEN.</summary>
internal static class PublishCommand
{
    /// <summary>The environment variable holding the API token; never a command-line argument, which ps and shell history show.</summary>
    public const string TokenVariable = "CONFORMANCE_TOKEN";

    /// <summary>How long the whole upload may take.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Command Create(CommandHost host)
    {
        var results = new Argument<string>("results") { Description = "A results.json written by run" };
        var server = new Option<string>("--server") { Description = "The report service's root, e.g. https://reports.example.test", Required = true };
        var command = new Command("publish", $"Upload a results.json to a report service (token from ${TokenVariable}); prints the run's URL") { results, server };
        command.SetAction(async (parse, _) => await PublishAsync(parse.GetValue(results)!, parse.GetValue(server)!, host.Variable(TokenVariable), host.Terminal, host.Interrupt));
        return command;
    }

    /// <summary>
    /// 0 when stored (the run's URL printed), 1 when the server refused it, 2 for usage errors and an unreachable server.
    /// <paramref name="token"/> is the value of <see cref="TokenVariable"/>.
    /// </summary>
    public static async Task<int> PublishAsync(string path, string serverUrl, string? token, Terminal terminal, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            terminal.Error($"set {TokenVariable} to an API token (./run.sh reports token create on the server)");
            return ExitCodes.Usage;
        }

        if (!Uri.TryCreate(serverUrl.EndsWith('/') ? serverUrl : serverUrl + "/", UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            terminal.Error($"--server '{Terminal.Clean(serverUrl)}' is not an http:// or https:// URL");
            return ExitCodes.Usage;
        }

        byte[] body;
        try
        {
            body = Gzip(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Error($"results file '{Terminal.Clean(path)}' cannot be read: {e.Message}");
            return ExitCodes.Usage;
        }

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, "api/v1/runs")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            terminal.Error($"cannot reach {root}: {e.Message}");
            return ExitCodes.Usage;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Created && response.Headers.Location is { } location)
            {
                terminal.Raw(new Uri(root, location).ToString());
                return ExitCodes.Success;
            }

            var detail = await DetailAsync(response, cancellationToken);
            terminal.Error(response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => $"the server refused the token in {TokenVariable} (401: unknown, wrong or revoked)",
                HttpStatusCode.Forbidden => $"the token may not publish this run (403): {detail}",
                HttpStatusCode.RequestEntityTooLarge => "the results file is larger than the server accepts (413)",
                HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest => $"the server rejected the results file ({(int)response.StatusCode}): {detail}",
                HttpStatusCode.TooManyRequests => $"too many uploads with this token (429); try again in {response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 60:0} s",
                _ => $"the server answered {(int)response.StatusCode}: {detail}",
            });
            return ExitCodes.Failures;
        }
    }

    /// <summary>The problem details' detail (and first schema error), cleaned of control characters; the server is not trusted.</summary>
    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = problem.RootElement;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : response.ReasonPhrase;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                detail += $" (first: {errors[0]})";
            }

            return Terminal.Clean(detail);
        }
        catch (JsonException)
        {
            return Terminal.Clean(response.ReasonPhrase);
        }
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }
}
