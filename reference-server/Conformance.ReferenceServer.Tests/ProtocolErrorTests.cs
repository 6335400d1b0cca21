namespace Conformance.ReferenceServer.Tests;

/// <summary>
/// The correct reference server fails the connection on the frames its defect variants accept.
/// Kestrel sends Close 1002 (1007 for bad UTF-8) and then resets, so the Close may be lost
/// (stack-recipes trap 9): either outcome is correct, an echo or a pong never is.
/// </summary>
public sealed class ProtocolErrorTests
{
    private static readonly byte[] Key = [0x11, 0x22, 0x33, 0x44];

    [Test]
    public async Task Fails_the_connection_on_an_unmasked_frame()
    {
        var outcome = await RawWebSocket.FirstReplyAsync(
            Defect.None,
            [0x81, 0x0B, .. "hello world"u8]); // FIN=1 text; MASK=0 len=11 (>= 6 bytes, trap 10); "hello world" in clear

        Assert.That(outcome, Is.AnyOf("close 1002", "connection ended"));
    }

    [Test]
    public async Task Fails_the_connection_on_rsv1_without_an_extension()
    {
        var outcome = await RawWebSocket.FirstReplyAsync(
            Defect.None,
            [0xC1, 0x85, .. Key, .. RawWebSocket.Mask(Key, "hello")]); // FIN=1 RSV1=1 text; MASK=1 len=5; key; "hello"

        Assert.That(outcome, Is.AnyOf("close 1002", "connection ended"));
    }

    [Test]
    public async Task Fails_the_connection_on_a_reserved_opcode()
    {
        var outcome = await RawWebSocket.FirstReplyAsync(
            Defect.None,
            [0x83, 0x85, .. Key, .. RawWebSocket.Mask(Key, "hello")], // FIN=1 opcode 3 (reserved); MASK=1 len=5; key; payload
            [0x89, 0x82, .. Key, .. RawWebSocket.Mask(Key, "pp")]); // FIN=1 ping; MASK=1 len=2; key; "pp"

        Assert.That(outcome, Is.AnyOf("close 1002", "connection ended"));
    }

    [Test]
    public async Task Fails_the_connection_on_a_64_bit_length_with_its_most_significant_bit_set()
    {
        var outcome = await RawWebSocket.FirstReplyAsync(
            Defect.None,
            [
                0x81, 0xFF, // FIN=1 text; MASK=1 len=127: a 64-bit length follows
                0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, // 0x8000000000000005: the MSB MUST be 0 (§5.2)
                .. Key, .. RawWebSocket.Mask(Key, "hello"), // key; 5 payload bytes
            ]);

        Assert.That(outcome, Is.AnyOf("close 1002", "connection ended"));
    }

    [Test]
    public async Task Fails_the_connection_on_invalid_utf8_in_a_text()
    {
        var outcome = await RawWebSocket.FirstReplyAsync(
            Defect.None,
            [0x81, 0x84, .. Key, .. RawWebSocket.Mask(Key, [0x61, 0xFF, 0xFE, 0x62])]); // FIN=1 text; MASK=1 len=4; key; 'a', two bytes never valid in UTF-8, 'b'

        Assert.That(outcome, Is.AnyOf("close 1007", "connection ended"));
    }
}
