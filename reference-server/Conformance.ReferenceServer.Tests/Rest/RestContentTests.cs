using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>Negotiation, request content and problem details of the reference REST API (RFC 9110 §12, §15.5; RFC 9457).</summary>
public sealed class RestContentTests : RestReferenceTests
{
    private static readonly string[] JsonOnly = ["application/json"];
    private static readonly string[] VaryAccept = ["Accept"];

    [TestCase("items", "application/xml")]
    [TestCase("notes/1", "text/html, application/xml;q=0.9")]
    [TestCase("notes", "application/json;q=0, */*")]
    [TestCase("items", "application/problem+json")]
    public async Task An_Accept_that_rules_json_out_gets_406_listing_application_json(string url, string accept)
    {
        using var response = await Http.SendAsync(RestHttp.Message(HttpMethod.Get, url, ("Accept", accept)));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        await RestHttp.AssertProblemAsync(response, 406);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.RootElement.GetProperty("available").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(JsonOnly));
            Assert.That(response.Headers.Vary, Is.EqualTo(VaryAccept));
        }
    }

    [TestCase("*/*")]
    [TestCase("application/*")]
    [TestCase("application/json")]
    [TestCase("text/html;q=0.9, application/json;q=0.1")]
    [TestCase("application/*;q=0, application/json")]
    public async Task An_Accept_that_allows_json_gets_200_with_Vary_Accept(string accept)
    {
        using var response = await Http.SendAsync(RestHttp.Message(HttpMethod.Get, "notes/1", ("Accept", accept)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(response.Headers.Vary, Is.EqualTo(VaryAccept));
        }
    }

    [TestCase("POST", "text/plain")]
    [TestCase("POST", "application/xml")]
    [TestCase("POST", null)]
    [TestCase("PUT", "text/plain")]
    [TestCase("PUT", null)]
    public async Task Content_that_is_not_declared_json_gets_415_with_Accept_and_creates_nothing(string method, string? contentType)
    {
        var before = await RestHttp.CountAsync(Http);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(RestHttp.Sample));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var message = new HttpRequestMessage(new HttpMethod(method), method == "POST" ? "items" : "items/typed") { Content = content };
        using var response = await Http.SendAsync(message);

        await RestHttp.AssertProblemAsync(response, 415);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.GetValues("Accept"), Is.EqualTo(JsonOnly));
            Assert.That(response.Headers.TryGetValues("Accept-Post", out var acceptPost) ? acceptPost : [], method == "POST" ? Is.EqualTo(JsonOnly) : Is.Empty);
            Assert.That(await RestHttp.CountAsync(Http), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Json_with_a_charset_parameter_or_in_upper_case_is_json()
    {
        var content = new StringContent(RestHttp.Sample, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("Application/JSON; charset=utf-8");

        using var response = await Http.PostAsync("items", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase("POST", """{"name": "widget", """)]
    [TestCase("POST", "")]
    [TestCase("POST", "{name: 'widget'}")]
    [TestCase("PUT", "[1, 2")]
    public async Task Content_that_is_not_well_formed_json_gets_400_and_creates_nothing(string method, string json)
    {
        var before = await RestHttp.CountAsync(Http);

        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), method == "POST" ? "items" : "items/malformed") { Content = RestHttp.Json(json) });

        await RestHttp.AssertProblemAsync(response, 400);
        Assert.That(await RestHttp.CountAsync(Http), Is.EqualTo(before));
    }

    [Test]
    public async Task Content_that_is_not_utf8_gets_400()
    {
        using var response = await Http.PostAsync("items", new ByteArrayContent([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]) // {"<FF FE>":1}
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        });

        await RestHttp.AssertProblemAsync(response, 400);
    }

    [TestCase("""{"price": "not a number"}""", TestName = "{m}(the profile's invalid sample)")]
    [TestCase("""{"price": 3}""", TestName = "{m}(no name)")]
    [TestCase("""{"name": 7}""", TestName = "{m}(a numeric name)")]
    [TestCase("""{"name": ""}""", TestName = "{m}(an empty name)")]
    [TestCase("""{"name": "widget", "price": "3"}""", TestName = "{m}(a string price)")]
    [TestCase("""{"name": "widget", "price": -1}""", TestName = "{m}(a negative price)")]
    [TestCase("""{"name": "widget", "price": null}""", TestName = "{m}(a null price)")]
    [TestCase("""[{"name": "widget"}]""", TestName = "{m}(an array)")]
    [TestCase("\"widget\"", TestName = "{m}(a string)")]
    [TestCase("null", TestName = "{m}(null)")]
    public async Task Well_formed_json_that_is_not_an_item_gets_422_and_creates_nothing(string json)
    {
        var before = await RestHttp.CountAsync(Http);

        using var posted = await Http.PostAsync("items", RestHttp.Json(json));
        using var put = await Http.PutAsync("items/shapeless", RestHttp.Json(json));
        using var fetched = await Http.GetAsync("items/shapeless");

        await RestHttp.AssertProblemAsync(posted, 422);
        await RestHttp.AssertProblemAsync(put, 422);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await RestHttp.CountAsync(Http), Is.EqualTo(before));
            Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task A_name_of_100_characters_is_an_item_and_one_of_101_is_not()
    {
        using var longest = await Http.PostAsync("items", RestHttp.Json($$"""{"name": "{{new string('n', 100)}}"}"""));
        using var tooLong = await Http.PostAsync("items", RestHttp.Json($$"""{"name": "{{new string('n', 101)}}"}"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(longest.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(tooLong.StatusCode, Is.EqualTo((HttpStatusCode)422));
        }
    }
}
