using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>A body the API must refuse: accepting it (and creating something) is the violation, as is another refusal status.</summary>
internal static class Refusal
{
    /// <summary>Judges the answer to <paramref name="what"/>, which only one of <paramref name="statuses"/> refuses rightly.</summary>
    public static void Judge(SentBody seen, Judgement j, string what, params int[] statuses)
    {
        var response = seen.Response;
        if (seen.Created || response.Status is >= 200 and < 300)
        {
            j.Violation($"{what} was accepted ({response.Status})");
        }
        else if (!statuses.Contains(response.Status))
        {
            j.Violation($"answered {response.Status}, not {string.Join(" or ", statuses)}");
        }
    }
}
