namespace Conformance.ReferenceServer;

/// <summary>
/// Replaces the console lifetime: the server is embedded in other programs, so it must neither
/// hook Ctrl+C / SIGTERM nor print status messages; its owner stops it by disposing it.
/// </summary>
internal sealed class SilentHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
