using System.Net;
using Conformance.ReferenceServer;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;

namespace Conformance.Suite.Tests.Transport;

/// <summary>Every address a target's name resolves to is tried in turn.</summary>
[TestFixture]
public sealed class RawConnectionTests
{
    [Test]
    public async Task Every_resolved_address_is_tried_until_one_accepts()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        var log = new WireLog(Redactor.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // 127.0.0.2 is loopback too, but the server listens on 127.0.0.1 only: the first address refuses.
        await using var connection = await RawConnection.ConnectAnyAsync(
            [IPAddress.Parse("127.0.0.2"), IPAddress.Loopback], server.Port, "127.0.0.1", secure: false, new TransportOptions(), log, timeout.Token, CancellationToken.None);

        Assert.That(((IPEndPoint)connection.RemoteEndPoint!).Address, Is.EqualTo(IPAddress.Loopback));
    }

    [Test]
    public async Task No_address_accepting_is_reported_as_unreachable_with_each_failure()
    {
        var log = new WireLog(Redactor.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<TargetUnreachableException>(() => RawConnection.ConnectAnyAsync(
            [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")], 1, "example", secure: false, new TransportOptions(), log, timeout.Token, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("127.0.0.2").And.Contain("127.0.0.3"));
    }
}
