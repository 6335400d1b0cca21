using System.Net;
using System.Net.Sockets;
using System.Text;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>Pings a target sends on its own are answered with an identical Pong (§5.5.2) and do not disturb the case.</summary>
[TestFixture]
[Category("Meta")]
public sealed class ServerPingTests
{
    [Test]
    public async Task A_ping_from_the_server_gets_its_pong_and_the_case_still_passes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var target = new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/echo");
        var served = ServeOneAsync(listener);

        var definition = Repository.Catalogue.Cases.Single(c => c.Id == "ws.masking.zero-mask-key");
        var results = await MetaRun.RunAsync(target, [definition]);
        var clientFrames = await served;

        Assert.That(results.Single().Verdict, Is.EqualTo(Verdict.Pass), results.Single().Observed);
        Assert.That(clientFrames, Does.Contain((0xA, "srv-ping")), "a Pong (opcode 0xA) with the Ping's payload");
    }

    // A server written for this test: it pings first, echoes, then answers a Close with a Close and closes TCP.
    // Returns the (opcode, payload) of every frame the client sent on the case's connection.
    private static async Task<List<(int Opcode, string Payload)>> ServeOneAsync(TcpListener listener)
    {
        List<(int, string)> frames = [];
        for (var connection = 0; connection < 2; connection++) // the preflight's connection, then the case's
        {
            frames = [];
            using var socket = await listener.AcceptSocketAsync();
            using var stream = new NetworkStream(socket);
            using var handshake = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await stream.WriteAsync(RawHandshake.SwitchingProtocols(await RawHandshake.ReadHeadAsync(stream, handshake.Token)));
            byte[] ping = [0x89, 0x08, .. "srv-ping"u8]; // FIN + ping, unmasked, 8 bytes
            await stream.WriteAsync(ping);
            while (true)
            {
                var header = new byte[2];
                if (!await ReadExactlyAsync(stream, header))
                {
                    break;
                }

                var opcode = header[0] & 0x0F;
                var length = header[1] & 0x7F; // the client frames of this exchange are all short
                var mask = new byte[4];
                var payload = new byte[length];
                await ReadExactlyAsync(stream, mask);
                await ReadExactlyAsync(stream, payload);
                for (var i = 0; i < length; i++)
                {
                    payload[i] ^= mask[i % 4];
                }

                frames.Add((opcode, Encoding.UTF8.GetString(payload)));
                // Echo data, answer pings, answer a Close with the same Close: all unmasked, FIN set.
                var answer = opcode switch { 0x1 or 0x2 => 0x80 | opcode, 0x9 => 0x8A, 0x8 => 0x88, _ => 0 };
                if (answer != 0)
                {
                    byte[] reply = [(byte)answer, (byte)length, .. payload];
                    await stream.WriteAsync(reply);
                }

                if (opcode == 0x8)
                {
                    break;
                }
            }
        }

        return frames;
    }

    private static async Task<bool> ReadExactlyAsync(NetworkStream stream, byte[] buffer)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
