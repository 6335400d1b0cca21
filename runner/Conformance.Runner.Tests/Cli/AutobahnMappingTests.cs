using Conformance.Runner.Tests.Infrastructure;

namespace Conformance.Runner.Tests.Cli;

/// <summary>The catalogue mirrors every behavioural Autobahn|Testsuite case (§1-7, §9, 10.1) or says why not.</summary>
[TestFixture]
[Category("Cli")]
public sealed class AutobahnMappingTests
{
    [Test]
    public async Task List_autobahn_covers_the_committed_list_of_autobahn_ids()
    {
        var committed = File.ReadAllLines(Path.Combine(Repository.Root, "cases", "autobahn-ids.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Id: l.Split('#')[0].Trim(), NotMirrored: l.Contains("# not mirrored:", StringComparison.Ordinal)))
            .ToList();
        var outcome = await ConformanceCli.RunAsync(["list", "--autobahn"], TimeSpan.FromMinutes(1));
        var mapped = outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();

        Assert.That(outcome.ExitCode, Is.EqualTo(0));
        Assert.That(committed, Has.Count.EqualTo(246 + 54 + 1), "§1-7, §9 and 10.1");
        Assert.That(mapped.Select(m => m[0]), Is.Unique, "one case per Autobahn id");
        Assert.That(mapped.Select(m => m[0]), Is.EquivalentTo(committed.Where(c => !c.NotMirrored).Select(c => c.Id)));
        Assert.That(mapped.Select(m => m[1]), Is.All.Matches<string>(id => Repository.Catalogue.Cases.Any(c => c.Id == id)));
    }
}
