using Conformance.ReferenceServer;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Execution;

/// <summary>
/// A valid handshake refused with a 4xx when no subprotocol is offered: the preflight names both likely causes, a
/// required subprotocol (§4.2.2 step 5) and a wrong path (npm ws answers 400 for an unknown one).
/// </summary>
[TestFixture]
public sealed class PreflightRefusalTests
{
    [Test]
    public async Task A_refused_valid_handshake_names_the_subprotocol_option_and_the_path()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = Variant.RequiresSubprotocol });
        var executor = new Executor(new RunOptions { Target = server.WebSocketUri, Timeout = TimeSpan.FromSeconds(5) }, Redactor.None, c => c.Id);

        var capabilities = await executor.ProbeAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(capabilities.RefusedStatus, Is.EqualTo(400));
            Assert.That(capabilities.Detail, Does.Contain("--subprotocol NAME"));
            Assert.That(capabilities.Detail, Does.Contain($"check the path of --target ({server.WebSocketUri.AbsolutePath})"));
        });
    }
}
