using System.Text;
using Conformance.Suite.Catalogue;
using Conformance.Suite.ClientSide;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Oracles;

/// <summary>The opening request a client sends, judged check by check (§4.1): each a MUST whatever the case's level.</summary>
[TestFixture]
public sealed class ClientOraclesTests
{
    private static readonly Uri Server = new("ws://127.0.0.1:9001/");
    private const string ValidHead = "GET /case/x HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static readonly RequestCheck[] Every = Enum.GetValues<RequestCheck>();

    private static ClientRequest Parse(string head)
    {
        Assert.That(ClientRequest.TryParse(Encoding.Latin1.GetBytes(head), out var request, out _, out var error), Is.EqualTo(System.Buffers.OperationStatus.Done), error);
        return request!;
    }

    private static Judgement Judge(string head, RequirementLevel level = RequirementLevel.Must)
    {
        var judgement = new Judgement(level);
        ClientOracles.Request(Parse(head), Every, Server, judgement);
        return judgement;
    }

    [Test]
    public void A_valid_opening_request_passes_every_check()
    {
        Assert.That(Judge(ValidHead).Verdict, Is.EqualTo(Verdict.Pass));
    }

    [TestCase("GET /case/x HTTP/1.1\r\n", "POST /case/x HTTP/1.1\r\n", "MUST be GET")]
    [TestCase("GET /case/x HTTP/1.1\r\n", "GET /case/x HTTP/1.0\r\n", "at least 1.1")]
    [TestCase("Host: 127.0.0.1:9001\r\n", "", "|Host|")]
    [TestCase("Host: 127.0.0.1:9001\r\n", "Host: 127.0.0.1:9002\r\n", "names port 9002")]
    [TestCase("Upgrade: websocket\r\n", "Upgrade: h2c\r\n", "Upgrade MUST include")]
    [TestCase("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "Sec-WebSocket-Key: c2hvcnQ=\r\n", "16-byte value")]
    [TestCase("Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Version: 8\r\n", "MUST be 13")]
    public void A_request_breaking_one_check_fails_even_a_should_case(string valid, string broken, string quoted)
    {
        var judgement = Judge(ValidHead.Replace(valid, broken, StringComparison.Ordinal), RequirementLevel.Should);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(Rules.Client.OpeningRequest.Verdict).And.EqualTo(Verdict.Fail));
            Assert.That(judgement.Observed(), Does.Contain(quoted));
        });
    }

    [Test]
    public void In_other_cases_request_defects_are_remarks_that_leave_the_verdict_alone()
    {
        var judgement = new Judgement(RequirementLevel.Must);

        ClientOracles.RequestRemarks(Parse(ValidHead.Replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8", StringComparison.Ordinal)), Server, judgement);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(judgement.Annotations.Single(), Does.StartWith("request: ").And.Contain("MUST be 13"));
        });
    }

    [Test]
    public void An_unfinished_or_malformed_request_fails_by_the_opening_request_rule()
    {
        var unfinished = new Judgement(RequirementLevel.Should);
        var malformed = new Judgement(RequirementLevel.Should);

        ClientOracles.RequestIncomplete(unfinished, "the connection ended", 12);
        ClientOracles.RequestMalformed(malformed, "no request line");

        Assert.Multiple(() =>
        {
            Assert.That(unfinished.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(unfinished.Observed(), Does.Contain("after 12 bytes"));
            Assert.That(malformed.Verdict, Is.EqualTo(Verdict.Fail));
        });
    }
}
