using Conformance.ReferenceServer;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Execution;

/// <summary>What the preflight says a target can do: the reference server echoes both types and answers the Ping.</summary>
[TestFixture]
public sealed class PreflightCapabilitiesTests
{
    [Test]
    public async Task The_reference_server_echoes_and_answers_the_preflight_ping()
    {
        var capabilities = await ProbeAsync(new ReferenceServerOptions());

        Assert.Multiple(() =>
        {
            Assert.That(capabilities.EchoesText && capabilities.EchoesBinary && capabilities.AnswersPing, Is.True, capabilities.Detail);
            Assert.That(capabilities.Detail, Is.EqualTo("text echo yes, binary echo yes, pong yes"));
        });
    }

    [Test]
    public async Task A_server_that_ignores_pings_is_said_to_send_no_pong()
    {
        var capabilities = await ProbeAsync(new ReferenceServerOptions { Defect = Defect.IgnoresPings });

        Assert.That(capabilities.Detail, Is.EqualTo("text echo yes, binary echo yes, pong no"));
    }

    private static async Task<Capabilities> ProbeAsync(ReferenceServerOptions server)
    {
        await using var running = await ReferenceServer.ReferenceServer.StartAsync(server);
        var executor = new Executor(new RunOptions { Target = running.WebSocketUri, Timeout = TimeSpan.FromSeconds(2) }, Redactor.None, c => c.Id);
        return await executor.ProbeAsync(CancellationToken.None);
    }
}
