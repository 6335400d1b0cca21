using System.Text;
using Conformance.Suite.Execution;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Oracles;

/// <summary>The handshake oracles judge by their named rules, whatever the level of the case that applies them.</summary>
[TestFixture]
public sealed class UpgradeOracleRulesTests
{
    // RFC 6455 §1.3: the sample nonce and its Sec-WebSocket-Accept.
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string Accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    [Test]
    public void A_101_without_upgrade_fails_even_a_should_case()
    {
        var outcome = Outcome($"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {Accept}\r\n\r\n");
        var judgement = new Judgement(RequirementLevel.Should);

        UpgradeOracle.CheckUpgradeHeaders(outcome, outcome.Response!, judgement);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(Rules.Wire.UpgradeHeader.Verdict));
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
        });
    }

    [Test]
    public void A_complete_101_passes()
    {
        var outcome = Outcome($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {Accept}\r\n\r\n");
        var judgement = new Judgement(RequirementLevel.Must);

        UpgradeOracle.CheckUpgradeHeaders(outcome, outcome.Response!, judgement);

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Pass));
    }

    [Test]
    public void An_invalid_handshake_dropped_instead_of_refused_is_non_strict_in_a_must_case()
    {
        var judgement = new Judgement(RequirementLevel.Must);

        UpgradeOracle.Rejected(Failed(HandshakeFailure.Closed), requireVersionHeader: false, judgement);

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.NonStrict));
    }

    [Test]
    public void An_invalid_handshake_left_unanswered_fails_a_should_case_by_the_timeout()
    {
        var judgement = new Judgement(RequirementLevel.Should);

        UpgradeOracle.Rejected(Failed(HandshakeFailure.Timeout), requireVersionHeader: false, judgement);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(judgement.DecidedByTimeout, Is.True);
        });
    }

    private static HandshakeOutcome Outcome(string head)
    {
        HandshakeResponse.TryParse(Encoding.Latin1.GetBytes(head), out var response, out _, out _);
        return new(Request(), Key, response, HandshakeFailure.None, "");
    }

    private static HandshakeOutcome Failed(HandshakeFailure failure) => new(Request(), Key, null, failure, "after 300 ms");

    private static HandshakeRequest Request() => HandshakeRequest.Standard(new Uri("ws://127.0.0.1:9001/"), Key, []);
}
