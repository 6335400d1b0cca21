using System.Reflection;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Oracles;

/// <summary>Every named rule keeps its level and clause, and a violation of it gives the verdict of its level.</summary>
[TestFixture]
public sealed class RulesTests
{
    private const RequirementLevel Must = RequirementLevel.Must;
    private const RequirementLevel Should = RequirementLevel.Should;
    private const RequirementLevel Informational = RequirementLevel.Informational;

    private static readonly IReadOnlyDictionary<string, Rule> ByName = typeof(Rules).GetNestedTypes()
        .SelectMany(kind => kind.GetProperties(BindingFlags.Public | BindingFlags.Static))
        .Where(property => property.PropertyType == typeof(Rule))
        .Select(property => (Rule)property.GetValue(null)!)
        .ToDictionary(rule => rule.Name);

    [TestCase("wire.valid-handshake-opens", Must, "RFC6455 4.2.2")]
    [TestCase("wire.upgrade-header", Must, "RFC6455 4.2.2")]
    [TestCase("wire.connection-header", Must, "RFC6455 4.2.2")]
    [TestCase("wire.accept-header", Must, "RFC6455 4.2.2")]
    [TestCase("wire.single-response-header", Must, "RFC6455 11.3")]
    [TestCase("wire.subprotocol-from-offer", Must, "RFC6455 4.2.2")]
    [TestCase("wire.extension-from-offer", Must, "RFC6455 9.1")]
    [TestCase("wire.invented-extension-refused", Must, "RFC6455 9.1")]
    [TestCase("wire.fair-size-limit", Should, "RFC6455 10.4")]
    [TestCase("wire.unassigned-code-fails", Should, "RFC6455 7.4.2")]
    [TestCase("wire.control-frames-valid", Must, "RFC6455 5.5")]
    [TestCase("wire.close-reason-utf8", Should, "RFC6455 5.5.1")]
    [TestCase("wire.http-error-not-drop", Should, "RFC6455 4.2.1")]
    [TestCase("wire.handshake-answered", Must, "RFC6455 4.2.1")]
    [TestCase("wire.answer-is-http", Must, "RFC6455 4.2.2")]
    [TestCase("wire.version-header-on-refusal", Must, "RFC6455 4.2.2")]
    [TestCase("wire.echo-before-failing", Should, "RFC6455 5.4")]
    [TestCase("wire.fail-fast", Should, "RFC6455 7.1.7")]
    [TestCase("wire.failure-code-sent", Should, "RFC6455 7.1.7")]
    [TestCase("wire.close-code-allowed", Must, "RFC6455 7.4")]
    [TestCase("wire.fitting-failure-code", Should, "RFC6455 7.4.1")]
    [TestCase("wire.close-body-has-code", Must, "RFC6455 5.5.1")]
    [TestCase("wire.close-code-echoed", Informational, "RFC6455 5.5.1")]
    [TestCase("wire.pong-promptly", Should, "RFC6455 5.5.2")]
    [TestCase("wire.server-frames-unmasked", Must, "RFC6455 5.1")]
    [TestCase("wire.no-data-after-close", Must, "RFC6455 5.5.1")]
    [TestCase("wire.client-frames-masked", Must, "RFC6455 5.1")]
    [TestCase("wire.minimal-length", Must, "RFC6455 5.2")]
    [TestCase("wire.rsv-zero", Must, "RFC6455 5.2")]
    [TestCase("wire.fresh-mask-keys", Must, "RFC6455 5.3")]
    [TestCase("client.opening-request", Must, "RFC6455 4.1")]
    [TestCase("browser.handshake-completes", Must, "RFC6455 4.1")]
    [TestCase("browser.ready-state-opens", Must, "WHATWG WebSockets")]
    [TestCase("browser.reaches-closed", Must, "WHATWG WebSockets")]
    [TestCase("browser.declared-subprotocol-selected", Should, "RFC6455 4.2.2")]
    [TestCase("browser.message-echoed", Must, "RFC6455 6.2")]
    [TestCase("browser.buffer-drains", Must, "RFC6455 6.2")]
    [TestCase("browser.answers-close", Must, "RFC6455 5.5.1")]
    [TestCase("browser.closes-over-limit", Should, "RFC6455 10.4")]
    [TestCase("rest.answered", Must, "RFC9110 15")]
    [TestCase("rest.head-content-length", Must, "RFC9110 8.6")]
    [TestCase("rest.etag-sent", Should, "RFC9110 8.8.3")]
    public void Rule_keeps_its_level_and_clause_and_its_violation_ignores_the_case_level(string name, RequirementLevel level, string clause)
    {
        var rule = ByName[name];
        var judgement = new Judgement(RequirementLevel.Informational);

        judgement.Violation(rule, "violated");

        Assert.Multiple(() =>
        {
            Assert.That(rule.Level, Is.EqualTo(level));
            Assert.That(rule.Clause, Is.EqualTo(clause));
            Assert.That(judgement.Verdict, Is.EqualTo(Verdicts.ForViolation(level)));
            Assert.That(judgement.Verdict, Is.EqualTo(level switch { Must => Verdict.Fail, Should => Verdict.NonStrict, _ => Verdict.Informational }));
        });
    }

    [Test]
    public void Every_rule_is_pinned_above_and_named_after_its_kind()
    {
        var pinned = typeof(RulesTests).GetMethod(nameof(Rule_keeps_its_level_and_clause_and_its_violation_ignores_the_case_level))!
            .GetCustomAttributes<TestCaseAttribute>().Select(test => (string)test.Arguments[0]!);
        var kinds = typeof(Rules).GetNestedTypes().Select(kind => kind.Name.ToLowerInvariant() + ".").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(ByName.Keys, Is.EquivalentTo(pinned));
            Assert.That(ByName.Keys.Where(name => !kinds.Any(name.StartsWith)), Is.Empty);
        });
    }

    [TestCase(InvariantCheck.ServerFramesUnmasked, "wire.server-frames-unmasked")]
    [TestCase(InvariantCheck.ClientFramesMasked, "wire.client-frames-masked")]
    [TestCase(InvariantCheck.MinimalLength, "wire.minimal-length")]
    [TestCase(InvariantCheck.RsvZero, "wire.rsv-zero")]
    [TestCase(InvariantCheck.FreshMaskKeys, "wire.fresh-mask-keys")]
    [TestCase(InvariantCheck.NoDataAfterClose, "wire.no-data-after-close")]
    public void Each_frame_invariant_has_its_rule(InvariantCheck check, string name) =>
        Assert.That(Rules.Wire.For(check).Name, Is.EqualTo(name));
}
