using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgements of rest.conditional.* (RFC 9110 §13, §15.4.5); each case's clause is in cases/rest-conditional.yaml.</summary>
internal static class ConditionalOracles
{
    private static readonly string[] RepeatedOn304 = ["Date", "ETag", "Cache-Control", "Vary", "Expires", "Content-Location"];
    private static readonly string[] RepresentationFields = ["Content-Type", "Content-Encoding", "Content-Language"];

    /// <summary>§13.1.2: a GET whose If-None-Match matches (weakly; * matches any current representation) answers 304.</summary>
    public static RestOracle<Conditional<RestResponse>> IfNoneMatch { get; } = new("304 Not Modified for a GET whose If-None-Match matches (weak comparison; * matches any)", (seen, j) =>
        WhenTagged(seen, j, (_, get) =>
        {
            if (get.Status != 304)
            {
                j.Violation($"a matching If-None-Match got {get.Status}, not 304");
            }
        }));

    /// <summary>§15.4.5: a 304 has no content, and repeats the fields a 200 would carry; representation metadata SHOULD NOT be sent.</summary>
    public static RestOracle<Conditional<RawHttpResponse>> NotModified { get; } = new("a 304 has no content and repeats the Date, ETag, Cache-Control, Vary and Expires a 200 would carry", (seen, j) =>
        WhenTagged(seen, j, (item, raw) =>
        {
            if (raw.Status != 304)
            {
                j.Unimplemented($"the conditional GET answered {raw.Status}, not 304, so there is no 304 to check");
                return;
            }

            if (raw.BodyBytes > 0)
            {
                j.Violation($"the 304 was followed by {raw.BodyBytes} bytes of content");
            }

            foreach (var field in RepeatedOn304)
            {
                if (item.Get.Header(field) is not null && raw.Header(field) is null)
                {
                    j.Violation($"the 200 carried {field} but the 304 does not");
                }
            }

            foreach (var field in RepresentationFields)
            {
                if (raw.Header(field) is { } value)
                {
                    j.Annotate($"the 304 carries {field}: {value} (RFC 9110 §15.4.5: SHOULD NOT)");
                }
            }
        }));

    /// <summary>§13.1.1: a PUT whose If-Match does not match strongly MUST NOT be performed, and answers 412.</summary>
    public static RestOracle<Conditional<PutAndRead>> IfMatch { get; } = new("412 Precondition Failed for a PUT whose If-Match does not match strongly, and the resource unchanged", (seen, j) =>
        WhenTagged(seen, j, (item, answer) => JudgeRefusedPut(item, answer, j, "the PUT was performed although its If-Match did not match")));

    /// <summary>§13.1.2: a PUT with If-None-Match: * on a resource that exists MUST NOT be performed, and answers 412.</summary>
    public static RestOracle<Conditional<PutAndRead>> IfNoneMatchStarPut { get; } = new("412 for a PUT with If-None-Match: * on a resource that exists, and the resource unchanged", (seen, j) =>
        WhenTagged(seen, j, (item, answer) => JudgeRefusedPut(item, answer, j, "the PUT was performed although the resource exists")));

    /// <summary>
    /// §13.2.1: preconditions are ignored when the answer without them would be neither 2xx nor 412, so a GET of a
    /// missing id gets the same answer with an If-Match as without (404, or the 400 of an API that refuses the id).
    /// </summary>
    public static RestOracle<WithAndWithout> PreconditionOnMissing { get; } = new("the same answer to a GET of a missing id with an If-Match as without it (preconditions are ignored when the answer would not be 2xx)", (seen, j) =>
    {
        if (seen.Without.Status is (>= 200 and < 300) or 412)
        {
            j.Unimplemented($"the id the suite made up for a missing item answered {seen.Without.Status} without a precondition, so there is no missing item to ask about");
        }
        else if (seen.With.Status != seen.Without.Status)
        {
            j.Violation($"answered {seen.With.Status} with If-Match but {seen.Without.Status} without: the precondition was evaluated although the answer without it is not 2xx");
        }
    });

    /// <summary>
    /// §13.2.1 for a PUT to a missing id, whose answer without the If-Match is derived, not sent: where the profile
    /// declares that a PUT creates, it would be a 2xx, so the If-Match (false: there is no current representation) is
    /// evaluated and §13.1.1 says the server "MUST NOT perform the requested method"; where it does not, it would be
    /// the GET's answer, and the precondition is ignored, so 412 is wrong.
    /// </summary>
    public static RestOracle<PutOnMissing> PreconditionOnMissingPut { get; } = new("a PUT with If-Match to a missing id creates nothing, and answers 412 only where a PUT creates", (seen, j) =>
    {
        if (seen.Before.Status is (>= 200 and < 300) or 412)
        {
            j.Unimplemented($"the id the suite made up for a missing item answered {seen.Before.Status}, so there is no missing item to ask about");
        }
        else if (seen.Put.Status is >= 200 and < 300 || seen.After.Status is >= 200 and < 300)
        {
            j.Violation($"the PUT with an If-Match that cannot match answered {seen.Put.Status} and the id then answered {seen.After.Status}: it was performed (§13.1.1: MUST NOT perform)");
        }
        else if (!seen.Upsert && seen.Put.Status == 412)
        {
            j.Violation($"answered 412, but a PUT does not create here (the profile declares no upsert), so without the precondition it would answer like the GET ({seen.Before.Status}): the precondition must be ignored");
        }
        else if (!seen.Upsert && seen.Put.Status != seen.Before.Status)
        {
            j.Informational($"answered {seen.Put.Status} where the GET answered {seen.Before.Status}; the PUT without the precondition, which the suite does not send, may answer so too");
        }
    });

    // Without an ETag there is nothing to condition on: that is what is judged, by its own rule (§8.8.3, a SHOULD).
    private static void WhenTagged<T>(Conditional<T> seen, Judgement j, Action<TaggedItem, T> judge) where T : class
    {
        if (seen.Answer is { } answer)
        {
            judge(seen.Item, answer);
        }
        else
        {
            j.Violation(Rules.Rest.EtagSent, $"GET {seen.Item.Path} answered {seen.Item.Get.Describe()} without an ETag, though the profile declares conditional requests");
        }
    }

    private static void JudgeRefusedPut(TaggedItem item, PutAndRead answer, Judgement j, string performed)
    {
        if (answer.Put.Status is >= 200 and < 300 || !answer.After.Body.AsSpan().SequenceEqual(item.Get.Body))
        {
            j.Violation(performed);
        }
        else if (answer.Put.Status != 412)
        {
            j.Violation($"answered {answer.Put.Status}, not 412");
        }
    }
}
