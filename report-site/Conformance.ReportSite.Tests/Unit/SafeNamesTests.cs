using System.Security.Cryptography;
using System.Text;
using Conformance.ReportSite.Writing;

namespace Conformance.ReportSite.Tests.Unit;

public sealed class SafeNamesTests
{
    [TestCase("ws.frame.rsv1-without-extension")]
    [TestCase("ws.utf8.valid-sample-1")]
    [TestCase("custom.my_case.2")]
    public void Plain_case_id_is_its_own_file_name(string id) =>
        Assert.That(SafeNames.ForCase(id), Is.EqualTo(id));

    [TestCase("../x")]
    [TestCase("../../evil")]
    [TestCase("a..b")]
    [TestCase("a b")]
    [TestCase("WS.Frame.Upper")]
    [TestCase(".hidden")]
    [TestCase("-leading-dash")]
    [TestCase("a/b")]
    [TestCase("a\\b")]
    [TestCase("<script>alert(1)</script>")]
    [TestCase("")]
    public void Unsafe_case_id_becomes_a_hash(string id) =>
        Assert.That(SafeNames.ForCase(id), Does.Match("^case-[0-9a-f]{16}$"));

    [Test]
    public void Case_id_longer_than_a_file_name_should_be_becomes_a_hash()
    {
        var id = "ws.frame." + new string('a', 291);
        Assert.That(id, Has.Length.EqualTo(300));
        Assert.That(SafeNames.ForCase(id), Does.Match("^case-[0-9a-f]{16}$"));
    }

    [Test]
    public void Hashed_name_is_the_start_of_the_ids_SHA_256_so_it_stays_the_same_across_runs()
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("../x")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SafeNames.ForCase("../x"), Is.EqualTo("case-" + sha256[..16]));
            Assert.That(SafeNames.ForCase("../y"), Is.Not.EqualTo(SafeNames.ForCase("../x")));
            Assert.That(SafeNames.ForCase("A"), Is.Not.EqualTo("a"), "an uppercase id is hashed, not folded onto its lowercase twin");
        }
    }

    [TestCase("frame", "frame")]
    [TestCase("\"><b>", null)]
    [TestCase("Frame", null)]
    public void Area_becomes_an_id_fragment(string area, string? expected) =>
        Assert.That(SafeNames.ForArea(area), expected is null ? Does.Match("^area-[0-9a-f]{12}$") : Is.EqualTo(expected));

    [TestCase("index.html", true)]
    [TestCase("targets/t1-abc/ws.frame.a.html", true)]
    [TestCase("../index.html", false)]
    [TestCase("targets/../../x.html", false)]
    [TestCase("/etc/passwd", false)]
    [TestCase("targets//x.html", false)]
    [TestCase("Index.html", false)]
    [TestCase("", false)]
    public void Only_plain_relative_paths_are_written(string relative, bool plain) =>
        Assert.That(SafeNames.IsPlainRelativePath(relative), Is.EqualTo(plain));
}
