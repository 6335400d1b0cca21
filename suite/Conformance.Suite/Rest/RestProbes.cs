using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Suite.Rest;

/// <summary>A named REST probe: what it sends and how it judges, and whether it sends unsafe methods.</summary>
public sealed record RestProbe(Func<RestContext, Task> RunAsync, bool Unsafe);

/// <summary>
/// The REST probes the catalogue names (<c>probe:</c> in cases/rest-*.yaml). A probe carries a single fault per
/// request, sends unsafe methods only to items the case created or as methods the profile declares not allowed, and
/// records what it saw; the case's level turns a violation into the verdict.
/// </summary>
public static partial class RestProbes
{
    private static readonly string[] UnsafeMethods = ["DELETE", "PUT", "PATCH", "POST"];

    /// <summary>Every probe by name.</summary>
    public static IReadOnlyDictionary<string, RestProbe> All { get; } = new Dictionary<string, RestProbe>(StringComparer.Ordinal)
    {
        ["method-not-allowed-405"] = new(MethodNotAllowedAsync, Unsafe: true),
        ["allow-on-405"] = new(AllowOn405Async, Unsafe: true),
        ["unknown-method-501"] = new(UnknownMethodAsync, Unsafe: false),
        ["head-allowed"] = new(HeadAllowedAsync, Unsafe: false),
        ["head-no-body"] = new(HeadNoBodyAsync, Unsafe: false),
        ["head-matches-get"] = new(HeadMatchesGetAsync, Unsafe: false),
        ["options-allow"] = new(OptionsAllowAsync, Unsafe: false),
        ["safe-methods-change-nothing"] = new(SafeMethodsAsync, Unsafe: false),
        ["post-201"] = new(PostCreatedAsync, Unsafe: true),
        ["location-on-201"] = new(LocationOn201Async, Unsafe: true),
        ["location-resolves"] = new(LocationResolvesAsync, Unsafe: true),
        ["missing-id-404"] = new(MissingIdAsync, Unsafe: false),
        ["put-replace-200-204"] = new(PutReplaceAsync, Unsafe: true),
        ["put-upsert-201"] = new(PutUpsertAsync, Unsafe: true),
        ["delete-200-202-204"] = new(DeleteAsync, Unsafe: true),
        ["get-after-delete-404"] = new(GetAfterDeleteAsync, Unsafe: true),
        ["delete-twice"] = new(DeleteTwiceAsync, Unsafe: true),
        ["put-idempotent"] = new(PutIdempotentAsync, Unsafe: true),
        ["put-etag-matches-get"] = new(PutEtagAsync, Unsafe: true),
        ["date-present"] = new(DatePresentAsync, Unsafe: false),
        ["imf-fixdate"] = new(ImfFixdateAsync, Unsafe: false),
        ["last-modified-not-after-date"] = new(LastModifiedAsync, Unsafe: false),
        ["content-length-matches"] = new(ContentLengthAsync, Unsafe: false),
        ["no-content-length-on-204"] = new(NoContentLengthOn204Async, Unsafe: true),
        ["content-type-present"] = new(ContentTypeAsync, Unsafe: false),
        ["etag-syntax"] = new(EtagSyntaxAsync, Unsafe: false),
        ["unsatisfiable-accept"] = new(UnsatisfiableAcceptAsync, Unsafe: false),
        ["unsupported-media-type-415"] = new(UnsupportedMediaTypeAsync, Unsafe: true),
        ["malformed-json-400"] = new(MalformedJsonAsync, Unsafe: true),
        ["wrong-shape-rejected"] = new(WrongShapeAsync, Unsafe: true),
        ["if-none-match-304"] = new(c => IfNoneMatchAsync(c, tag => tag), Unsafe: false),
        ["if-none-match-weak-304"] = new(c => IfNoneMatchAsync(c, HttpSyntax.Weak), Unsafe: false),
        ["if-none-match-star-304"] = new(c => IfNoneMatchAsync(c, _ => "*"), Unsafe: false),
        ["not-modified-no-body"] = new(NotModifiedAsync, Unsafe: false),
        ["stale-if-match-412"] = new(c => IfMatchAsync(c, _ => "\"conformance-stale-tag\""), Unsafe: true),
        ["weak-if-match-412"] = new(c => IfMatchAsync(c, HttpSyntax.Weak), Unsafe: true),
        ["if-none-match-star-put-412"] = new(IfNoneMatchStarPutAsync, Unsafe: true),
        ["problem-details-status"] = new(ProblemDetailsAsync, Unsafe: false),
        ["challenge-on-401"] = new(ChallengeAsync, Unsafe: false),
        ["missing-credentials-401"] = new(c => CredentialsAsync(c, RestCredential.Anonymous, "no credentials"), Unsafe: false),
        ["wrong-credentials-401"] = new(c => CredentialsAsync(c, c.Http.Options.WrongCredential, "wrong credentials"), Unsafe: false),
        ["missing-host-400"] = new(c => HostFaultAsync(c, 0), Unsafe: false),
        ["two-hosts-400"] = new(c => HostFaultAsync(c, 2), Unsafe: false),
        ["invalid-content-length-400"] = new(InvalidContentLengthAsync, Unsafe: false),
        ["huge-target-414"] = new(HugeTargetAsync, Unsafe: false),
        ["chunked-body"] = new(ChunkedBodyAsync, Unsafe: true),
        ["precondition-on-missing-id-404"] = new(PreconditionOnMissingAsync, Unsafe: false),
        ["basic-realm"] = new(BasicRealmAsync, Unsafe: false),
        ["bearer-invalid-token-error"] = new(InvalidTokenErrorAsync, Unsafe: false),
        ["scheme-case-insensitive"] = new(SchemeCaseAsync, Unsafe: false),
        ["insufficient-scope-403"] = new(InsufficientScopeAsync, Unsafe: true),
        ["body-over-limit-413"] = new(BodyTooLargeAsync, Unsafe: true),
        ["vary-accept"] = new(VaryAcceptAsync, Unsafe: false),
        ["content-range-on-206"] = new(ContentRangeAsync, Unsafe: false),
        ["redirect-has-location"] = new(RedirectAsync, Unsafe: false),
    };

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
