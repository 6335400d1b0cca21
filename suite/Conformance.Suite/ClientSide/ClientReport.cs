using System.Text.Json;

namespace Conformance.Suite.ClientSide;

/// <summary>
/// What a client's API saw of one case, as its driver reports it (POST /report/ID): untrusted input, bounded in
/// size, strings truncated. The close code and reason are the API's view of §7.1.5 and §7.1.6.
/// </summary>
public sealed record ClientReport
{
    /// <summary>The largest report body read.</summary>
    public const int MaxBodyBytes = 64 * 1024;
    /// <summary>Longer strings are cut to this many characters.</summary>
    public const int MaxTextChars = 1024;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { MaxDepth = 4 };

    /// <summary>The client library and version, as the driver names it.</summary>
    public string? Agent { get; init; }
    /// <summary>Whether the API reported an open connection (the handshake succeeded in its eyes).</summary>
    public bool? Opened { get; init; }
    /// <summary>Whether the API reported an error.</summary>
    public bool? Error { get; init; }
    /// <summary>The close code the API reported.</summary>
    public int? CloseCode { get; init; }
    /// <summary>The close reason the API reported.</summary>
    public string? CloseReason { get; init; }
    /// <summary>Whether the API called the close clean.</summary>
    public bool? WasClean { get; init; }
    /// <summary>Messages the client received.</summary>
    public int? Received { get; init; }
    /// <summary>Free text, e.g. the error message.</summary>
    public string? Detail { get; init; }

    /// <summary>Parses a report body; false with a reason for malformed, oversized or non-object JSON.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out ClientReport? report, out string? error)
    {
        report = null;
        error = null;
        if (body.Length > MaxBodyBytes)
        {
            error = $"the report is larger than {MaxBodyBytes} bytes";
            return false;
        }

        try
        {
            report = JsonSerializer.Deserialize<ClientReport>(body, JsonOptions);
        }
        catch (JsonException e)
        {
            error = $"the report is not a JSON object of the report's fields: {Bound(e.Message, 200)}";
            return false;
        }

        if (report is null)
        {
            error = "the report is null";
            return false;
        }

        report = report with { Agent = Bound(report.Agent, MaxTextChars), CloseReason = Bound(report.CloseReason, MaxTextChars), Detail = Bound(report.Detail, MaxTextChars) };
        return true;
    }

    /// <summary>"opened, error, close 1000 'bye', not clean, 3 messages received: detail", for observed texts.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            Opened switch { true => "opened", false => "not opened", null => "opened ?" },
            Error switch { true => "error", false => "no error", null => "error ?" },
        };
        parts.Add(CloseCode is { } code ? $"close {code}" + (CloseReason is { Length: > 0 } reason ? $" '{Bound(reason, 80)}'" : "") : "no close code");
        parts.Add(WasClean switch { true => "clean", false => "not clean", null => "clean ?" });
        if (Received is { } received)
        {
            parts.Add($"{received} messages received");
        }

        var text = string.Join(", ", parts);
        return Detail is { Length: > 0 } detail ? $"{text}: {Bound(detail, 200)}" : text;
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Bound(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + "…";
}
