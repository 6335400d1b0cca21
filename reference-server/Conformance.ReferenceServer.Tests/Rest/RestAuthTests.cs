using System.Net;
using System.Text;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>The reference REST API with credentials configured (RFC 9110 §11, RFC 6750 §3, RFC 7617 §2).</summary>
public sealed class RestAuthTests
{
    private const string Token = "full-access-token";
    private const string ReadOnlyToken = "read-only-token";
    private const string User = "tester";
    private const string Password = "pässword"; // not ASCII: RFC 7617 §2.1's charset="UTF-8" matters

    private const string BearerChallenge = "Bearer realm=\"conformance\"";
    private const string BasicChallenge = "Basic realm=\"conformance\", charset=\"UTF-8\"";

    private ReferenceServer _bearer = null!;
    private ReferenceServer _basic = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _bearer = await ReferenceServer.StartAsync(new ReferenceServerOptions { RestBearerToken = Token, RestReadOnlyToken = ReadOnlyToken });
        _basic = await ReferenceServer.StartAsync(new ReferenceServerOptions { RestBasicUser = User, RestBasicPassword = Password });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _bearer.DisposeAsync();
        await _basic.DisposeAsync();
    }

    [TestCase("GET", "items")]
    [TestCase("OPTIONS", "notes")]
    [TestCase("DELETE", "items", TestName = "{m}(before a 405)")]
    [TestCase("FOO", "items", TestName = "{m}(before a 501)")]
    [TestCase("GET", "nothing", TestName = "{m}(before a 404)")]
    public async Task No_credentials_get_401_with_a_bearer_challenge_without_an_error(string method, string url)
    {
        using var http = RestHttp.Client(_bearer);

        using var response = await http.SendAsync(RestHttp.Message(new HttpMethod(method), url));

        await RestHttp.AssertProblemAsync(response, 401);
        Assert.That(Challenges(response), Is.EqualTo(new[] { BearerChallenge }));
    }

    [TestCase("Bearer", "wrong-token")]
    [TestCase("bearer", "wrong-token")]
    public async Task A_wrong_token_gets_401_with_invalid_token(string scheme, string token)
    {
        var raw = await RestHttp.ExchangeAsync(_bearer.Port, RestHttp.Request("GET", "/api/items", $"Authorization: {scheme} {token}"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(raw.Head.StatusCode, Is.EqualTo(401));
            Assert.That(raw.Head.Values("WWW-Authenticate"), Is.EqualTo(new[] { BearerChallenge + ", error=\"invalid_token\"" }));
        }
    }

    [TestCase("Bearer")]
    [TestCase("bearer")]
    [TestCase("BEARER")]
    public async Task The_token_opens_everything_whatever_the_case_of_the_scheme(string scheme)
    {
        using var http = RestHttp.Client(_bearer, scheme, Token);

        var id = await RestHttp.CreateItemAsync(http);
        using var deleted = await http.DeleteAsync($"items/{id}");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task The_read_only_token_reads_but_gets_403_with_insufficient_scope_for_anything_else()
    {
        using var reader = RestHttp.Client(_bearer, "Bearer", ReadOnlyToken);

        using var read = await reader.GetAsync("notes/1");
        using var options = await reader.SendAsync(RestHttp.Message(HttpMethod.Options, "items"));
        using var write = await reader.PostAsync("items", RestHttp.Json(RestHttp.Sample));

        await RestHttp.AssertProblemAsync(write, 403);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Challenges(write), Is.EqualTo(new[] { BearerChallenge + ", error=\"insufficient_scope\"" }));
        }
    }

    [Test]
    public async Task Two_Authorization_fields_get_400_with_invalid_request()
    {
        var raw = await RestHttp.ExchangeAsync(_bearer.Port, RestHttp.Request("GET", "/api/items", $"Authorization: Bearer {Token}", $"Authorization: Bearer {Token}"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(raw.Head.StatusCode, Is.EqualTo(400));
            Assert.That(raw.Head.Joined("WWW-Authenticate"), Is.EqualTo(BearerChallenge + ", error=\"invalid_request\""));
        }
    }

    [Test]
    public async Task No_credentials_for_basic_get_401_with_a_realm_and_charset_UTF8()
    {
        using var http = RestHttp.Client(_basic);

        using var response = await http.GetAsync("items");

        await RestHttp.AssertProblemAsync(response, 401);
        Assert.That(Challenges(response), Is.EqualTo(new[] { BasicChallenge }));
    }

    [TestCase("Basic", User, Password, 200)]
    [TestCase("basic", User, Password, 200)]
    [TestCase("Basic", User, "wrong", 401)]
    [TestCase("Basic", "someone", Password, 401)]
    [TestCase("Bearer", User, Password, 401)]
    public async Task Basic_credentials_are_checked_as_utf8_and_the_scheme_case_does_not_matter(string scheme, string user, string password, int status)
    {
        using var http = RestHttp.Client(_basic, scheme, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

        using var response = await http.GetAsync("items");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status));
            Assert.That(Challenges(response), status == 401 ? Is.EqualTo(new[] { BasicChallenge }) : Is.Empty);
        }
    }

    [Test]
    public async Task Both_schemes_configured_offer_both_challenges_and_accept_either()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { RestBearerToken = Token, RestBasicUser = User, RestBasicPassword = Password });
        using var anonymous = RestHttp.Client(server);
        using var bearer = RestHttp.Client(server, "Bearer", Token);
        using var basic = RestHttp.Client(server, "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));

        using var refused = await anonymous.GetAsync("items");
        using var withToken = await bearer.GetAsync("items");
        using var withPassword = await basic.GetAsync("items");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(Challenges(refused), Is.EqualTo(new[] { BearerChallenge, BasicChallenge }));
            Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(withPassword.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Only_the_api_is_guarded()
    {
        using var http = RestHttp.Client(_bearer);
        using var client = await Clients.ConnectAsync(_bearer);

        using var banner = await http.GetAsync(_bearer.BaseUri);

        Assert.That(banner.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Invalid_credential_options_are_refused_before_the_server_starts()
    {
        using (Assert.EnterMultipleScope())
        {
            await Assert.ThrowsAsync<ArgumentException>(() => ReferenceServer.StartAsync(new ReferenceServerOptions { RestBasicUser = User }));
            await Assert.ThrowsAsync<ArgumentException>(() => ReferenceServer.StartAsync(new ReferenceServerOptions { RestBasicUser = "a:b", RestBasicPassword = Password }));
            await Assert.ThrowsAsync<ArgumentException>(() => ReferenceServer.StartAsync(new ReferenceServerOptions { RestBearerToken = "has space" }));
        }
    }

    /// <summary>Every WWW-Authenticate line, as sent.</summary>
    private static string[] Challenges(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values) ? [.. values] : [];
}
