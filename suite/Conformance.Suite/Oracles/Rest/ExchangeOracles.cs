namespace Conformance.Suite.Oracles.Rest;

/// <summary>
/// How a REST exchange is judged when it did not end in an answer its probe's oracle could read: no answer in time,
/// a broken exchange, or nothing on the target to probe.
/// </summary>
internal static class ExchangeOracles
{
    /// <summary>No complete answer within the case timeout (RFC 9110 §15: a server answers every request).</summary>
    public static void Unanswered(Judgement judgement, string what)
    {
        judgement.DecidedByTimeout = true;
        judgement.Violation(Rules.Rest.Answered, what);
    }

    /// <summary>
    /// The target broke the exchange (a reset, a malformed answer): that is what it did, and it is judged at the case's
    /// level, as any other answer that is not the one the case asks for.
    /// </summary>
    public static void Broken(Judgement judgement, Exception error) =>
        judgement.Violation($"the exchange broke: {error.Message}{(error.InnerException is { } inner ? $" ({inner.Message})" : "")}");

    /// <summary>The exchange found nothing to work on (no item, no refused method): the case cannot apply.</summary>
    public static void NothingToProbe(Judgement judgement, string reason) => judgement.Unimplemented(reason);
}
