using System.Globalization;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>General response header fields of the reference REST API (RFC 9110 §5.6.7, §6.6.1, §8.8).</summary>
public sealed class RestHeaderTests : RestReferenceTests
{
    [TestCase("GET", "/api/items/{id}")]
    [TestCase("GET", "/api/items")]
    [TestCase("GET", "/api/items/missing")]
    [TestCase("OPTIONS", "/api/notes")]
    [TestCase("DELETE", "/api/notes")]
    [TestCase("FOO", "/api/notes")]
    [TestCase("DELETE", "/api/items/{id}")]
    public async Task Every_response_carries_one_imf_fixdate_Date(string method, string target)
    {
        target = target.Replace("{id}", await RestHttp.CreateItemAsync(Http), StringComparison.Ordinal);

        var raw = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request(method, target));

        Assert.That(raw.Head.Values("Date"), Has.Count.EqualTo(1).And.All.Match(RestHttp.ImfFixdate()));
    }

    [Test]
    public async Task An_item_has_a_strong_quoted_ETag_and_a_Last_Modified_never_later_than_Date()
    {
        // Right after each change: Kestrel's own Date lags the clock by up to a second, so this is where it would show.
        for (var i = 0; i < 5; i++)
        {
            var id = await RestHttp.CreateItemAsync(Http);
            var raw = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("GET", $"/api/items/{id}"));
            var lastModified = raw.Head.Joined("Last-Modified");

            using (Assert.EnterMultipleScope())
            {
                Assert.That(raw.Head.Joined("ETag"), Does.Match(RestHttp.EntityTag()).And.StartsWith("\""), "strong");
                Assert.That(lastModified, Does.Match(RestHttp.ImfFixdate()));
                Assert.That(ParseDate(lastModified), Is.LessThanOrEqualTo(ParseDate(raw.Head.Joined("Date"))));
                Assert.That(raw.Head.Joined("Content-Type"), Is.EqualTo("application/json"));
                Assert.That(raw.Head.Joined("Vary"), Is.EqualTo("Accept"));
                Assert.That(raw.Head.Joined("Content-Length"), Is.EqualTo(raw.Content.Length.ToString(CultureInfo.InvariantCulture)));
                Assert.That(raw.Head.Values("Transfer-Encoding"), Is.Empty);
            }
        }
    }

    [Test]
    public async Task The_collection_has_a_weak_ETag_that_changes_with_its_content()
    {
        using var before = await Http.GetAsync("items");
        await RestHttp.CreateItemAsync(Http);
        using var after = await Http.GetAsync("items");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before.Headers.ETag?.IsWeak, Is.True);
            Assert.That(before.Headers.ETag?.ToString(), Does.Match(RestHttp.EntityTag()));
            Assert.That(after.Headers.ETag, Is.Not.EqualTo(before.Headers.ETag));
        }
    }

    private static DateTimeOffset ParseDate(string imfFixdate) =>
        DateTimeOffset.ParseExact(imfFixdate, "r", CultureInfo.InvariantCulture);
}
