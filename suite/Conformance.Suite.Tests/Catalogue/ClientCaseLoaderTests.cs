using Conformance.Suite.Catalogue;

namespace Conformance.Suite.Tests.Catalogue;

/// <summary>Client cases (a client: body): the suite is the server, so handshake changes, masks and oracles differ.</summary>
public sealed partial class CatalogueLoaderTests
{
    // body: the keys of the case's body, written as at the top level; kind: the body key they go under.
    private static string ClientCase(string id, string body, string kind = "client") =>
        $$"""
        - id: {{id}}
          title: Serve a client
          requirement: quoted text
          clause: RFC6455 4.1
          level: must
          {{kind}}:
        {{string.Join("\n", body.Split('\n').Select(line => "  " + line))}}

        """;

    [Test]
    public void Shipped_client_cases_are_recognised_and_written_as_the_server()
    {
        var client = Shipped().Cases.Where(c => c.Kind == CaseKind.Client).ToList();
        ClientBody Body(string id) => (ClientBody)client.Single(c => c.Id == id).Body;
        Assert.Multiple(() =>
        {
            Assert.That(client, Has.Count.GreaterThanOrEqualTo(32));
            Assert.That(client.Select(c => c.Area), Is.All.EqualTo("client"));
            Assert.That(Body("ws.client.status-200").HasBrokenHandshake, Is.True);
            Assert.That(Body("ws.client.echo-text").Steps.OfType<SendStep>().Select(s => s.Frame.Mask), Is.All.EqualTo(MaskMode.None), "server frames are unmasked by default");
            Assert.That(Body("ws.client.masked-server-frame").Steps.OfType<SendStep>().First().Frame.Mask, Is.EqualTo(MaskMode.Random));
            Assert.That(Shipped().Cases.Select(c => c.Body).OfType<WireBody>().SelectMany(b => b.Steps.OfType<SendStep>()).Count(s => s.Frame.Mask == MaskMode.None), Is.LessThan(20), "cases as a client still mask by default");
        });
    }

    [Test]
    public void A_client_case_reads_status_reported_close_request_checks_and_drop()
    {
        var text =
            ClientCase("ws.client.a", "  handshake: { status: \"200 OK\", remove: [Upgrade] }\n  steps:\n    - send: { opcode: text, payload: { text: \"x\" } }\n  expect: fail-connection") +
            ClientCase("ws.client.b", "  steps:\n    - send: { opcode: close, payload: { close-code: 3000, text: \"r\" } }\n  expect: { oracle: close-handshake, reported: { code: 3000, reason: \"r\" } }") +
            ClientCase("ws.client.c", "  expect: { oracle: client-request, checks: [method-and-version, key] }") +
            ClientCase("ws.client.d", "  steps:\n    - send: { opcode: text, payload: { text: \"x\" } }\n    - expect: echo\n    - drop: true\n  expect: { oracle: exchange, checks: [client-frames-masked, fresh-mask-keys], reported: { code: 1006 } }");
        var cases = CatalogueLoader.Load(Catalogue(("ws-client.yaml", text))).Cases.Select(c => (ClientBody)c.Body).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(cases[0].Handshake!.Status, Is.EqualTo("200 OK"));
            Assert.That(cases[1].Expect.Reported, Is.EqualTo(new ReportedClose(3000, "r")));
            Assert.That(cases[2].Expect.RequestChecks, Is.EqualTo(new[] { RequestCheck.MethodAndVersion, RequestCheck.Key }));
            Assert.That(cases[3].Steps[^1], Is.TypeOf<DropStep>());
            Assert.That(cases[3].Expect.Checks, Is.EqualTo(new[] { InvariantCheck.ClientFramesMasked, InvariantCheck.FreshMaskKeys }));
        });
    }

    [TestCase("ws-frame.yaml", "ws.frame.a", "wire", "  handshake: { status: \"200 OK\" }\n  steps:\n    - send: { opcode: text }\n  expect: fail-connection", "only in client cases")]
    [TestCase("ws-client.yaml", "ws.client.a", "client", "  handshake: { status: \"two hundred\" }\n  steps:\n    - send: { opcode: text }\n  expect: fail-connection", "must be a code and reason")]
    [TestCase("ws-client.yaml", "ws.client.a", "client", "  handshake: { method: POST }\n  steps:\n    - send: { opcode: text }\n  expect: fail-connection", "a client case changes the response")]
    [TestCase("ws-frame.yaml", "ws.frame.a", "wire", "  steps:\n    - send: { opcode: close }\n  expect: { oracle: close-handshake, reported: { code: 1000 } }", "only in client cases")]
    [TestCase("ws-client.yaml", "ws.client.a", "client", "  steps:\n    - send: { opcode: close }\n  expect: { oracle: close-handshake, reported: { code: 999 } }", "code of 1000-4999")]
    [TestCase("ws-frame.yaml", "ws.frame.a", "wire", "  expect: { oracle: client-request, checks: [key] }", "only for client cases")]
    [TestCase("ws-client.yaml", "ws.client.a", "client", "  expect: upgrade-accepted", "not for client cases")]
    [TestCase("ws-client.yaml", "ws.client.a", "client", "  expect: { oracle: client-request, checks: [colour] }", "check 'colour'")]
    [TestCase("ws-client.yaml", "ws.client.a", "client", "  steps:\n    - send: { opcode: text }\n  expect: { oracle: client-request, checks: [key] }", "takes no steps")]
    [TestCase("ws-client.yaml", "ws.client.a", "client", "  steps:\n    - send: { opcode: text }\n    - expect: echo\n  expect: { oracle: exchange, checks: [server-frames-unmasked] }", "not client-frames-masked")]
    [TestCase("ws-frame.yaml", "ws.frame.a", "wire", "  steps:\n    - send: { opcode: text }\n    - expect: echo\n    - drop: true\n  expect: exchange", "drop is 'drop: true', and only in client cases")]
    public void Client_only_keys_are_validated(string file, string id, string kind, string body, string messagePart)
    {
        AssertSingleError(Errors(Catalogue((file, ClientCase(id, body, kind)))), file, 1, messagePart);
    }
}
