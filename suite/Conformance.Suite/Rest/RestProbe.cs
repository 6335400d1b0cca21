using Conformance.Suite.Oracles;
using Conformance.Suite.Oracles.Rest;

namespace Conformance.Suite.Rest;

/// <summary>
/// A named REST probe: its exchange sends the requests and records what came back, its oracle (in Oracles/Rest) judges
/// that; <see cref="Unsafe"/> says whether it sends unsafe methods.
/// </summary>
public sealed record RestProbe(Func<RestContext, Task> RunAsync, bool Unsafe)
{
    /// <summary>A probe that sends only safe methods.</summary>
    internal static RestProbe Safe<T>(Func<RestContext, Task<T>> exchange, RestOracle<T> oracle) => Of(exchange, oracle, sendsUnsafe: false);

    /// <summary>A probe that sends only safe methods and judges each observation as it comes.</summary>
    internal static RestProbe Safe<T>(Func<RestContext, IAsyncEnumerable<T>> exchange, RestOracle<T> oracle) =>
        new(c => ExchangeAndJudgeAsync(c, oracle.Expected, async judgement =>
        {
            // Each observation is judged before the next request, so a later timeout keeps the findings made so far.
            await foreach (var seen in exchange(c))
            {
                oracle.Judge(seen, judgement);
            }
        }), Unsafe: false);

    /// <summary>A probe that sends unsafe methods (to items it created, or as methods the profile does not allow).</summary>
    internal static RestProbe WithUnsafe<T>(Func<RestContext, Task<T>> exchange, RestOracle<T> oracle) => Of(exchange, oracle, sendsUnsafe: true);

    private static RestProbe Of<T>(Func<RestContext, Task<T>> exchange, RestOracle<T> oracle, bool sendsUnsafe) =>
        new(c => ExchangeAndJudgeAsync(c, oracle.Expected, async judgement => oracle.Judge(await exchange(c), judgement)), sendsUnsafe);

    // Expected is set before anything is sent: a request that times out is judged against it too.
    private static async Task ExchangeAndJudgeAsync(RestContext context, string expected, Func<Judgement, Task> exchangeAndJudge)
    {
        context.Judgement.Expected = expected;
        try
        {
            await exchangeAndJudge(context.Judgement);
        }
        catch (NothingToProbeException e)
        {
            ExchangeOracles.NothingToProbe(context.Judgement, e.Message);
        }
    }
}

/// <summary>
/// An exchange found nothing to work on (no method the profile refuses, no item it could read or create), so the case
/// cannot apply to this target; the message says why.
/// </summary>
public sealed class NothingToProbeException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public NothingToProbeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception without a reason.</summary>
    public NothingToProbeException()
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public NothingToProbeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
