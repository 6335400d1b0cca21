using Conformance.Suite.Oracles;
using Conformance.Suite.Oracles.Rest;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Oracles.Rest;

/// <summary>The REST oracles that apply a named rule give the verdict of the rule's level, not the case's.</summary>
[TestFixture]
public sealed class RestOraclesTests
{
    [Test]
    public void A_head_content_length_unlike_gets_content_fails_a_should_case()
    {
        var get = Answer(200, "0123456789"u8.ToArray());
        var head = Answer(200, [], ("Content-Length", "99"));

        var judgement = Judge(MethodsOracles.HeadMatchesGet, new GetAndHead(get, head), RequirementLevel.Should);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(judgement.Observed(), Is.EqualTo("HEAD's Content-Length 99 is not the length of GET's content (10) (RFC 9110 §8.6: MUST NOT)."));
        });
    }

    [TestCase("PUT, DELETE", "GET", Verdict.Fail, TestName = "An_Allow_omitting_a_method_seen_succeeding_fails")]
    [TestCase("GET, PUT", "", Verdict.Pass, TestName = "An_Allow_omitting_a_declared_method_never_seen_succeeding_is_remarked")]
    public void The_allow_of_a_405_is_judged_on_the_methods_seen_succeeding(string allow, string succeeded, Verdict verdict)
    {
        var refused = new RefusedMethod("POST", Answer(405, [], ("Allow", allow)), ["GET", "PUT", "DELETE"], succeeded.Length == 0 ? [] : [succeeded]);

        var judgement = Judge(MethodsOracles.AllowOn405, refused, RequirementLevel.Must);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(verdict));
            Assert.That(judgement.Observed() + string.Join(" ", judgement.Annotations), Does.Contain("omits"));
        });
    }

    [Test]
    public void A_head_content_length_equal_to_gets_content_passes()
    {
        var judgement = Judge(MethodsOracles.HeadMatchesGet, new GetAndHead(Answer(200, "0123456789"u8.ToArray()), Answer(200, [], ("Content-Length", "10"))), RequirementLevel.Should);

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Pass));
    }

    [Test]
    public void An_item_without_an_etag_makes_a_must_conditional_case_non_strict()
    {
        var untagged = new Conditional<RestResponse>(new TaggedItem("/items/1", Answer(200, [])), null);

        var judgement = Judge(ConditionalOracles.IfNoneMatch, untagged, RequirementLevel.Must);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.NonStrict));
            Assert.That(judgement.Observed(), Is.EqualTo("GET /items/1 answered 200 without an ETag, though the profile declares conditional requests."));
        });
    }

    [Test]
    public void A_matching_if_none_match_answered_200_fails_by_the_case_level()
    {
        var tagged = new Conditional<RestResponse>(new TaggedItem("/items/1", Answer(200, [], ("ETag", "\"a\""))), Answer(200, []));

        var judgement = Judge(ConditionalOracles.IfNoneMatch, tagged, RequirementLevel.Must);

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
    }

    [TestCase(400, Verdict.Fail)]
    [TestCase(431, Verdict.Fail)]
    [TestCase(414, Verdict.Pass)]
    [TestCase(200, Verdict.Pass)]
    [TestCase(500, Verdict.Fail)]
    public void A_long_request_target_must_get_414_or_an_answer_that_parsed_it(int status, Verdict verdict)
    {
        var judgement = Judge(FramingOracles.HugeTarget, Raw(status), RequirementLevel.Must);

        Assert.That(judgement.Verdict, Is.EqualTo(verdict));
    }

    [TestCase(true, 412, 404, Verdict.Pass, TestName = "A_conditional_put_to_a_missing_id_of_an_upsert_api_refused_with_412_passes")]
    [TestCase(true, 201, 200, Verdict.Fail, TestName = "A_conditional_put_to_a_missing_id_that_creates_it_fails")]
    [TestCase(false, 404, 404, Verdict.Pass, TestName = "A_conditional_put_to_a_missing_id_answered_like_the_get_passes")]
    [TestCase(false, 412, 404, Verdict.Fail, TestName = "A_conditional_put_to_a_missing_id_answered_412_where_put_does_not_create_fails")]
    [TestCase(false, 400, 404, Verdict.Informational, TestName = "A_conditional_put_to_a_missing_id_answered_otherwise_than_the_get_is_informational")]
    public void A_conditional_put_to_a_missing_id_is_judged_on_the_answer_derived_from_the_get_and_the_profile(bool upsert, int put, int after, Verdict verdict)
    {
        var seen = new PutOnMissing(Answer(404, []), Answer(put, []), Answer(after, []), upsert);

        var judgement = Judge(ConditionalOracles.PreconditionOnMissingPut, seen, RequirementLevel.Must);

        Assert.That(judgement.Verdict, Is.EqualTo(verdict), judgement.Observed());
    }

    [TestCase(201, null, Verdict.Pass, TestName = "A_chunked_body_read_passes")]
    [TestCase(411, null, Verdict.Pass, TestName = "A_chunked_body_refused_with_411_passes")]
    [TestCase(400, 201, Verdict.Fail, TestName = "A_chunked_body_refused_while_the_same_body_with_content_length_is_accepted_fails")]
    [TestCase(400, 400, Verdict.Unimplemented, TestName = "A_chunked_body_refused_like_the_same_body_with_content_length_is_unimplemented")]
    public void A_chunked_body_is_judged_against_the_same_body_with_content_length(int chunked, int? withLength, Verdict verdict)
    {
        var seen = new ChunkedSent(Raw(chunked), withLength is { } status ? Answer(status, []) : null);

        var judgement = Judge(BodiesOracles.ChunkedBody, seen, RequirementLevel.Must);

        Assert.That(judgement.Verdict, Is.EqualTo(verdict), judgement.Observed());
    }

    [Test]
    public void A_refused_body_that_created_an_item_anyway_was_accepted()
    {
        var judgement = Judge(NegotiationOracles.UnsupportedMediaType, new SentBody(Answer(415, []), Created: true, "application/json"), RequirementLevel.Should);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.NonStrict));
            Assert.That(judgement.Observed(), Is.EqualTo("a text/plain body was accepted (415)."));
        });
    }

    private static Judgement Judge<T>(RestOracle<T> oracle, T seen, RequirementLevel caseLevel)
    {
        var judgement = new Judgement(caseLevel);
        oracle.Judge(seen, judgement);
        return judgement;
    }

    private static RestResponse Answer(int status, byte[] body, params (string Name, string Value)[] headers) =>
        new(status, headers.ToDictionary(h => h.Name, h => (IReadOnlyList<string>)[h.Value], StringComparer.OrdinalIgnoreCase), body);

    private static RawHttpResponse Raw(int status) =>
        new(status, $"HTTP/1.1 {status}", new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase), [], Closed: true);
}
