using Conformance.Suite.Results;

namespace Conformance.Suite.Oracles;

/// <summary>
/// A check whose level is its own, whatever the level of the case that makes it (the valid handshake failing is a
/// MUST of §4.2.2 in every case that needs an open connection). Where the case's level decides, there is no rule:
/// <see cref="Judgement.Violation(string)"/> takes the case's level.
/// </summary>
/// <param name="Name">A stable dotted name: kind, then what is checked.</param>
/// <param name="Level">The level of the requirement the rule checks.</param>
/// <param name="Clause">The clause it cites, as cases do (<c>RFC6455 4.2.2</c>).</param>
public sealed record Rule(string Name, RequirementLevel Level, string Clause)
{
    /// <summary>The verdict a violation of the rule gives.</summary>
    public Verdict Verdict => Verdicts.ForViolation(Level);
}

/// <summary>
/// Every named rule, grouped by the kind of case that applies it: <see cref="Wire"/>, <see cref="Client"/>,
/// <see cref="Browser"/> and <see cref="Rest"/>. Each rule's summary quotes the sentence it checks.
/// </summary>
public static partial class Rules;
