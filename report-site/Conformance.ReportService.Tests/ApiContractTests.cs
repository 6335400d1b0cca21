using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Conformance.ReportService.Tests.Infrastructure;

namespace Conformance.ReportService.Tests;

/// <summary>Every status the /api/v1 contract promises, against each store.</summary>
[TestFixture(StoreKind.Sqlite)]
[TestFixture(StoreKind.Postgres)]
public sealed class ApiContractTests(StoreKind kind)
{
    private ServiceHarness _service = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _service = await ServiceHarness.StartAsync(kind);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Test]
    public async Task Upload_answers_201_with_a_Location_that_serves_the_run_and_its_provenance()
    {
        using var created = await _service.UploadAsync(Samples.Json(Samples.Report("created-impl", "1.2.3")));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var location = created.Headers.Location!;
        Assert.That(location.OriginalString, Does.StartWith("/api/v1/runs/"));
        using var run = await _service.Client.GetAsync(location);
        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await run.Content.ReadAsStringAsync());
        var root = body.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("implementation").GetString(), Is.EqualTo("created-impl"));
            Assert.That(root.GetProperty("version").GetString(), Is.EqualTo("1.2.3"));
            Assert.That(root.GetProperty("uploadedBy").GetString(), Is.EqualTo("uploader"));
            Assert.That(root.GetProperty("tool").GetString(), Is.EqualTo("conformance 0.1.0"));
            Assert.That(root.GetProperty("catalogue").GetProperty("hash").GetString(), Is.EqualTo(SampleResults.CatalogueHash));
            Assert.That(root.GetProperty("verdicts").GetProperty("fail").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("verdicts").GetProperty("non-strict").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("results").GetProperty("cases").GetArrayLength(), Is.EqualTo(3));
            Assert.That(run.Headers.ETag, Is.Not.Null);
        }
    }

    [Test]
    public async Task A_matching_If_None_Match_gets_304_without_content()
    {
        using var created = await _service.UploadAsync(Samples.Json());
        using var first = await _service.Client.GetAsync(created.Headers.Location);
        var tag = first.Headers.ETag!;
        Assert.That(tag.IsWeak, Is.False, "a stored run never changes, so its tag is strong");

        using var again = new HttpRequestMessage(HttpMethod.Get, created.Headers.Location);
        again.Headers.IfNoneMatch.Add(tag);
        using var second = await _service.Client.SendAsync(again);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(second.Headers.ETag, Is.EqualTo(tag));
    }

    [TestCase("api/v1/runs")]
    [TestCase("api/v1/implementations")]
    public async Task Collections_carry_a_weak_ETag_that_revalidates(string path)
    {
        using var created = await _service.UploadAsync(Samples.Json());
        using var first = await _service.Client.GetAsync(path);
        Assert.That(first.Headers.ETag!.IsWeak, Is.True);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag);
        using var second = await _service.Client.SendAsync(again);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Missing_token_gets_401_with_a_Bearer_challenge()
    {
        using var response = await _service.UploadAsync(Samples.Json(), token: null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
        Assert.That(response.Headers.WwwAuthenticate.Single().Parameter, Does.Not.Contain("error="));
    }

    [TestCase("cfr_000000000000_AAAA", TestName = "Unknown token gets 401 invalid_token")]
    [TestCase("not-a-token-at-all", TestName = "Malformed token gets 401 invalid_token")]
    [TestCase("revoked", TestName = "Revoked token gets 401 invalid_token")]
    public async Task Bad_token_gets_401_invalid_token(string token)
    {
        using var response = await _service.UploadAsync(Samples.Json(), token);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.Single().Parameter, Does.Contain("error=\"invalid_token\""));
    }

    [Test]
    public async Task A_right_token_with_one_character_changed_is_refused()
    {
        var secret = _service.Tokens["uploader"];
        var altered = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');

        using var response = await _service.UploadAsync(Samples.Json(), altered);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_token_scoped_to_one_implementation_cannot_upload_another()
    {
        using var own = await _service.UploadAsync(Samples.Json(Samples.Report("ws")), "ws-only");
        using var other = await _service.UploadAsync(Samples.Json(Samples.Report("uWebSockets")), "ws-only");

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await AssertProblemAsync(other, HttpStatusCode.Forbidden);
        Assert.That(other.Headers.WwwAuthenticate.Single().Parameter, Does.Contain("insufficient_scope"));
    }

    [TestCase("{\"schemaVersion\": 1, ", TestName = "Truncated JSON gets 400")]
    [TestCase("not json", TestName = "Text gets 400")]
    [TestCase("", TestName = "Empty body gets 400")]
    public async Task Malformed_JSON_gets_400(string body)
    {
        using var response = await _service.UploadAsync(body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task JSON_nested_deeper_than_64_gets_400()
    {
        using var response = await _service.UploadAsync(Samples.Nested(65));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_document_against_the_schema_gets_422_with_the_errors()
    {
        var json = Samples.Json().Replace("\"verdict\": \"fail\"", "\"verdict\": \"sort-of\"", StringComparison.Ordinal);

        using var response = await _service.UploadAsync(json);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()), Has.Some.Contains("/cases/1/verdict"));
    }

    [Test]
    public async Task A_run_without_an_implementation_name_gets_422()
    {
        using var response = await _service.UploadAsync(Samples.Json(Samples.Report() with { Run = Samples.Report().Run with { Implementation = new() } }));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task A_body_over_the_limit_gets_413()
    {
        // The harness allows 256 KiB; the observed text makes the document about 600 KiB.
        using var response = await _service.UploadAsync(Samples.Json(Samples.Report(observed: new string('x', 200 * 1024))));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task A_gzip_body_is_accepted()
    {
        using var response = await _service.SendAsync(HttpMethod.Post, "api/v1/runs", Gzip(Encoding.UTF8.GetBytes(Samples.Json())), "uploader");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_gzip_body_that_inflates_past_the_limit_gets_413()
    {
        // 4 MiB of spaces (valid JSON whitespace) compress to a few KiB: small on the wire, 16 times the limit inflated.
        var bomb = Encoding.UTF8.GetBytes(new string(' ', 4 * 1024 * 1024) + Samples.Json());

        using var response = await _service.SendAsync(HttpMethod.Post, "api/v1/runs", Gzip(bomb), "uploader");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task A_body_that_is_not_JSON_gets_415()
    {
        using var response = await _service.SendAsync(HttpMethod.Post, "api/v1/runs", new StringContent(Samples.Json(), Encoding.UTF8, "text/plain"), "uploader");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Delete_needs_an_admin_token_then_the_run_is_gone()
    {
        using var created = await _service.UploadAsync(Samples.Json());
        var location = created.Headers.Location!.OriginalString;

        using var anonymous = await _service.SendAsync(HttpMethod.Delete, location);
        using var uploader = await _service.SendAsync(HttpMethod.Delete, location, token: "uploader");
        using var admin = await _service.SendAsync(HttpMethod.Delete, location, token: "admin");
        using var after = await _service.Client.GetAsync(location);
        using var again = await _service.SendAsync(HttpMethod.Delete, location, token: "admin");

        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(uploader, HttpStatusCode.Forbidden);
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(after, HttpStatusCode.NotFound);
        await AssertProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Runs_are_paged_newest_first_and_filtered()
    {
        var implementation = "paged-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        foreach (var version in new[] { "1", "2", "3" })
        {
            using var created = await _service.UploadAsync(Samples.Json(Samples.Report(implementation, version, catalogueVersion: version == "3" ? "2027.1" : "2026.11.2")));
            ids.Add(created.Headers.Location!.OriginalString.Split('/')[^1]);
        }

        using var first = await _service.Client.GetAsync($"api/v1/runs?implementation={implementation}&pageSize=2");
        using var page1 = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var next = page1.RootElement.GetProperty("next").GetString()!;
        using var second = await _service.Client.GetAsync(next);
        using var page2 = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        using var byCatalogue = await _service.Client.GetAsync($"api/v1/runs?implementation={implementation}&catalogueVersion=2027.1");
        using var byVersion = await _service.Client.GetAsync($"api/v1/runs?implementation={implementation}&version=2");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page1.RootElement.GetProperty("total").GetInt64(), Is.EqualTo(3));
            Assert.That(first.Headers.GetValues("Link").Single(), Is.EqualTo($"<{next}>; rel=\"next\""));
            Assert.That(Ids(page1).Concat(Ids(page2)), Is.EquivalentTo(ids));
            Assert.That(page2.RootElement.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(second.Headers.Contains("Link"), Is.False);
            Assert.That(Ids(JsonDocument.Parse(await byCatalogue.Content.ReadAsStringAsync())), Is.EqualTo(new[] { ids[2] }));
            Assert.That(Ids(JsonDocument.Parse(await byVersion.Content.ReadAsStringAsync())), Is.EqualTo(new[] { ids[1] }));
        }
    }

    [TestCase("api/v1/runs?pageSize=101")]
    [TestCase("api/v1/runs?pageSize=0")]
    [TestCase("api/v1/runs?page=0")]
    [TestCase("api/v1/runs?page=many")]
    public async Task A_page_out_of_range_gets_400(string path)
    {
        using var response = await _service.Client.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Implementations_list_their_run_count_and_latest_run()
    {
        var implementation = "impl-" + Guid.NewGuid().ToString("N")[..8];
        using var older = await _service.UploadAsync(Samples.Json(Samples.Report(implementation, "1.0")));
        await Task.Delay(5);
        using var newer = await _service.UploadAsync(Samples.Json(Samples.Report(implementation, "2.0")));

        using var response = await _service.Client.GetAsync("api/v1/implementations");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = body.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == implementation);

        Assert.That(entry.GetProperty("runs").GetInt64(), Is.EqualTo(2));
        Assert.That(entry.GetProperty("latest").GetProperty("version").GetString(), Is.EqualTo("2.0"));
    }

    [TestCase("PUT", "api/v1/runs", "GET, HEAD, OPTIONS, POST")]
    [TestCase("PATCH", "api/v1/runs/abc", "DELETE, GET, HEAD, OPTIONS")]
    [TestCase("POST", "api/v1/implementations", "GET, HEAD, OPTIONS")]
    public async Task A_wrong_method_gets_405_with_Allow(string method, string path, string allow)
    {
        using var response = await _service.SendAsync(new HttpMethod(method), path, new StringContent("{}", Encoding.UTF8, "application/json"), "admin");

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.That(response.Content.Headers.Allow.Order(StringComparer.Ordinal), Is.EqualTo(allow.Split(", ")));
    }

    [TestCase("api/v1/runs", "GET, HEAD, OPTIONS, POST")]
    [TestCase("api/v1/runs/abc", "DELETE, GET, HEAD, OPTIONS")]
    public async Task OPTIONS_lists_the_methods_in_Allow(string path, string allow)
    {
        using var response = await _service.SendAsync(HttpMethod.Options, path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(response.Content.Headers.Allow, Is.EqualTo(allow.Split(", ")));
    }

    [Test]
    public async Task An_unknown_method_gets_501()
    {
        using var response = await _service.SendAsync(new HttpMethod("CONFORMANCEPROBE"), "api/v1/runs");

        await AssertProblemAsync(response, HttpStatusCode.NotImplemented);
    }

    [Test]
    public async Task A_wrong_token_gets_401_even_where_reading_needs_none()
    {
        using var anonymous = await _service.Client.GetAsync("api/v1/runs");
        using var wrong = await _service.SendAsync(HttpMethod.Get, "api/v1/runs", token: "revoked");

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.That(wrong.Headers.WwwAuthenticate.Single().Parameter, Does.Contain("error=\"invalid_token\""));
    }

    [TestCase("api/v1/runs/no-such-run")]
    [TestCase("api/v1/nothing-here")]
    public async Task An_unknown_resource_gets_404_problem(string path)
    {
        using var response = await _service.Client.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Head_of_a_run_has_GETs_headers_and_no_content()
    {
        using var created = await _service.UploadAsync(Samples.Json());
        using var get = await _service.Client.GetAsync(created.Headers.Location);
        using var head = await _service.SendAsync(HttpMethod.Head, created.Headers.Location!.OriginalString);

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        using var problem = JsonDocument.Parse(text);
        Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
        return problem.RootElement.Clone();
    }

    private static ByteArrayContent Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private static List<string> Ids(JsonDocument page) =>
        page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
}
