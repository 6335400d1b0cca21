using Conformance.Interop.Harness;

namespace Conformance.Interop.Tests;

public sealed class HarnessAssetsTests
{
    [Test]
    public void The_page_and_its_script_are_embedded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(HarnessAssets.Read(HarnessAssets.PageName), Is.Not.Null.And.Not.Empty);
            Assert.That(HarnessAssets.Read(HarnessAssets.ScriptName), Is.Not.Null.And.Not.Empty);
            Assert.That(HarnessAssets.Read("../secrets"), Is.Null);
        });
    }
}
