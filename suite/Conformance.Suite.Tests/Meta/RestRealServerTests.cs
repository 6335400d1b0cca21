using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>
/// The REST catalogue against an API nobody on this project wrote: npm json-server 0.17.4 through its own CLI.
/// Every verdict that is not a pass is pinned with its clause and what the server answered.
/// </summary>
[TestFixture]
[Category("Meta")]
public sealed class RestRealServerTests
{
    private const string JsonServerProfile = "fixtures/json-server/json-server.profile.yaml";

    [Test]
    public async Task Json_server_gets_only_the_verdicts_its_real_behaviour_earns()
    {
        await using var server = await ExternalServer.StartJsonServerAsync();
        var results = await MetaRun.RestAsync(server.HttpUri, JsonServerProfile);

        var expected = new Dictionary<string, Verdict>
        {
            // Not declared in its profile: json-server has no authentication, no problem details, no PUT-creates, no
            // body limit and no redirects.
            ["rest.problem.status-member-equals-status"] = Verdict.Unimplemented,
            ["rest.lifecycle.put-upsert-201"] = Verdict.Unimplemented,
            ["rest.limits.body-over-limit-413"] = Verdict.Unimplemented,
            ["rest.methods.redirect-has-location"] = Verdict.Unimplemented,
            // §12.5.5: json-server ignores Accept (200 either way), so nothing varies and no Vary is owed.
            ["rest.negotiation.vary-accept"] = Verdict.Unimplemented,
            // §15.5.6: DELETE /posts (a collection that does not allow it) answers 404 {} instead of 405 — so there is
            // no 405 whose Allow could be checked.
            ["rest.methods.405-for-disallowed-method"] = Verdict.NonStrict,
            ["rest.methods.allow-on-405"] = Verdict.Unimplemented,
            // §9.1: an unrecognised method gets 400 from Node's HTTP parser, not 501.
            ["rest.methods.501-for-unknown-method"] = Verdict.NonStrict,
            // §9.3.7: OPTIONS is answered by the CORS middleware: 204 without Allow.
            ["rest.methods.options-has-allow"] = Verdict.NonStrict,
            // §8.6 MUST NOT: that 204 carries "Content-Length: 0".
            ["rest.headers.no-content-length-on-204"] = Verdict.Fail,
            // §5.6.7 MUST: "Expires: -1" (from the no-cache middleware) is not an IMF-fixdate.
            ["rest.headers.dates-are-imf-fixdate"] = Verdict.Fail,
            // §15.5.16: a text/plain body is stored as an empty record (201), not refused with 415.
            ["rest.negotiation.415-for-unsupported-content-type"] = Verdict.NonStrict,
            // §15.5.21: the array [1, 2, 3] is stored (201) instead of being refused with 400/422.
            ["rest.bodies.wrong-shape-rejected"] = Verdict.NonStrict,
            // §13.1.1 MUST NOT perform: a PUT with a stale or weak If-Match is applied (200); If-None-Match: * too.
            ["rest.conditional.stale-if-match-412"] = Verdict.Fail,
            ["rest.conditional.weak-if-match-412"] = Verdict.Fail,
            ["rest.conditional.if-none-match-star-on-put-412"] = Verdict.Fail,
            // RFC 9112 §3.2 MUST: a request with two Host lines is answered 200 (Node keeps the first).
            ["rest.framing.two-hosts-400"] = Verdict.Fail,
            // RFC 9112 §3 MUST: a 64 KiB request-target gets 431 (Node's header size limit), not 414.
            ["rest.framing.huge-target-414"] = Verdict.Fail,
        };

        foreach (var auth in Repository.RestCases.Where(c => c.Area == "auth"))
        {
            expected[auth.Id] = Verdict.Unimplemented;
        }

        var pinned = Repository.RestCases.ToDictionary(c => c.Id, c => Verdicts.Word(expected.GetValueOrDefault(c.Id, Verdict.Pass)));
        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(pinned), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
    }
}
