using System.Text;
using Conformance.ReportService.Auth;
using Conformance.ReportService.Tests.Infrastructure;

namespace Conformance.ReportService.Tests;

/// <summary>Tokens: shown once, stored as a hash, checked in constant time, revocable.</summary>
[TestFixture(StoreKind.Sqlite)]
[TestFixture(StoreKind.Postgres)]
public sealed class TokenTests(StoreKind kind)
{
    [Test]
    public async Task Only_the_hash_of_a_token_is_stored()
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var reports = await store.OpenAsync();
        var issued = ApiTokens.Issue("ci", "ws", admin: false, DateTimeOffset.UtcNow);

        Assert.That(await reports.AddTokenAsync(issued.Record), Is.True);
        var secretPart = issued.Secret.Split('_')[^1];

        Assert.That(await store.CountAsync($"SELECT COUNT(*) FROM tokens WHERE sha256 = '{Convert.ToHexStringLower(ApiTokens.Hash(issued.Secret))}'"), Is.EqualTo(1));
        Assert.That(await store.CountAsync($"SELECT COUNT(*) FROM tokens WHERE name LIKE '%{secretPart}%' OR prefix LIKE '%{secretPart}%' OR sha256 LIKE '%{secretPart}%'"), Is.Zero);
        if (kind == StoreKind.Sqlite)
        {
            // Not in the database file or its WAL either, in any form.
            foreach (var file in Directory.GetFiles(store.DataDirectory))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream, Encoding.Latin1);
                Assert.That(await reader.ReadToEndAsync(), Does.Not.Contain(secretPart), file);
            }
        }
    }

    [Test]
    public async Task A_token_name_is_used_once()
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var reports = await store.OpenAsync();

        Assert.That(await reports.AddTokenAsync(ApiTokens.Issue("ci", null, false, DateTimeOffset.UtcNow).Record), Is.True);
        Assert.That(await reports.AddTokenAsync(ApiTokens.Issue("ci", null, true, DateTimeOffset.UtcNow).Record), Is.False);
    }

    [Test]
    public async Task Revoking_marks_the_token_once()
    {
        await using var store = await TestStore.CreateAsync(kind);
        await using var reports = await store.OpenAsync();
        var issued = ApiTokens.Issue("ci", null, false, DateTimeOffset.UtcNow);
        await reports.AddTokenAsync(issued.Record);

        Assert.That(await reports.RevokeTokenAsync("ci", DateTimeOffset.UtcNow), Is.True);
        Assert.That(await reports.RevokeTokenAsync("ci", DateTimeOffset.UtcNow), Is.False);
        Assert.That(await reports.RevokeTokenAsync("nobody", DateTimeOffset.UtcNow), Is.False);
        Assert.That((await reports.FindTokenAsync(issued.Record.Prefix))!.RevokedAt, Is.Not.Null);
    }

    [Test]
    public void A_token_has_its_marker_and_matches_only_itself()
    {
        var issued = ApiTokens.Issue("ci", null, false, DateTimeOffset.UtcNow);
        var other = ApiTokens.Issue("ci", null, false, DateTimeOffset.UtcNow);

        Assert.That(issued.Secret, Does.Match("^cfr_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$"));
        Assert.That(ApiTokens.PrefixOf(issued.Secret), Is.EqualTo(issued.Record.Prefix));
        Assert.That(ApiTokens.Matches(issued.Record, issued.Secret), Is.True);
        Assert.That(ApiTokens.Matches(issued.Record, other.Secret), Is.False);
        Assert.That(ApiTokens.Matches(issued.Record, issued.Secret + "x"), Is.False);
        Assert.That(ApiTokens.PrefixOf("Bearer nonsense"), Is.Null);
        Assert.That(ApiTokens.PrefixOf("cfr_short_x"), Is.Null);
    }
}
