using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles.Rest;
using Conformance.Suite.Results;

namespace Conformance.Suite.Rest;

/// <summary>
/// The REST probes the catalogue names (<c>probe:</c> in cases/rest-*.yaml), each an exchange of its area
/// (RestProbes.&lt;area&gt;.cs) paired with its oracle (Oracles/Rest/&lt;Area&gt;Oracles.cs). An exchange carries a single
/// fault per request, sends unsafe methods only to items the case created or as methods the profile declares not
/// allowed, and records what it saw; the oracle judges it, and the case's level turns a violation into the verdict.
/// </summary>
public static partial class RestProbes
{
    private static readonly string[] UnsafeMethods = ["DELETE", "PUT", "PATCH", "POST"];

    /// <summary>Every probe by name.</summary>
    public static IReadOnlyDictionary<string, RestProbe> All { get; } = new Dictionary<string, RestProbe>(StringComparer.Ordinal)
    {
        ["method-not-allowed-405"] = RestProbe.WithUnsafe(SendDisallowedAsync, MethodsOracles.MethodNotAllowed),
        ["allow-on-405"] = RestProbe.WithUnsafe(SendDisallowedAsync, MethodsOracles.AllowOn405),
        ["unknown-method-501"] = RestProbe.Safe(UnknownMethodAsync, MethodsOracles.UnknownMethod),
        ["head-allowed"] = RestProbe.Safe(HeadAsync, MethodsOracles.HeadAllowed),
        ["head-no-body"] = RestProbe.Safe(RawHeadAsync, MethodsOracles.HeadNoBody),
        ["head-matches-get"] = RestProbe.Safe(GetAndHeadAsync, MethodsOracles.HeadMatchesGet),
        ["options-allow"] = RestProbe.Safe(OptionsAsync, MethodsOracles.OptionsAllow),
        ["safe-methods-change-nothing"] = RestProbe.Safe(SafeMethodsAsync, MethodsOracles.SafeMethods),
        ["post-201"] = RestProbe.WithUnsafe(PostSampleAsync, LifecycleOracles.PostCreated),
        ["location-on-201"] = RestProbe.WithUnsafe(PostSampleAsync, LifecycleOracles.LocationOn201),
        ["location-resolves"] = RestProbe.WithUnsafe(FollowLocationAsync, LifecycleOracles.LocationResolves),
        ["missing-id-404"] = RestProbe.Safe(GetMissingAsync, LifecycleOracles.MissingId),
        ["put-replace-200-204"] = RestProbe.WithUnsafe(PutReplaceAsync, LifecycleOracles.PutReplace),
        ["put-upsert-201"] = RestProbe.WithUnsafe(PutUpsertAsync, LifecycleOracles.PutUpsert),
        ["delete-200-202-204"] = RestProbe.WithUnsafe(DeleteAsync, LifecycleOracles.Delete),
        ["get-after-delete-404"] = RestProbe.WithUnsafe(GetAfterDeleteAsync, LifecycleOracles.GetAfterDelete),
        ["delete-twice"] = RestProbe.WithUnsafe(DeleteTwiceAsync, LifecycleOracles.DeleteTwice),
        ["put-idempotent"] = RestProbe.WithUnsafe(PutTwiceAsync, LifecycleOracles.PutIdempotent),
        ["put-etag-matches-get"] = RestProbe.WithUnsafe(PutThenGetTagAsync, LifecycleOracles.PutEtag),
        ["date-present"] = RestProbe.Safe(DatesAsync, HeadersOracles.DatePresent),
        ["imf-fixdate"] = RestProbe.Safe(SampleAnswersAsync, HeadersOracles.ImfFixdate),
        ["last-modified-not-after-date"] = RestProbe.Safe(LastModifiedAsync, HeadersOracles.LastModified),
        ["content-length-matches"] = RestProbe.Safe(RawGetAsync, HeadersOracles.ContentLength),
        ["no-content-length-on-204"] = RestProbe.WithUnsafe(NoContentAsync, HeadersOracles.NoContentLengthOn204),
        ["content-type-present"] = RestProbe.Safe(SampleAnswersAsync, HeadersOracles.ContentType),
        ["content-type-declared"] = RestProbe.Safe(DeclaredMediaTypesAsync, HeadersOracles.DeclaredMediaType),
        ["etag-syntax"] = RestProbe.Safe(EtagsAsync, HeadersOracles.EtagSyntax),
        ["unsatisfiable-accept"] = RestProbe.Safe(UnsatisfiableAcceptAsync, NegotiationOracles.UnsatisfiableAccept),
        ["unsupported-media-type-415"] = RestProbe.WithUnsafe(UnsupportedMediaTypeAsync, NegotiationOracles.UnsupportedMediaType),
        ["malformed-json-400"] = RestProbe.WithUnsafe(MalformedJsonAsync, BodiesOracles.MalformedJson),
        ["wrong-shape-rejected"] = RestProbe.WithUnsafe(WrongShapeAsync, BodiesOracles.WrongShape),
        ["if-none-match-304"] = RestProbe.Safe(c => IfNoneMatchAsync(c, tag => tag), ConditionalOracles.IfNoneMatch),
        ["if-none-match-weak-304"] = RestProbe.Safe(c => IfNoneMatchAsync(c, HttpSyntax.Weak), ConditionalOracles.IfNoneMatch),
        ["if-none-match-star-304"] = RestProbe.Safe(c => IfNoneMatchAsync(c, _ => "*"), ConditionalOracles.IfNoneMatch),
        ["not-modified-no-body"] = RestProbe.Safe(NotModifiedAsync, ConditionalOracles.NotModified),
        ["stale-if-match-412"] = RestProbe.WithUnsafe(c => IfMatchAsync(c, _ => "\"conformance-stale-tag\""), ConditionalOracles.IfMatch),
        ["weak-if-match-412"] = RestProbe.WithUnsafe(c => IfMatchAsync(c, HttpSyntax.Weak), ConditionalOracles.IfMatch),
        ["if-none-match-star-put-412"] = RestProbe.WithUnsafe(IfNoneMatchStarPutAsync, ConditionalOracles.IfNoneMatchStarPut),
        ["precondition-on-missing-id-put"] = RestProbe.WithUnsafe(PreconditionOnMissingPutAsync, ConditionalOracles.PreconditionOnMissingPut),
        ["problem-details-status"] = RestProbe.Safe(GetMissingAsync, ProblemOracles.StatusMember),
        ["challenge-on-401"] = RestProbe.Safe(ChallengeAsync, AuthOracles.Challenge),
        ["missing-credentials-401"] = Credentials(_ => RestCredential.Anonymous, "no credentials"),
        ["wrong-credentials-401"] = Credentials(c => c.Http.Options.WrongCredential, "wrong credentials"),
        ["missing-host-400"] = RestProbe.Safe(c => HostFaultAsync(c, 0), FramingOracles.MissingHost),
        ["two-hosts-400"] = RestProbe.Safe(c => HostFaultAsync(c, 2), FramingOracles.TwoHosts),
        ["invalid-content-length-400"] = RestProbe.Safe(InvalidContentLengthAsync, FramingOracles.InvalidContentLength),
        ["huge-target-414"] = RestProbe.Safe(HugeTargetAsync, FramingOracles.HugeTarget),
        ["chunked-body"] = RestProbe.WithUnsafe(ChunkedBodyAsync, BodiesOracles.ChunkedBody),
        ["precondition-on-missing-id-404"] = RestProbe.Safe(PreconditionOnMissingAsync, ConditionalOracles.PreconditionOnMissing),
        ["basic-realm"] = RestProbe.Safe(c => UnauthenticatedAsync(c, RestCredential.Anonymous), AuthOracles.BasicRealm),
        ["bearer-invalid-token-error"] = RestProbe.Safe(c => UnauthenticatedAsync(c, c.Http.Options.WrongCredential), AuthOracles.InvalidTokenError),
        ["scheme-case-insensitive"] = RestProbe.Safe(SchemeCaseAsync, AuthOracles.SchemeCase),
        ["insufficient-scope-403"] = RestProbe.WithUnsafe(ReadOnlyPostAsync, AuthOracles.InsufficientScope),
        ["body-over-limit-413"] = RestProbe.WithUnsafe(BodyOverLimitAsync, LimitsOracles.BodyOverLimit),
        ["vary-accept"] = RestProbe.Safe(VaryAcceptAsync, NegotiationOracles.VaryAccept),
        ["content-range-on-206"] = RestProbe.Safe(RangeAsync, HeadersOracles.ContentRange),
        ["redirect-has-location"] = RestProbe.Safe(RedirectsAsync, MethodsOracles.Redirect),
    };

