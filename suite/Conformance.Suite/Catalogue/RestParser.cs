namespace Conformance.Suite.Catalogue;

/// <summary>Parses the body of REST cases: the named probe, one of <see cref="Rest.RestProbes.All"/>.</summary>
internal static class RestParser
{
    public static RestBody? Parse(RestDto dto, string id, Action<string> error)
    {
        if (dto.Probe is null || !Rest.RestProbes.All.ContainsKey(dto.Probe))
        {
            error($"'{id}': probe '{dto.Probe}' is missing or not one of the REST probes ({string.Join(", ", Rest.RestProbes.All.Keys)})");
            return null;
        }

        return new RestBody { Probe = dto.Probe };
    }
}
