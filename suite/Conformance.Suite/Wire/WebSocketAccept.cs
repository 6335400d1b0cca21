using System.Security.Cryptography;
using System.Text;

namespace Conformance.Suite.Wire;

/// <summary>The key/accept pair of the opening handshake (§1.3, §4.2.2).</summary>
public static class WebSocketAccept
{
    /// <summary>§1.3: the server concatenates the key with this GUID.</summary>
    public const string AcceptSuffix = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>§4.1: the key is "a randomly selected 16-byte value that has been base64-encoded".</summary>
    public const int KeyBytes = 16;

    /// <summary>§4.2.2: base64 of the SHA-1 of the key (as sent, trimmed) concatenated with <see cref="AcceptSuffix"/>.</summary>
    public static string For(string key)
    {
#pragma warning disable CA5350 // SHA-1 is what §4.2.2 prescribes; nothing here relies on it for security.
        return Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + AcceptSuffix)));
#pragma warning restore CA5350
    }

    /// <summary>A fresh key from <paramref name="random"/>, so a seeded run sends the same keys.</summary>
    public static string NewKey(Random random)
    {
        Span<byte> bytes = stackalloc byte[KeyBytes];
        random.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }
}
