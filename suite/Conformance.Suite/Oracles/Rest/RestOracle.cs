namespace Conformance.Suite.Oracles.Rest;

/// <summary>
/// The judgement of one REST probe: what its requirement asks for, and how what its exchange saw (<typeparamref name="T"/>)
/// is judged. A violation takes the case's level unless a named rule (<see cref="Rules.Rest"/>) says otherwise.
/// </summary>
internal sealed record RestOracle<T>(string Expected, Action<T, Judgement> Judge);
