using Conformance.ReferenceServer;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>
/// The REST catalogue against the bundled reference API (no case may fail) and against its fixture variants, each
/// with one deliberate defect: the cases whose verdict changes must be exactly the declared ones.
/// </summary>
[TestFixture]
[Category("Meta")]
public sealed class RestFixtureTests
{
    private const string OpenProfile = "fixtures/rest/reference.profile.yaml";
    private const string AuthProfile = "fixtures/rest/reference-auth.profile.yaml";
    private const string Token = "conformance-test-token-4f1c";
    private const string ReadOnlyToken = "conformance-test-read-only-9d2e";

    /// <summary>Cases that need authentication, unimplemented against the open API.</summary>
    private static readonly string[] AuthCases = [.. Repository.RestCases.Where(c => c.Area == "auth").Select(c => c.Id)];

    /// <summary>Each defect, and the verdicts it must change (every other case keeps the reference verdict).</summary>
    public static IEnumerable<TestCaseData> Defects()
    {
        yield return Case(Defect.RestCreatedWithout201, ("rest.lifecycle.post-creates-201", Verdict.NonStrict), ("rest.lifecycle.location-on-201", Verdict.Unimplemented), ("rest.lifecycle.location-resolves", Verdict.Unimplemented));
        yield return Case(Defect.RestCreatedWithoutLocation, ("rest.lifecycle.location-on-201", Verdict.NonStrict), ("rest.lifecycle.location-resolves", Verdict.Unimplemented));
        yield return Case(Defect.RestMethodNotAllowedWithoutAllow, ("rest.methods.allow-on-405", Verdict.Fail));
        yield return Case(Defect.RestServerErrorOnMalformedJson, ("rest.bodies.malformed-json-400", Verdict.NonStrict));
        yield return Case(Defect.RestHeadWithBody, ("rest.methods.head-has-no-content", Verdict.Fail));
        yield return Case(Defect.RestNotModifiedWithBody, ("rest.conditional.304-has-no-content-and-repeats-headers", Verdict.Fail));
        yield return Case(Defect.RestIgnoresIfMatch, ("rest.conditional.stale-if-match-412", Verdict.Fail), ("rest.conditional.weak-if-match-412", Verdict.Fail),
            ("rest.conditional.precondition-on-missing-id-put", Verdict.Fail));
        yield return Case(Defect.RestNoContentWithContentLength, ("rest.headers.no-content-length-on-204", Verdict.Fail));
        yield return Case(Defect.RestAcceptsAnyContentType, ("rest.negotiation.415-for-unsupported-content-type", Verdict.NonStrict));
        // JSON labelled text/plain: the declared-media-type case sees it (RFC 9110 §8.3, a SHOULD-level case).
        yield return Case(Defect.RestJsonMislabelled, ("rest.headers.content-type-is-declared", Verdict.NonStrict));
    }

    [Test]
    public async Task Reference_api_passes_every_case_its_profile_enables()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        var results = await MetaRun.RestAsync(server.BaseUri, OpenProfile);

        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(Expected([.. AuthCases.Select(id => (id, Verdict.Unimplemented))])), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
    }

    [Test]
    public async Task Reference_api_behind_bearer_tokens_passes_every_case()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { RestBearerToken = Token, RestReadOnlyToken = ReadOnlyToken });
        var results = await MetaRun.RestAsync(server.BaseUri, AuthProfile, WithTokens);

        // The API offers Bearer only, so there is no Basic challenge to check.
        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(Expected(("rest.auth.basic-realm", Verdict.Unimplemented))), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
    }

    [Test]
    public async Task A_401_without_a_challenge_fails_only_the_challenge_case()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.RestUnauthorizedWithoutChallenge, RestBearerToken = Token, RestReadOnlyToken = ReadOnlyToken });
        var results = await MetaRun.RestAsync(server.BaseUri, AuthProfile, WithTokens);

        // Without a challenge there is no Bearer error to read either.
        var expected = Expected(("rest.auth.challenge-on-401", Verdict.Fail), ("rest.auth.bearer-invalid-token-error", Verdict.Unimplemented), ("rest.auth.basic-realm", Verdict.Unimplemented));
        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(expected), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
    }

    [TestCaseSource(nameof(Defects))]
    public async Task A_fixture_api_changes_exactly_its_declared_cases(Defect defect, (string Id, Verdict Verdict)[] changed)
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = defect });
        var results = await MetaRun.RestAsync(server.BaseUri, OpenProfile);

        var expected = Expected([.. AuthCases.Select(id => (id, Verdict.Unimplemented)), .. changed]);
        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(expected), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
    }

    private static RestRunOptions WithTokens(RestRunOptions options) => options with
    {
        Credential = RestCredential.Bearer(Token),
        WrongCredential = RestCredential.Bearer("conformance-wrong-token"),
        ReadOnlyCredential = RestCredential.Bearer(ReadOnlyToken),
    };

    private static TestCaseData Case(Defect defect, params (string Id, Verdict Verdict)[] changed) =>
        new TestCaseData(defect, changed).SetArgDisplayNames(defect.ToString());

    private static Dictionary<string, string> Expected(params (string Id, Verdict Verdict)[] exceptions)
    {
        var expected = Repository.RestCases.ToDictionary(c => c.Id, _ => Verdicts.Word(Verdict.Pass));
        foreach (var (id, verdict) in exceptions)
        {
            Assert.That(expected, Does.ContainKey(id), "a declared case id exists");
            expected[id] = Verdicts.Word(verdict);
        }

        return expected;
    }
}
