using System.Text.Json;
using Conformance.Suite.Results;
using Json.Schema;

namespace Conformance.ReportService.Api;

/// <summary>What the validator made of an upload: a report, or the status and reasons it is refused with.</summary>
internal sealed record UploadCheck(RunReport? Report, int Status, string Detail, IReadOnlyList<string> Errors)
{
    public static UploadCheck Accepted(RunReport report) => new(report, StatusCodes.Status201Created, "", []);
}

/// <summary>
/// Checks an uploaded results.json: well-formed JSON no deeper than <see cref="MaxDepth"/> (else 400), valid
/// against the committed schemas/results.schema.json and naming its implementation (else 422).
/// </summary>
internal static class UploadValidator
{
    /// <summary>Deepest nesting accepted; a results.json is at most 5 levels deep, so this only stops abuse.</summary>
    public const int MaxDepth = 64;

    /// <summary>Schema errors listed in a 422 at most.</summary>
    private const int MaxErrorsShown = 20;

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(UploadValidator).Assembly.GetManifestResourceStream("results.schema.json")
            ?? throw new InvalidOperationException("results.schema.json is not embedded in the service");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    private static readonly JsonSerializerOptions Strict = new(ResultsJson.Options) { RespectNullableAnnotations = true };

    public static UploadCheck Check(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            return new UploadCheck(null, StatusCodes.Status400BadRequest, $"The body is not well-formed JSON (or nests deeper than {MaxDepth}): {e.Message}", []);
        }

        using (document)
        {
            var evaluation = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!evaluation.IsValid)
            {
                var errors = (evaluation.Details ?? [])
                    .Where(d => d.Errors is not null)
                    // A JSON Pointer; the empty one is the document itself.
                    .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
                    .Take(MaxErrorsShown)
                    .ToList();
                return Invalid("The body is not a results.json of schemaVersion 1 (schemas/results.schema.json).", errors);
            }

            RunReport report;
            try
            {
                report = document.RootElement.Deserialize<RunReport>(Strict)!;
            }
            catch (JsonException e)
            {
                return Invalid($"The results cannot be read: {e.Message}", []);
            }

            if (report.Cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return Invalid($"Case '{twice.Key}' appears twice.", []);
            }

            // The schema allows a run without a name, but the service files runs under their implementation.
            return string.IsNullOrWhiteSpace(report.Run.Implementation.Name)
                ? Invalid("run.implementation.name is missing: run with --name NAME to say what was tested.", [])
                : UploadCheck.Accepted(report);
        }
    }

    private static UploadCheck Invalid(string detail, IReadOnlyList<string> errors) =>
        new(null, StatusCodes.Status422UnprocessableEntity, detail, errors);
}
