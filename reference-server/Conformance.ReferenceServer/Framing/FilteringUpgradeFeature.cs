using Microsoft.AspNetCore.Http.Features;

namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// Stands in for Kestrel's upgrade feature so that the stream ASP.NET Core's WebSocket
/// reads and writes after the 101 is a <see cref="FrameFilterStream"/> around the real one.
/// </summary>
internal sealed class FilteringUpgradeFeature(IHttpUpgradeFeature inner, StreamDefect defect) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <summary>The real upgraded stream, once upgraded.</summary>
    public Stream? Upgraded { get; private set; }

    public async Task<Stream> UpgradeAsync()
    {
        Upgraded = await inner.UpgradeAsync();
        return new FrameFilterStream(
            Upgraded,
            defect.ClientFrames is { } client ? new FrameRewriter(client) : null,
            defect.ServerFrames is { } server ? new FrameRewriter(server) : null,
            // The WebSocket disposes its stream when it is done; the connection must outlive it.
            leaveInnerOpen: defect.HoldOpenAfter is not null);
    }
}
