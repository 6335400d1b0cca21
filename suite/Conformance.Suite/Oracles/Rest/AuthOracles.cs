using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgements of rest.auth.* (RFC 9110 §11, §15.5.2; RFC 7617; RFC 6750); each case's clause is in cases/rest-auth.yaml.</summary>
internal static class AuthOracles
{
    /// <summary>§15.5.2: "The server generating a 401 response MUST send a WWW-Authenticate header field containing at least one challenge".</summary>
    public static RestOracle<RestResponse> Challenge { get; } = new("a 401 carries WWW-Authenticate with at least one challenge", (get, j) =>
    {
        if (get.Status != 401)
        {
            j.Unimplemented($"the request without credentials answered {get.Status}, not 401");
        }
        else if (string.IsNullOrWhiteSpace(get.Joined("WWW-Authenticate")))
        {
            j.Violation("the 401 has no WWW-Authenticate challenge");
        }
        else if (!HttpSyntax.IsChallenge(get.Joined("WWW-Authenticate")!))
        {
            j.Violation($"WWW-Authenticate '{get.Joined("WWW-Authenticate")}' does not start with an auth-scheme token");
        }
    });

    /// <summary>RFC 7617 §2: a Basic challenge carries realm, and charset, if any, is UTF-8.</summary>
    public static RestOracle<RestResponse> BasicRealm { get; } = new("a Basic challenge carries realm=\"...\" (and charset, if any, is UTF-8)", (get, j) =>
    {
        if (get.Status != 401 || ChallengeOf(get, "basic") is not { } basic)
        {
            j.Unimplemented($"no Basic challenge to check ({get.Status})");
            return;
        }

        if (!basic.Contains("realm=\"", StringComparison.OrdinalIgnoreCase))
        {
            j.Violation($"the Basic challenge '{basic}' has no quoted realm");
        }

        if (basic.Contains("charset=", StringComparison.OrdinalIgnoreCase) && !basic.Contains("charset=\"UTF-8\"", StringComparison.OrdinalIgnoreCase))
        {
            j.Violation($"the Basic challenge '{basic}' names a charset other than UTF-8");
        }
    });

    /// <summary>RFC 6750 §3.1: a request with an invalid token gets error="invalid_token".</summary>
    public static RestOracle<RestResponse> InvalidTokenError { get; } = new("a 401 for a wrong bearer token carries error=\"invalid_token\"", (get, j) =>
    {
        if (get.Status != 401 || ChallengeOf(get, "bearer") is not { } bearer)
        {
            j.Unimplemented($"no Bearer challenge to check ({get.Status})");
        }
        else if (!bearer.Contains("error=\"invalid_token\"", StringComparison.OrdinalIgnoreCase))
        {
            j.Violation($"the Bearer challenge '{bearer}' does not say error=\"invalid_token\"");
        }
    });

    /// <summary>§11.1: "It uses a case-insensitive token to identify the authentication scheme".</summary>
    public static RestOracle<SchemeAnswers> SchemeCase { get; } = new("the authentication scheme name is matched case-insensitively (\"bearer\" works like \"Bearer\")", (seen, j) =>
    {
        if (seen.Canonical.Status != seen.Lowered.Status)
        {
            j.Violation($"the lower-case scheme name got {seen.Lowered.Status} where the canonical one got {seen.Canonical.Status}");
        }
    });

    /// <summary>RFC 6750 §3.1: a token without the scope the request needs gets 403 with error="insufficient_scope".</summary>
    public static RestOracle<RestResponse> InsufficientScope { get; } = new("403 with error=\"insufficient_scope\" for a valid token that may not write", (post, j) =>
    {
        if (post.Status != 403)
        {
            j.Violation($"a token without write access got {post.Status}, not 403");
        }
        else if (post.Joined("WWW-Authenticate")?.Contains("insufficient_scope", StringComparison.OrdinalIgnoreCase) != true)
        {
            j.Violation("the 403 does not say error=\"insufficient_scope\"");
        }
    });

    /// <summary>§11.4: a request without valid credentials for a protected resource gets 401.</summary>
    public static RestOracle<RestResponse> Credentials(string what) => new($"401 Unauthorized for a request with {what}", (get, j) =>
    {
        if (get.Status != 401)
        {
            j.Violation($"a request with {what} answered {get.Status}, not 401");
        }
    });

    private static string? ChallengeOf(RestResponse response, string scheme) =>
        response.Headers.GetValueOrDefault("WWW-Authenticate")?.FirstOrDefault(v => v.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));
}
