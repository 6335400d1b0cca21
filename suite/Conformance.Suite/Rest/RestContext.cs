using System.Text.Json;
using Conformance.Suite.Oracles;

namespace Conformance.Suite.Rest;

/// <summary>An item the case created, and how it was created.</summary>
public sealed record CreatedItem(RestResource Resource, string Id, string Path, RestResponse Response);

/// <summary>
/// What a probe works with: the session, the profile, and the items it created — which are deleted when the case
/// ends, so the suite leaves the API as it found it and never touches what it did not create.
/// </summary>
public sealed class RestContext
{
    private readonly List<CreatedItem> created = [];

    /// <summary>Creates the context of one case.</summary>
    public RestContext(RestSession http, Judgement judgement, CancellationToken cancellationToken)
    {
        Http = http;
        Judgement = judgement;
        CancellationToken = cancellationToken;
    }

    /// <summary>HTTP to the target.</summary>
    public RestSession Http { get; }
    /// <summary>The case's findings: exchanges only record what they saw (<see cref="Observe"/>); oracles judge.</summary>
    internal Judgement Judgement { get; }
    /// <summary>Cancels the case.</summary>
    public CancellationToken CancellationToken { get; }
    /// <summary>The profile.</summary>
    public RestProfile Profile => Http.Options.Profile;

    /// <summary>The first resource the suite can create items of, or null.</summary>
    public RestResource? Writable => Profile.Resources.FirstOrDefault(r => r.CanCreate);

    /// <summary>Records a fact about what the target did, in order.</summary>
    public void Observe(string text) => Judgement.Observe(text);

    /// <summary>Sends a request with the run's credentials.</summary>
    public Task<RestResponse> SendAsync(string method, string path, string? body = null, string? contentType = null, IEnumerable<(string Name, string Value)>? headers = null, RestCredential? credentials = null) =>
        Http.SendAsync(method, path, body, contentType, headers, credentials, CancellationToken);

    /// <summary>Creates an item of <paramref name="resource"/> with its sample body; null (after an observation) when that fails.</summary>
    public async Task<CreatedItem?> CreateAsync(RestResource resource, string? body = null)
    {
        var response = await SendAsync("POST", resource.Collection, body ?? resource.Sample, resource.MediaType);
        var item = Track(resource, response);
        if (item is null)
        {
            Observe($"POST {resource.Collection} with the sample body answered {response.Describe()}, and no item id could be found");
        }

        return item;
    }

    /// <summary>Remembers an item a create-like request made (POST or an upsert), for deletion at the end.</summary>
    public CreatedItem? Track(RestResource resource, RestResponse response, string? knownId = null)
    {
        if (response.Status is < 200 or > 299)
        {
            return null;
        }

        var id = knownId ?? IdFromBody(resource, response) ?? IdFromLocation(response);
        if (id is null)
        {
            return null;
        }

        var item = new CreatedItem(resource, id, resource.ItemPath(id), response);
        created.Add(item);
        return item;
    }

    /// <summary>Forgets an item the case deleted itself.</summary>
    public void Forget(CreatedItem item) => created.Remove(item);

    /// <summary>Deletes an item the case created; once the target says it succeeded, the clean-up leaves it alone.</summary>
    public async Task<RestResponse> DeleteAsync(CreatedItem item)
    {
        var response = await SendAsync("DELETE", item.Path);
        if (response.Status is >= 200 and < 300)
        {
            Forget(item);
        }

        return response;
    }

    /// <summary>The path of an item that exists: one the case creates (when it may write), else the profile's existing id.</summary>
    public async Task<(RestResource Resource, string Path)?> ExistingItemAsync(bool mayCreate)
    {
        if (mayCreate && !Http.Options.ReadOnly && Writable is { } writable && await CreateAsync(writable) is { } item)
        {
            return (writable, item.Path);
        }

        return Profile.Resources.FirstOrDefault(r => r.ExistingId is not null) is { } readable ? (readable, readable.ItemPath(readable.ExistingId!)) : null;
    }

    /// <summary>Deletes what the case created (best effort: a target that refuses is not judged here).</summary>
    public async Task CleanUpAsync()
    {
        foreach (var item in created.AsEnumerable().Reverse().ToList())
        {
            if (item.Resource.ItemMethods.Contains("DELETE"))
            {
                try
                {
                    await Http.SendAsync("DELETE", item.Path, cancellationToken: CancellationToken.None);
                }
                catch (Exception e) when (e is RestTimeoutException or HttpRequestException or System.Net.Sockets.SocketException)
                {
                    Judgement.Annotate($"could not delete {item.Path} after the case: {e.Message}");
                }
            }
        }

        created.Clear();
    }

    private static string? IdFromBody(RestResource resource, RestResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(resource.IdField, out var id)
                ? id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? IdFromLocation(RestResponse response) =>
        response.Header("Location") is { Length: > 0 } location ? Uri.UnescapeDataString(location.TrimEnd('/').Split('/')[^1]) : null;
}
