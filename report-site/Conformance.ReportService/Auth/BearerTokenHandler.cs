using System.Security.Claims;
using System.Text.Encodings.Web;
using Conformance.ReportService.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Conformance.ReportService.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer cfr_...</c> against the token table (RFC 6750). There are no cookies,
/// so no request is authenticated by the browser on its own and there is no CSRF surface. Nothing here logs the
/// header: a token never reaches a log.
/// </summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IReportStore store, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string ImplementationClaim = "implementation";
    public const string AdminRole = "admin";

    /// <summary>RFC 6750 §3: the realm names the protection space in every challenge.</summary>
    private const string Realm = "realm=\"conformance-reports\"";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        // RFC 9110 §11.1: the scheme name is case-insensitive.
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = header[(SchemeName.Length + 1)..].Trim();
        var record = ApiTokens.PrefixOf(presented) is { } prefix ? await store.FindTokenAsync(prefix, Context.RequestAborted) : null;
        if (record is null || !ApiTokens.Matches(record, presented) || record.RevokedAt is not null)
        {
            // One answer for unknown, wrong and revoked tokens: the caller learns nothing about which tokens exist.
            return AuthenticateResult.Fail("The token is unknown, wrong or revoked.");
        }

        List<Claim> claims = [new(ClaimTypes.Name, record.Name)];
        if (record.Implementation is { } implementation)
        {
            claims.Add(new Claim(ImplementationClaim, implementation));
        }

        if (record.Admin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    /// <summary>RFC 6750 §3.1: 401 with a Bearer challenge; error="invalid_token" when a token was presented.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var presented = result.Failure is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = presented ? $"Bearer {Realm}, error=\"invalid_token\"" : $"Bearer {Realm}";
        await WriteProblemAsync(presented ? "The bearer token is unknown, wrong or revoked." : "This needs a bearer token (Authorization: Bearer cfr_...).");
    }

    /// <summary>RFC 6750 §3.1: 403 with error="insufficient_scope" for a valid token without the right.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer {Realm}, error=\"insufficient_scope\"";
        await WriteProblemAsync("This token may not do that (it needs an admin token).");
    }

    private async Task WriteProblemAsync(string detail) =>
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = Response.StatusCode, Detail = detail },
        });
}
