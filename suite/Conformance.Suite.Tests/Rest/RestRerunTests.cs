using System.Net;
using System.Net.Sockets;
using System.Text;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Rest;

/// <summary>A REST case decided by a timeout is re-run, and each attempt deletes what it created before the next one posts.</summary>
[TestFixture]
public sealed class RestRerunTests
{
    [Test]
    public async Task A_timed_out_case_is_run_again_after_the_first_attempt_cleaned_up()
    {
        await using var api = new OnceSilentApi();
        var cases = CatalogueLoader.FindBuiltinDirectory(TestContext.CurrentContext.TestDirectory)!;
        var definition = CatalogueLoader.Load(cases).Cases.Single(c => c.Id == "rest.lifecycle.location-resolves");
        var profile = RestProfileLoader.Load(Path.Combine(Directory.GetParent(cases)!.FullName, "fixtures", "rest", "reference.profile.yaml"));
        await using var executor = new RestExecutor(new RestRunOptions { Target = api.Uri, Profile = profile, Timeout = TimeSpan.FromSeconds(5) }, Redactor.None, d => d.Id);

        // The timeout is long enough that only the silent GET can run into it on a loaded machine: a POST that timed
        // out would create nothing to delete.
        var run = await new CaseScheduler(executor).RunAsync([definition], null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.Cases.Single().Attempts, Is.EqualTo(2));
            Assert.That(api.Requests.Where(r => r.StartsWith("POST", StringComparison.Ordinal) || r.StartsWith("DELETE", StringComparison.Ordinal)),
                Is.EqualTo(new[] { "POST /api/items", "DELETE /api/items/1", "POST /api/items", "DELETE /api/items/2" }),
                string.Join(" | ", run.Cases.Single().Annotations.Prepend(run.Cases.Single().Observed)));
        });
    }

    // An items API on the loopback that creates on POST, deletes on DELETE, and leaves the first GET of the first item unanswered.
    private sealed class OnceSilentApi : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private readonly List<TcpClient> clients = [];
        private readonly Task accepting;
        private int created;
        private int itemReads;

        public OnceSilentApi()
        {
            listener.Start();
            Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
            accepting = Task.Run(AcceptAsync);
        }

        public Uri Uri { get; }

        public List<string> Requests { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            lock (clients)
            {
                clients.ForEach(c => c.Dispose());
            }

            stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                lock (clients)
                {
                    clients.Add(client);
                }

                _ = Task.Run(() => ServeAsync(client.GetStream()));
            }
        }

        private async Task ServeAsync(NetworkStream stream)
        {
            var reader = new StreamReader(stream, Encoding.ASCII);
            while (await reader.ReadLineAsync(stop.Token) is { Length: > 0 } line)
            {
                var length = 0;
                var close = false;
                while (await reader.ReadLineAsync(stop.Token) is { Length: > 0 } header)
                {
                    if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(header[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }

                    close |= header.Equals("Connection: close", StringComparison.OrdinalIgnoreCase);
                }

                var body = new char[length];
                await reader.ReadBlockAsync(body, stop.Token);
                var parts = line.Split(' ');
                var request = $"{parts[0]} {parts[1]}";
                lock (Requests)
                {
                    Requests.Add(request);
                }

                var answer = parts[0] switch
                {
                    "POST" => Created(Interlocked.Increment(ref created)),
                    "DELETE" => "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
                    "GET" when parts[1] == "/api/items/1" && Interlocked.Increment(ref itemReads) == 1 => null,
                    _ => Json("{\"id\":1,\"name\":\"widget\",\"price\":3}"),
                };
                if (answer is null)
                {
                    // Silent until the client gives up and closes the connection.
                    continue;
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), stop.Token);
                if (close)
                {
                    // The probe's raw exchanges ask for Connection: close and read until it happens.
                    stream.Socket.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }

        private static string Created(int id) =>
            $"HTTP/1.1 201 Created\r\nLocation: /api/items/{id}\r\nContent-Type: application/json\r\nContent-Length: {Body(id).Length}\r\n\r\n{Body(id)}";

        private static string Body(int id) => $"{{\"id\":{id},\"name\":\"widget\",\"price\":3}}";

        private static string Json(string body) => $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}";
    }
}
