using Microsoft.Net.Http.Headers;

namespace Conformance.ReferenceServer.Rest;

/// <summary>
/// One stored resource: its JSON representation exactly as GET sends it, and its validators. The entity tag
/// is strong (RFC 9110 §8.8.3.1): it changes whenever the bytes do. The modification date is whole seconds,
/// the precision an HTTP-date carries, so If-Modified-Since compares it exactly.
/// </summary>
internal sealed record Representation(string Id, byte[] Json, EntityTagHeaderValue ETag, DateTimeOffset LastModified);

/// <summary>What a conditional write did.</summary>
internal enum WriteOutcome
{
    Created,
    Replaced,
    Deleted,
    NotFound,
    PreconditionFailed,
}

/// <summary>
/// The in-memory resources of one REST collection, in creation order. Every method takes one lock, so a
/// precondition is judged against exactly the state the write then changes.
/// </summary>
internal sealed class RestStore(TimeProvider clock, Variant variant = Variant.None)
{
    private readonly Lock _gate = new();
    private readonly OrderedDictionary<string, Representation> _resources = new(StringComparer.Ordinal);
    private long _revision; // counts every change; feeds the entity tags
    private long _lastAssignedId;

    /// <summary>A snapshot of the collection, and a weak tag for it (§8.8.1: a list's bytes are not stable).</summary>
    public (IReadOnlyList<Representation> Resources, EntityTagHeaderValue ETag) List()
    {
        lock (_gate)
        {
            return ([.. _resources.Values], CollectionTag());
        }
    }

    public Representation? Find(string id)
    {
        lock (_gate)
        {
            return _resources.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// Stores a new resource under the next free id (numeric, or a UUID under <see cref="Variant.RestUuidIds"/>), which <paramref name="render"/> turns into its JSON,
    /// unless <paramref name="precondition"/> refuses the collection as it is (given its tag): then null.
    /// </summary>
    public Representation? Add(Func<string, byte[]> render, Func<EntityTagHeaderValue, bool> precondition)
    {
        lock (_gate)
        {
            if (!precondition(CollectionTag()))
            {
                return null;
            }

            string id;
            do
            {
                id = RestVariantRules.NewId(variant, ++_lastAssignedId);
            }
            while (_resources.ContainsKey(id));

            return Store(id, render(id));
        }
    }

    /// <summary>
    /// Creates or replaces <paramref name="id"/> unless <paramref name="precondition"/> (given the current
    /// resource, null when there is none) refuses.
    /// </summary>
    public (WriteOutcome Outcome, Representation? Stored) Put(string id, byte[] json, Func<Representation?, bool> precondition)
    {
        lock (_gate)
        {
            var current = _resources.GetValueOrDefault(id);
            if (!precondition(current))
            {
                return (WriteOutcome.PreconditionFailed, current);
            }

            return (current is null ? WriteOutcome.Created : WriteOutcome.Replaced, Store(id, json));
        }
    }

    /// <summary>
    /// Deletes <paramref name="id"/> unless it is missing (RFC 9110 §13.2.1: preconditions are then ignored)
    /// or <paramref name="precondition"/> refuses.
    /// </summary>
    public WriteOutcome Delete(string id, Func<Representation, bool> precondition)
    {
        lock (_gate)
        {
            if (_resources.GetValueOrDefault(id) is not { } current)
            {
                return WriteOutcome.NotFound;
            }

            if (!precondition(current))
            {
                return WriteOutcome.PreconditionFailed;
            }

            _resources.Remove(id);
            _revision++;
            return WriteOutcome.Deleted;
        }
    }

    private EntityTagHeaderValue CollectionTag() => new($"\"r{_revision}\"", isWeak: true);

    private Representation Store(string id, byte[] json)
    {
        _revision++;
        var now = clock.GetUtcNow();
        var stored = new Representation(
            id, json, new EntityTagHeaderValue($"\"r{_revision}\""), now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
        _resources[id] = stored;
        return stored;
    }
}
