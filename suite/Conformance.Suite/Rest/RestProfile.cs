namespace Conformance.Suite.Rest;

/// <summary>How the API authenticates; credentials come from environment variables, never from the file.</summary>
public enum RestAuthScheme
{
    /// <summary>No authentication.</summary>
    None,
    /// <summary>HTTP Basic (RFC 7617).</summary>
    Basic,
    /// <summary>Bearer tokens (RFC 6750).</summary>
    Bearer,
    /// <summary>A key in a request header (no RFC).</summary>
    ApiKey,
}

/// <summary>The authentication section of a REST profile: names of environment variables, not secrets.</summary>
public sealed record RestAuth
{
    /// <summary>The scheme.</summary>
    public RestAuthScheme Scheme { get; init; }
    /// <summary>Basic: the variable holding the user name.</summary>
    public string? UsernameEnv { get; init; }
    /// <summary>Basic: the variable holding the password.</summary>
    public string? PasswordEnv { get; init; }
    /// <summary>Bearer: the variable holding a token with full access.</summary>
    public string? TokenEnv { get; init; }
    /// <summary>Bearer: the variable holding a token that may only read (enables the scope cases).</summary>
    public string? ReadOnlyTokenEnv { get; init; }
    /// <summary>API key: the header that carries it.</summary>
    public string? Header { get; init; }
    /// <summary>API key: the variable holding the key.</summary>
    public string? KeyEnv { get; init; }
}

/// <summary>Optional behaviours the API declares; cases that need an undeclared one are unimplemented.</summary>
public sealed record RestFeatures
{
    /// <summary>PUT to a new id creates the resource (201).</summary>
    public bool Upsert { get; init; }
    /// <summary>The API sends ETags and honours If-None-Match and If-Match.</summary>
    public bool Conditional { get; init; }
    /// <summary>The declared largest request body; a larger one should get 413.</summary>
    public long? MaxBodyBytes { get; init; }
    /// <summary>The API honours Range requests.</summary>
    public bool Ranges { get; init; }
    /// <summary>Paths under the base path that answer with a redirect (3xx).</summary>
    public IReadOnlyList<string> Redirects { get; init; } = [];
}

/// <summary>One resource of the API: a collection and its items.</summary>
public sealed record RestResource
{
    /// <summary>A name for messages.</summary>
    public required string Name { get; init; }
    /// <summary>The collection path under the base path, e.g. /items.</summary>
    public required string Collection { get; init; }
    /// <summary>The item path template with {id}, e.g. /items/{id}.</summary>
    public required string Item { get; init; }
    /// <summary>The member of a created resource that holds its id.</summary>
    public string IdField { get; init; } = "id";
    /// <summary>Methods the collection allows.</summary>
    public IReadOnlyList<string> CollectionMethods { get; init; } = [];
    /// <summary>Methods an item allows.</summary>
    public IReadOnlyList<string> ItemMethods { get; init; } = [];
    /// <summary>The media type of bodies.</summary>
    public string MediaType { get; init; } = "application/json";
    /// <summary>A valid create/replace body, as JSON text; null when the resource cannot be written.</summary>
    public string? Sample { get; init; }
    /// <summary>Well-formed JSON of the wrong shape, as JSON text.</summary>
    public string? Invalid { get; init; }
    /// <summary>An id that exists (for resources the suite cannot create).</summary>
    public string? ExistingId { get; init; }
    /// <summary>
    /// The form of the resource's ids, so that the ids the suite makes up for items that do not exist are well formed:
    /// an API with UUID or integer ids may answer 400 to a malformed one (RFC 9110 §15.5.1), where 404 is owed only
    /// for a well-formed id that names nothing.
    /// </summary>
    public IdForm IdForm { get; init; } = IdForm.Any;

    /// <summary>Whether the suite can create items of this resource (POST on the collection and a sample body).</summary>
    public bool CanCreate => Sample is not null && CollectionMethods.Contains("POST");

    /// <summary>The item path for an id (escaped).</summary>
    public string ItemPath(string id) => Item.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
}

/// <summary>What a resource's ids look like (<c>idForm</c> in a profile).</summary>
public enum IdForm
{
    /// <summary>Any string: made-up ids read "conformance-missing-" and 12 hex digits.</summary>
    Any,
    /// <summary>UUIDs (RFC 9562): made-up ids are random UUIDs.</summary>
    Uuid,
    /// <summary>Decimal integers (<c>integer</c> in a profile): made-up ids are random 9-digit numbers.</summary>
    Number,
}

/// <summary>A REST profile: what the suite needs to know to run the REST catalogue against an API.</summary>
public sealed record RestProfile
{
    /// <summary>The file it was read from.</summary>
    public required string Source { get; init; }
    /// <summary>A path prefix under the target URL, e.g. /api.</summary>
    public string BasePath { get; init; } = "";
    /// <summary>Errors are declared as application/problem+json (RFC 9457).</summary>
    public bool ProblemDetails { get; init; }
    /// <summary>Authentication.</summary>
    public RestAuth Auth { get; init; } = new();
    /// <summary>Declared optional features.</summary>
    public RestFeatures Features { get; init; } = new();
    /// <summary>The resources, at least one.</summary>
    public required IReadOnlyList<RestResource> Resources { get; init; }
}
