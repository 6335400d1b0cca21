using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Execution;

/// <summary>A run of a selection: cases go to the runner of their kind, and the whole becomes one report.</summary>
[TestFixture]
public sealed class SuiteRunTests
{
    private static readonly RunDescription Description = new()
    {
        Tool = "conformance 1.2.3",
        Catalogue = new CatalogueInfo { Version = "1", Hash = "sha256:00" },
        Target = "ws://127.0.0.1:9001/",
        Implementation = new ImplementationInfo { Name = "fake" },
        Seed = 7,
        Options = new Dictionary<string, string> { ["timeout"] = "3000" },
    };

    [Test]
    public async Task Each_case_goes_to_the_runner_of_its_kind_in_runner_order_and_others_are_left_out()
    {
        var wire = new FakeRunner(CaseKind.Wire) { Found = new Preflight("wire", "srv/1", new Dictionary<string, string> { ["echoText"] = "yes" }) };
        var rest = new FakeRunner(CaseKind.Rest) { Found = new Preflight("rest", "srv/2", new Dictionary<string, string> { ["rest"] = "GET answered 200", ["echoText"] = "no" }, "9.9") };
        List<CaseDefinition> selection = [.. FakeRunner.Cases(2, CaseKind.Rest, prefix: "rest"), .. FakeRunner.Cases(2, CaseKind.Wire, prefix: "wire"), .. FakeRunner.Cases(1, CaseKind.Client, prefix: "client")];
        var run = new SuiteRun(selection, [wire, rest]);
        var found = new List<string>();

        await run.PreflightAsync(p => found.Add(p.Detail), CancellationToken.None);
        var report = await run.RunAsync(Description, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.Total, Is.EqualTo(4));
            Assert.That(found, Is.EqualTo(new[] { "wire", "rest" }));
            Assert.That(report.Cases.Select(c => c.Id), Is.EqualTo(new[] { "wire.0", "wire.1", "rest.0", "rest.1" }));
            Assert.That(wire.AttemptsOf("rest.0") + rest.AttemptsOf("wire.0"), Is.Zero);
            Assert.That(report.Run.Complete, Is.True);
            Assert.That(report.Run.Target, Is.EqualTo(new TargetInfo { Url = "ws://127.0.0.1:9001/", Server = "srv/1" }));
            Assert.That(report.Run.Implementation, Is.EqualTo(new ImplementationInfo { Name = "fake", Version = "9.9" }));
            Assert.That(report.Run.Capabilities, Is.EqualTo(new Dictionary<string, string> { ["echoText"] = "yes", ["rest"] = "GET answered 200" }));
            Assert.That(report.Run.Tool, Is.EqualTo("conformance 1.2.3"));
            Assert.That(report.Run.Seed, Is.EqualTo(7));
            Assert.That(report.Run.Options, Is.EqualTo(Description.Options));
        });
    }

    [Test]
    public async Task A_run_cancelled_in_one_kind_does_not_start_the_next_and_is_incomplete()
    {
        using var cancel = new CancellationTokenSource();
        var wire = new FakeRunner(CaseKind.Wire, parallelism: 1)
        {
            Act = async (attempt, _, token) =>
            {
                if (attempt.Definition.Id == "wire.1")
                {
                    await cancel.CancelAsync();
                }

                await Task.Delay(10, token);
            },
        };
        var rest = new FakeRunner(CaseKind.Rest);
        var run = new SuiteRun([.. FakeRunner.Cases(3, CaseKind.Wire, prefix: "wire"), .. FakeRunner.Cases(2, CaseKind.Rest, prefix: "rest")], [wire, rest]);

        var report = await run.RunAsync(Description, null, cancel.Token);

        Assert.Multiple(() =>
        {
            Assert.That(report.Run.Complete, Is.False);
            Assert.That(report.Cases.Select(c => c.Id), Is.EqualTo(new[] { "wire.0" }));
            Assert.That(rest.AttemptsOf("rest.0"), Is.Zero);
        });
    }
}
