using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Conformance.ReferenceServer.Rest;

/// <summary>The credentials the REST API accepts; see the Rest… members of <see cref="ReferenceServerOptions"/>.</summary>
internal sealed partial record RestCredentials(string? BearerToken, string? ReadOnlyToken, string? BasicUser, string? BasicPassword)
{
    /// <summary>The realm of every challenge (RFC 9110 §11.5: a quoted-string).</summary>
    public const string Realm = "conformance";

    public bool Bearer => BearerToken is not null || ReadOnlyToken is not null;

    public bool Basic => BasicUser is not null;

    /// <summary>The credentials in <paramref name="options"/>, or null when the REST API is open.</summary>
    public static RestCredentials? From(ReferenceServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (token, name) in new[] { (options.RestBearerToken, nameof(options.RestBearerToken)), (options.RestReadOnlyToken, nameof(options.RestReadOnlyToken)) })
        {
            if (token is not null && !B64Token().IsMatch(token))
            {
                throw new ArgumentException("A bearer token must be a b64token (RFC 6750 §2.1).", name);
            }
        }

        if ((options.RestBasicUser is null) != (options.RestBasicPassword is null))
        {
            throw new ArgumentException("RestBasicUser and RestBasicPassword go together.", nameof(options));
        }

        if (options.RestBasicUser?.Contains(':', StringComparison.Ordinal) == true)
        {
            throw new ArgumentException("RFC 7617 §2: \"a user-id containing a colon character is invalid\".", nameof(options));
        }

        var credentials = new RestCredentials(options.RestBearerToken, options.RestReadOnlyToken, options.RestBasicUser, options.RestBasicPassword);
        return credentials.Bearer || credentials.Basic ? credentials : null;
    }

    /// <summary>RFC 6750 §2.1: <c>b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9._~+/-]+=*$")]
    private static partial Regex B64Token();
}

/// <summary>
/// Guards <c>/api</c> when credentials are configured, before routing decides anything else (so a missing token
/// gets 401, not 405 or 404). Challenges follow RFC 6750 §3 for Bearer and RFC 7617 §2 for Basic.
/// </summary>
internal sealed class RestAuthentication(RestCredentials credentials, bool challengeOn401)
{
    private const string BearerScheme = "Bearer";
    private const string BasicScheme = "Basic";

    /// <summary>Adds the guard for <paramref name="credentials"/>; nothing when they are null (the API is open).</summary>
    public static void Use(WebApplication app, RestCredentials? credentials, Defect defect)
    {
        if (credentials is null)
        {
            return;
        }

        var guard = new RestAuthentication(credentials, challengeOn401: defect != Defect.RestUnauthorizedWithoutChallenge);
        app.Use((context, next) => context.Request.Path.StartsWithSegments(RestApi.BasePath, StringComparison.Ordinal)
            ? guard.InvokeAsync(context, next)
            : next(context));
    }

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count > 1)
        {
            // RFC 6750 §3.1 invalid_request: "The request ... uses more than one method for including an access token".
            SetChallenges(context.Response, "invalid_request");
            await Problem.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "Send one Authorization header field.");
            return;
        }

        var (scheme, secret) = Split(authorization);
        if (scheme.Equals(BearerScheme, StringComparison.OrdinalIgnoreCase) && credentials.Bearer)
        {
            if (Matches(secret, credentials.BearerToken))
            {
                await next(context);
                return;
            }

            if (Matches(secret, credentials.ReadOnlyToken))
            {
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
                {
                    await next(context);
                    return;
                }

                // RFC 6750 §3.1 insufficient_scope: "The resource server SHOULD respond with the HTTP 403 (Forbidden) status code".
                context.Response.Headers.WWWAuthenticate = Bearer("insufficient_scope");
                await Problem.WriteAsync(context.Response, StatusCodes.Status403Forbidden, "This token may only read.");
                return;
            }

            await UnauthorizedAsync(context.Response, "invalid_token", "The bearer token is not valid.");
            return;
        }

        if (scheme.Equals(BasicScheme, StringComparison.OrdinalIgnoreCase) && credentials.Basic && BasicMatches(secret))
        {
            await next(context);
            return;
        }

        // RFC 6750 §3.1: "If the request lacks any authentication information ... the resource server SHOULD NOT
        // include an error code or other error information."
        await UnauthorizedAsync(context.Response, null, scheme.Length == 0 ? "Credentials are required." : "The credentials are not valid.");
    }

    private async Task UnauthorizedAsync(HttpResponse response, string? bearerError, string detail)
    {
        if (challengeOn401)
        {
            SetChallenges(response, bearerError);
        }

        await Problem.WriteAsync(response, StatusCodes.Status401Unauthorized, detail);
    }

    /// <summary>
    /// One WWW-Authenticate line per configured scheme. RFC 7617 §2.1: "The only allowed value is 'UTF-8'" for
    /// charset; RFC 6750 §3: the Bearer challenge carries auth-params (here always the realm).
    /// </summary>
    private void SetChallenges(HttpResponse response, string? bearerError)
    {
        string?[] challenges =
        [
            credentials.Bearer ? Bearer(bearerError) : null,
            credentials.Basic ? $"{BasicScheme} realm=\"{RestCredentials.Realm}\", charset=\"UTF-8\"" : null,
        ];
        response.Headers.WWWAuthenticate = new StringValues([.. challenges.OfType<string>()]);
    }

    private static string Bearer(string? error) =>
        error is null ? $"{BearerScheme} realm=\"{RestCredentials.Realm}\"" : $"{BearerScheme} realm=\"{RestCredentials.Realm}\", error=\"{error}\"";

    /// <summary>The auth-scheme (RFC 9110 §11.1: "a case-insensitive token") and what follows it.</summary>
    private static (string Scheme, string Secret) Split(StringValues authorization)
    {
        var value = authorization.ToString().Trim();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (value, "") : (value[..space], value[(space + 1)..].Trim());
    }

    private bool BasicMatches(string secret)
    {
        // RFC 7617 §2: the user-pass "is then encoded into an octet sequence" (UTF-8 with charset="UTF-8") and Base64.
        var decoded = new byte[secret.Length];
        if (!Convert.TryFromBase64String(secret, decoded, out var length))
        {
            return false;
        }

        var userPass = Encoding.UTF8.GetString(decoded, 0, length);
        var colon = userPass.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && Matches(userPass[..colon], credentials.BasicUser) && Matches(userPass[(colon + 1)..], credentials.BasicPassword);
    }

    /// <summary>Compares in constant time, so the fixture does not teach timing attacks.</summary>
    private static bool Matches(string presented, string? expected) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
