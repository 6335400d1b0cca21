using System.Globalization;

namespace Conformance.ReferenceServer.Rest;

/// <summary>The REST API's choices that a <see cref="Variant"/> changes, each in one place.</summary>
internal static class RestVariantRules
{
    /// <summary>The ids of the two seeded notes under <see cref="Variant.RestUuidIds"/> (fixtures/rest/reference-uuid.profile.yaml names the first).</summary>
    private static readonly string[] SeededNoteUuids = ["6f9619ff-8b86-4d01-b42d-00c04fc964ff", "7c9e6679-7425-40de-944b-e07fc1f90ae7"];

    /// <summary>The id a new item gets: the next number, or a random UUID under <see cref="Variant.RestUuidIds"/>.</summary>
    public static string NewId(Variant variant, long next) =>
        variant == Variant.RestUuidIds ? Guid.NewGuid().ToString("D") : next.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id of seeded note number <paramref name="ordinal"/> (1, 2).</summary>
    public static string SeededNoteId(Variant variant, int ordinal) =>
        variant == Variant.RestUuidIds ? SeededNoteUuids[ordinal - 1] : ordinal.ToString(CultureInfo.InvariantCulture);

    /// <summary>False for an id the variant's id syntax rules out: anything but a UUID under <see cref="Variant.RestUuidIds"/>.</summary>
    public static bool IsWellFormedId(Variant variant, string id) => variant != Variant.RestUuidIds || Guid.TryParseExact(id, "D", out _);

    /// <summary>The validators a response shows and preconditions see: none under <see cref="Variant.RestNoConditional"/>.</summary>
    public static Validators Visible(Variant variant, Validators validators) =>
        variant == Variant.RestNoConditional ? new Validators(ETag: null, LastModified: null) : validators;

    /// <summary>The status for well-formed JSON that is not an item: 422, or 400 under <see cref="Variant.RestBadRequestForWrongShape"/>.</summary>
    public static int WrongShapeStatus(Variant variant) =>
        variant == Variant.RestBadRequestForWrongShape ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
}
