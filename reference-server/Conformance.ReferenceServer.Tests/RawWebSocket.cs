using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conformance.ReferenceServer.Tests;

/// <summary>The status line and header fields of an HTTP response, header lines kept in order.</summary>
internal sealed record HttpHead(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The values of every header line named <paramref name="name"/> (case-insensitive).</summary>
    public IReadOnlyList<string> Values(string name) =>
        [.. Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    /// <summary>Every line's value for <paramref name="name"/>, joined by " | " so that a repeated header shows.</summary>
    public string Joined(string name) => string.Join(" | ", Values(name));
}

/// <summary>One frame read off the wire: its header bytes exactly as sent, and its payload already unmasked.</summary>
internal sealed record RawFrame(byte[] Header, byte[] Payload)
{
    public int Opcode => Header[0] & 0x0F;

    public bool Masked => (Header[1] & 0x80) != 0;

    public string Text => Encoding.UTF8.GetString(Payload);

    public int CloseCode => BinaryPrimitives.ReadUInt16BigEndian(Payload);

    /// <summary>A short description for assertions: "connection ended", "close 1002", "text \"hi\"", ...</summary>
    public static string Describe(RawFrame? frame) => frame switch
    {
        null => "connection ended",
        { Opcode: 0x8 } => $"close {frame.CloseCode}",
        { Opcode: 0x1 } => $"text \"{frame.Text}\"",
        { Opcode: 0xA } => $"pong \"{frame.Text}\"",
        _ => $"opcode {frame.Opcode}",
    };
}

/// <summary>
/// A WebSocket client made of a bare TCP socket, for sending bytes no real client would.
/// Every read has a timeout, so a silent server fails the test instead of hanging it.
/// </summary>
internal sealed class RawWebSocket : IDisposable
{
    /// <summary>RFC 6455 §1.3's sample key and the accept value it must produce.</summary>
    public const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";

    public const string SampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /// <summary>The header lines of a correct upgrade request.</summary>
    public static readonly string[] ValidUpgradeHeaders =
    [
        "Host: 127.0.0.1",
        "Upgrade: websocket",
        "Connection: Upgrade",
        $"Sec-WebSocket-Key: {SampleKey}",
        "Sec-WebSocket-Version: 13",
    ];

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(3);

    private readonly Socket _socket;
    private readonly List<byte> _received = []; // read from the socket, not yet consumed

    private RawWebSocket(Socket socket) => _socket = socket;

    public static async Task<RawWebSocket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return new RawWebSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects and completes a correct opening handshake, failing the test if it is refused.</summary>
    public static async Task<RawWebSocket> OpenAsync(int port)
    {
        var client = await ConnectAsync(port);
        try
        {
            await client.SendAsync(UpgradeRequest());
            var head = await client.ReadHeadAsync();
            Assert.That(head.StatusCode, Is.EqualTo(101), "the opening handshake was refused");
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Starts a server, completes a handshake, sends the frames and describes what comes back first.</summary>
    public static async Task<string> FirstReplyAsync(Defect defect, params byte[][] frames) =>
        RawFrame.Describe(await FirstFrameAsync(defect, frames));

    /// <summary>Starts a server, completes a handshake, sends the frames and returns the first frame back (null: the connection ended).</summary>
    public static async Task<RawFrame?> FirstFrameAsync(Defect defect, params byte[][] frames)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = defect });
        using var raw = await OpenAsync(server.Port);
        // One write: a server that fails the connection on the first frame may reset it before a second write.
        await raw.SendAsync(frames.SelectMany(frame => frame).ToArray());
        return await raw.ReadFrameAsync();
    }

    /// <summary>A request for /echo: a valid upgrade when <paramref name="headerLines"/> is empty.</summary>
    public static string UpgradeRequest(params string[] headerLines) =>
        Request("GET /echo HTTP/1.1", headerLines.Length > 0 ? headerLines : ValidUpgradeHeaders);

    /// <summary>The valid upgrade request with <paramref name="key"/> (null: no key line) and <paramref name="version"/> in place of the sample ones.</summary>
    public static string UpgradeRequestWith(string? key = SampleKey, string version = "13")
    {
        string[] keyLine = key is null ? [] : [$"Sec-WebSocket-Key: {key}"];
        return UpgradeRequest([.. ValidUpgradeHeaders[..3], .. keyLine, $"Sec-WebSocket-Version: {version}"]);
    }

    public static string Request(string requestLine, params string[] headerLines) =>
        $"{requestLine}\r\n{string.Concat(headerLines.Select(h => h + "\r\n"))}\r\n";

    /// <summary>Masks <paramref name="payload"/> with <paramref name="key"/> as a client must (RFC 6455 §5.3).</summary>
    public static byte[] Mask(byte[] key, byte[] payload) => [.. payload.Select((b, i) => (byte)(b ^ key[i % 4]))];

    public static byte[] Mask(byte[] key, string text) => Mask(key, Encoding.UTF8.GetBytes(text));

    public Task SendAsync(string ascii) => SendAsync(Encoding.ASCII.GetBytes(ascii));

    public async Task SendAsync(params byte[][] parts)
    {
        foreach (var part in parts)
        {
            await _socket.SendAsync(part, SocketFlags.None);
        }
    }

    /// <summary>Reads an HTTP response's status line and header fields.</summary>
    public async Task<HttpHead> ReadHeadAsync()
    {
        int end;
        while ((end = IndexOfBlankLine()) < 0)
        {
            if (!await ReceiveMoreAsync())
            {
                throw new IOException("the connection ended inside the HTTP response head");
            }
        }

        var lines = Encoding.ASCII.GetString([.. _received.Take(end)]).Split("\r\n");
        _received.RemoveRange(0, end + 4);
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts[1].Trim()))
            .ToList();
        return new HttpHead(status, headers);
    }

    /// <summary>Reads one whole frame, or returns null if the connection ended (FIN or reset) first.</summary>
    public async Task<RawFrame?> ReadFrameAsync()
    {
        if (!await FillAsync(2))
        {
            return null;
        }

        var lengthField = _received[1] & 0x7F;
        var masked = (_received[1] & 0x80) != 0;
        var headerSize = 2 + (lengthField == 126 ? 2 : lengthField == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (!await FillAsync(headerSize))
        {
            return null;
        }

        var header = _received.Take(headerSize).ToArray();
        var length = lengthField switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)),
            127 => checked((int)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(2))),
            _ => lengthField,
        };
        if (!await FillAsync(headerSize + length))
        {
            return null;
        }

        var payload = _received.Skip(headerSize).Take(length).ToArray();
        _received.RemoveRange(0, headerSize + length);
        return new RawFrame(header, masked ? Mask(header[^4..], payload) : payload);
    }

    /// <summary>
    /// True when nothing at all (no byte, no FIN, no reset) arrives within <paramref name="wait"/>:
    /// the connection is open and the server is quiet.
    /// </summary>
    public async Task<bool> StaysSilentForAsync(TimeSpan wait) =>
        _received.Count == 0 && !await Task.Factory.StartNew(
            // Poll blocks, and the server under test shares this process's thread pool: a blocked pool thread
            // can delay the server's own work until the pool grows (about 500 ms), so it gets its own thread.
            () => _socket.Poll(wait, SelectMode.SelectRead),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>Every byte not yet read, up to the moment the server closes (or resets) the connection.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        while (await ReceiveMoreAsync())
        {
        }

        byte[] rest = [.. _received];
        _received.Clear();
        return rest;
    }

    /// <summary>Sends FIN: the client closes its side of the TCP connection but can still read.</summary>
    public void CloseOutput() => _socket.Shutdown(SocketShutdown.Send);

    public void Dispose() => _socket.Dispose();

    private async Task<bool> FillAsync(int count)
    {
        while (_received.Count < count)
        {
            if (!await ReceiveMoreAsync())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>False once the peer has closed or reset the connection.</summary>
    private async Task<bool> ReceiveMoreAsync()
    {
        var chunk = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(ReadTimeout);
        try
        {
            var read = await _socket.ReceiveAsync(chunk, SocketFlags.None, timeout.Token);
            _received.AddRange(chunk.AsSpan(0, read));
            return read > 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Kestrel often follows a protocol-error Close with a reset (stack-recipes trap 9).
            return false;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no data from the server within {ReadTimeout.TotalSeconds} s");
        }
    }

    private int IndexOfBlankLine()
    {
        for (var i = 0; i + 3 < _received.Count; i++)
        {
            if (_received[i] == '\r' && _received[i + 1] == '\n' && _received[i + 2] == '\r' && _received[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
