using Conformance.ReferenceServer;
using Conformance.TestKit;

namespace Conformance.Runner.Tests.Cli;

/// <summary>serve-reference's options: a name that is no defect or variant is a usage error naming the valid ones.</summary>
[TestFixture]
[Category("Cli")]
public sealed class ServeReferenceCommandTests
{
    [Test]
    public async Task An_unknown_variant_exits_2_and_names_every_valid_one()
    {
        var outcome = await ConformanceCli.RunAsync(["serve-reference", "--port", "0", "--variant", "Lenient"], TimeSpan.FromMinutes(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Output + outcome.Errors);
            Assert.That(outcome.Errors, Does.Contain($"--variant 'Lenient' is not one of {string.Join(", ", Enum.GetNames<Variant>())}"));
            Assert.That(outcome.Output, Does.Not.Contain("reference server ("), "nothing was served");
        }
    }
}
