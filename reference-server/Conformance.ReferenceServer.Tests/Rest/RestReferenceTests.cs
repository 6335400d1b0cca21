namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>
/// One correct reference server for all the tests of a class, and a client whose relative URLs resolve under
/// its /api/. The tests create what they change, so they do not depend on each other's state.
/// </summary>
public abstract class RestReferenceTests
{
    protected ReferenceServer Server { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartReferenceServerAsync()
    {
        Server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        Http = RestHttp.Client(Server);
    }

    [OneTimeTearDown]
    public async Task StopReferenceServerAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
