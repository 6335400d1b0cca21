using System.Net.Sockets;
using System.Text;
using Conformance.Suite.Oracles;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Rest;

/// <summary>
/// RFC 9110 §15.5.14: a server "MAY terminate the request" whose content is too large — it may answer 413 and close
/// before reading the body. The answer is read even though the rest of the request's write then fails.
/// </summary>
[TestFixture]
public sealed class EarlyAnswerTests
{
    private const string Profile = """
        basePath: /api
        features:
          maxBodyBytes: 4194304
        resources:
          - name: items
            collection: /items
            item: /items/{id}
            collectionMethods: [GET, POST]
            itemMethods: [GET, DELETE]
            sample: { name: widget }
        """;

    [Test]
    public async Task A_413_sent_before_the_body_is_read_passes_the_body_limit_case()
    {
        await using var server = new EarlyRefusingServer();
        var path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Profile);
        try
        {
            var options = new RestRunOptions { Target = new Uri($"http://127.0.0.1:{server.Port}/"), Profile = RestProfileLoader.Load(path), Timeout = TimeSpan.FromSeconds(10) };
            using var client = options.CreateClient();
            var judgement = new Judgement(RequirementLevel.Should);

            await RestProbes.All["body-over-limit-413"].RunAsync(new RestContext(new RestSession(client, options, new WireLog(Redactor.None)), judgement, CancellationToken.None));

            Assert.Multiple(() =>
            {
                Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Pass), judgement.Observed());
                Assert.That(judgement.Observed(), Does.Contain("answered 413"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Reads the request head and a little of the body, answers 413 and closes with the rest unread (a reset).
    private sealed class EarlyRefusingServer : LoopbackServer
    {
        protected override async Task ServeAsync(Socket socket, int number, CancellationToken stopping)
        {
            if (!await ReadHeadAsync(socket, stopping))
            {
                return;
            }

            await socket.SendAsync("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stopping);
            socket.Close();
        }
    }
}
