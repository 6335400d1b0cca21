using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Wire;

/// <summary>The opening-handshake key and accept value (§1.3, §4.1, §4.2.2).</summary>
[TestFixture]
public sealed class WebSocketAcceptTests
{
    // §1.3 and §4.2.2: "if ... the |Sec-WebSocket-Key| header field had the value "dGhlIHNhbXBsZSBub25jZQ==", ...
    // This value is then base64-encoded ..., to give the value "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="".
    private const string RfcKey = "dGhlIHNhbXBsZSBub25jZQ==";
    private const string RfcAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    [Test]
    public void Accept_for_the_rfc_example_key_is_the_rfc_example_value()
    {
        Assert.That(WebSocketAccept.For(RfcKey), Is.EqualTo(RfcAccept));
    }

    [Test]
    public void Accept_hashes_the_rfc_sha1_bytes()
    {
        // §1.3: "giving the value 0xb3 0x7a 0x4f 0x2c 0xc0 0x62 0x4f 0x16 0x90 0xf6 0x46 0x06 0xcf 0x38 0x59 0x45
        // 0xb2 0xbe 0xc4 0xea".
        byte[] sha1 = [0xb3, 0x7a, 0x4f, 0x2c, 0xc0, 0x62, 0x4f, 0x16, 0x90, 0xf6, 0x46, 0x06, 0xcf, 0x38, 0x59, 0x45, 0xb2, 0xbe, 0xc4, 0xea];

        Assert.That(Convert.FromBase64String(WebSocketAccept.For(RfcKey)), Is.EqualTo(sha1));
    }

    [Test]
    public void Accept_ignores_whitespace_around_the_key_as_sent()
    {
        Assert.That(WebSocketAccept.For("  " + RfcKey + " "), Is.EqualTo(RfcAccept));
    }

    [Test]
    public void Accept_differs_for_a_different_key()
    {
        Assert.That(WebSocketAccept.For("AQIDBAUGBwgJCgsMDQ4PEA=="), Is.Not.EqualTo(RfcAccept));
    }

    [TestCase(1)]
    [TestCase(42)]
    [TestCase(int.MaxValue)]
    public void New_key_is_base64_of_16_bytes(int seed)
    {
        var key = WebSocketAccept.NewKey(new Random(seed));

        Assert.Multiple(() =>
        {
            Assert.That(Convert.FromBase64String(key), Has.Length.EqualTo(16));
            Assert.That(key, Has.Length.EqualTo(24), "16 bytes encode to 24 base64 characters");
        });
    }

    [Test]
    public void Keys_from_the_same_seed_repeat_in_the_same_order()
    {
        var first = new Random(7);
        var second = new Random(7);

        var a = Enumerable.Range(0, 5).Select(_ => WebSocketAccept.NewKey(first)).ToList();
        var b = Enumerable.Range(0, 5).Select(_ => WebSocketAccept.NewKey(second)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(b, Is.EqualTo(a));
            Assert.That(a, Is.Unique, "successive keys of one run differ");
        });
    }

    [Test]
    public void Keys_from_different_seeds_differ()
    {
        Assert.That(WebSocketAccept.NewKey(new Random(1)), Is.Not.EqualTo(WebSocketAccept.NewKey(new Random(2))));
    }
}
