using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Wire;

/// <summary>Close status codes classified by RFC 6455 §7.4.1 (defined codes) and §7.4.2 (reserved ranges).</summary>
[TestFixture]
public sealed class CloseCodesTests
{
    // §7.4.1: 1000 normal, 1001 going away, 1002 protocol error, 1003 unsupported data,
    // 1007 inconsistent data, 1008 policy, 1009 too big, 1010 missing extension, 1011 unexpected condition.
    [TestCase(1000)]
    [TestCase(1001)]
    [TestCase(1002)]
    [TestCase(1003)]
    [TestCase(1007)]
    [TestCase(1008)]
    [TestCase(1009)]
    [TestCase(1010)]
    [TestCase(1011)]
    // §7.4.2: "3000-3999 ... reserved for use by libraries, frameworks, and applications";
    // "4000-4999 ... reserved for private use".
    [TestCase(3000)]
    [TestCase(3999)]
    [TestCase(4000)]
    [TestCase(4999)]
    public void Defined_and_application_codes_are_valid_under_both_policies(int code)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CloseCodes.Classify(code, CloseCodePolicy.Iana), Is.EqualTo(CloseCodeClass.Valid));
            Assert.That(CloseCodes.Classify(code, CloseCodePolicy.Rfc6455), Is.EqualTo(CloseCodeClass.Valid));
        });
    }

    // 1012 service restart, 1013 try again later, 1014 bad gateway: added to the IANA registry after RFC 6455.
    [TestCase(1012)]
    [TestCase(1013)]
    [TestCase(1014)]
    public void Iana_registered_codes_are_valid_under_iana_and_invalid_under_rfc6455(int code)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CloseCodes.Classify(code, CloseCodePolicy.Iana), Is.EqualTo(CloseCodeClass.Valid));
            Assert.That(CloseCodes.Classify(code, CloseCodePolicy.Rfc6455), Is.EqualTo(CloseCodeClass.Invalid));
        });
    }

    [Test]
    public void Iana_is_the_default_policy()
    {
        Assert.That(CloseCodes.Classify(1012), Is.EqualTo(CloseCodeClass.Valid));
    }

    // §7.4.2: "Status codes in the range 0-999 are not used."
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(999)]
    // §7.4.1: 1004 "Reserved. The specific meaning might be defined in the future."
    [TestCase(1004)]
    // §7.4.1: 1005, 1006 and 1015 "MUST NOT be set as a status code in a Close control frame by an endpoint".
    [TestCase(1005)]
    [TestCase(1006)]
    [TestCase(1015)]
    // §7.4.2: 1000-2999 "reserved for definition by this protocol"; nothing assigned from 1016 on.
    [TestCase(1016)]
    [TestCase(2000)]
    [TestCase(2999)]
    public void Unused_reserved_and_never_on_the_wire_codes_are_invalid_under_both_policies(int code)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CloseCodes.Classify(code, CloseCodePolicy.Iana), Is.EqualTo(CloseCodeClass.Invalid));
            Assert.That(CloseCodes.Classify(code, CloseCodePolicy.Rfc6455), Is.EqualTo(CloseCodeClass.Invalid));
        });
    }

    // §7.4.2 defines the ranges 0-999 through 4000-4999 and nothing from 5000 on.
    [TestCase(5000)]
    [TestCase(65535)]
    public void Codes_from_5000_are_undefined_under_both_policies(int code)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CloseCodes.Classify(code, CloseCodePolicy.Iana), Is.EqualTo(CloseCodeClass.Undefined));
            Assert.That(CloseCodes.Classify(code, CloseCodePolicy.Rfc6455), Is.EqualTo(CloseCodeClass.Undefined));
        });
    }

    [Test]
    public void Named_codes_that_must_not_be_on_the_wire_classify_as_invalid()
    {
        Assert.That(
            new[] { CloseCodes.NoStatusReceived, CloseCodes.Abnormal, CloseCodes.TlsHandshake }.Select(c => CloseCodes.Classify(c)),
            Is.All.EqualTo(CloseCodeClass.Invalid));
    }
}
