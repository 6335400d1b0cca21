using Conformance.ReferenceServer;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>
/// The REST side of <see cref="VariantTests"/>: each REST variant is the reference API plus one choice RFC 9110 or
/// RFC 9457 allows, run with the profile that describes it. Against the reference API run with its own profile in the
/// same test, exactly the declared cases change, each to pass, informational or unimplemented.
/// </summary>
[TestFixture]
[Category("Meta")]
public sealed class RestVariantTests
{
    private const string ReferenceProfile = "fixtures/rest/reference.profile.yaml";

    private static IEnumerable<TestCaseData> RestVariants()
    {
        // 400 covers a body of the wrong shape as well as 422 does (RFC 9110 §15.5.1 and §15.5.21).
        yield return Case(Variant.RestBadRequestForWrongShape, ReferenceProfile);
        // Without validators there is nothing to make a request conditional on: each case says so. A precondition on a
        // missing id needs no validator and still passes.
        yield return Case(Variant.RestNoConditional, "fixtures/rest/reference-no-conditional.profile.yaml",
            [.. Repository.RestCases.Where(c => c.Area == "conditional" && c.Id != "rest.conditional.precondition-on-missing-id-404").Select(c => new VariantTests.Change(c.Id, Verdict.Unimplemented, "the profile declares no conditional requests (RFC 9110 §8.8.3: an ETag is a SHOULD)"))]);
        // Plain JSON errors: the problem-details cases do not apply (RFC 9457 §1: a format for applications that need one).
        yield return Case(Variant.RestPlainJsonErrors, "fixtures/rest/reference-plain-errors.profile.yaml",
            new VariantTests.Change("rest.problem.status-member-equals-status", Verdict.Unimplemented, "the profile says problemDetails: false"));
        // With idForm: uuid the suite's made-up missing ids are well formed, so they get 404 as on the reference API.
        yield return Case(Variant.RestUuidIds, "fixtures/rest/reference-uuid.profile.yaml");
        // The same API with a profile that declares neither HEAD nor OPTIONS.
        yield return Case(Variant.None, "fixtures/rest/reference-no-head-options.profile.yaml");
    }

    [TestCaseSource(nameof(RestVariants))]
    public async Task A_legitimate_api_choice_changes_only_its_declared_cases_and_only_for_the_better(Variant variant, string profile, VariantTests.Change[] declared)
    {
        Assert.That(declared.Select(c => c.To), Is.All.AnyOf(VariantTests.Legitimate), "a legitimate choice may only make a case pass, informational or unimplemented");
        await using var reference = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        await using var chosen = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = variant });

        var before = MetaRun.Verdicts(await MetaRun.RestAsync(reference.BaseUri, ReferenceProfile));
        var after = await MetaRun.RestAsync(chosen.BaseUri, profile);
        var changed = after.Where(r => Verdicts.Word(r.Verdict) != before[r.Id]).ToList();

        Assert.That(changed.Select(r => $"{r.Id} → {Verdicts.Word(r.Verdict)}"), Is.EquivalentTo(declared.Select(c => c.ToString())), MetaRun.Describe(changed));
    }

    private static TestCaseData Case(Variant variant, string profile, params VariantTests.Change[] declared) =>
        new TestCaseData(variant, profile, declared).SetName($"A_legitimate_api_choice_changes_only_its_declared_cases_and_only_for_the_better({variant})");
}