    // The same request with other credentials, and the oracle that says what they are.
    private static RestProbe Credentials(Func<RestContext, RestCredential> credential, string what) =>
        RestProbe.Safe(c => WithCredentialsAsync(c, credential(c), what), AuthOracles.Credentials(what));

    // An id of the resource's form that names nothing (random, so no case finds another's item).
    private static string MissingId(RestResource resource) => resource.IdForm switch
    {
        IdForm.Uuid => Guid.NewGuid().ToString("D"),
        IdForm.Number => Random.Shared.NextInt64(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "conformance-missing-" + Guid.NewGuid().ToString("N")[..12],
    };

    // A GET of an id that does not exist: rest.lifecycle.missing-id-404 judges its status, rest.problem.* its content.
    private static async Task<RestResponse> GetMissingAsync(RestContext c)
    {
        var resource = c.Profile.Resources[0];
        var path = resource.ItemPath(MissingId(resource));
        var get = await c.SendAsync("GET", path);
        c.Observe($"GET {path} answered {get.Describe()}");
        return get;
    }

    // An item the case creates to change, of a resource that declares the method on its items.
    private static async Task<CreatedItem> ItemToChangeAsync(RestContext c, string needs)
    {
        var resource = c.Writable!;
        if (!resource.ItemMethods.Contains(needs))
        {
            throw new NothingToProbeException($"resource '{resource.Name}' does not declare {needs} on its items");
        }

        return await c.CreateAsync(resource) ?? throw new NothingToProbeException("the case could not create an item to work on");
    }

    // An item to read: one the case creates when it may write, else the profile's existing one.
    private static async Task<(RestResource Resource, string Path)> ItemToReadAsync(RestContext c) =>
        await c.ExistingItemAsync(mayCreate: true) ?? throw new NothingToProbeException("no item to read: declare a writable resource or an existingId");

    /// <summary>Why a case cannot run against this profile (an undeclared feature), or null.</summary>
    public static string? Applicability(CaseDefinition definition, RestRunOptions options)
    {
        var profile = options.Profile;
        foreach (var need in definition.Requires)
        {
            var missing = need switch
            {
                RestRequirements.Writable => profile.Resources.Any(r => r.CanCreate) ? null : "no resource declares POST on its collection with a sample body",
                RestRequirements.Upsert => profile.Features.Upsert ? null : "the profile does not declare features.upsert",
                RestRequirements.Conditional => profile.Features.Conditional ? null : "the profile does not declare features.conditional (ETag, If-None-Match, If-Match)",
                RestRequirements.ProblemDetails => profile.ProblemDetails ? null : "the profile does not declare problemDetails",
                RestRequirements.Auth => profile.Auth.Scheme != RestAuthScheme.None ? null : "the profile declares no authentication",
                RestRequirements.InvalidSample => profile.Resources.Any(r => r.CanCreate && r.Invalid is not null) ? null : "no writable resource declares an 'invalid' body",
                RestRequirements.Basic => profile.Auth.Scheme == RestAuthScheme.Basic ? null : "the profile's auth scheme is not basic",
                RestRequirements.Bearer => profile.Auth.Scheme == RestAuthScheme.Bearer ? null : "the profile's auth scheme is not bearer",
                RestRequirements.ReadOnlyToken => options.ReadOnlyCredential is not null ? null : "the profile names no readOnlyTokenEnv",
                RestRequirements.MaxBody => profile.Features.MaxBodyBytes is not null ? null : "the profile does not declare features.maxBodyBytes",
                RestRequirements.Redirects => profile.Features.Redirects.Count > 0 ? null : "the profile declares no features.redirects",
                _ => null,
            };
            if (missing is not null)
            {
                return missing;
            }
        }

        return null;
    }
}

/// <summary>Profile features a REST case can require (<c>requires:</c> in the case).</summary>
public static class RestRequirements
{
    /// <summary>A resource the suite can create items of.</summary>
    public const string Writable = "writable";
    /// <summary>features.upsert.</summary>
    public const string Upsert = "upsert";
    /// <summary>features.conditional.</summary>
    public const string Conditional = "conditional";
    /// <summary>problemDetails.</summary>
    public const string ProblemDetails = "problem-details";
    /// <summary>Authentication declared.</summary>
    public const string Auth = "auth";
    /// <summary>A writable resource with an 'invalid' body.</summary>
    public const string InvalidSample = "invalid-sample";

    /// <summary>auth.scheme basic.</summary>
    public const string Basic = "basic";
    /// <summary>auth.scheme bearer.</summary>
    public const string Bearer = "bearer";
    /// <summary>auth.readOnlyTokenEnv.</summary>
    public const string ReadOnlyToken = "read-only-token";
    /// <summary>features.maxBodyBytes.</summary>
    public const string MaxBody = "max-body";

    /// <summary>features.redirects.</summary>
    public const string Redirects = "redirects";

    /// <summary>All of them.</summary>
    public static IReadOnlyList<string> All { get; } = [Writable, Upsert, Conditional, ProblemDetails, Auth, InvalidSample, Basic, Bearer, ReadOnlyToken, MaxBody, Redirects];
}
