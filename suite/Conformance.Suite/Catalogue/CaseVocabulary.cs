using Conformance.Suite.Results;

namespace Conformance.Suite.Catalogue;

/// <summary>
/// A closed set of names a case file may write, each with its meaning and the kinds of case that may use it. The
/// parser looks names up here and its error messages list the valid names from here, so each name is written once.
/// </summary>
internal sealed class NameTable<T>(params (string Name, T Value, CaseKind[] Kinds)[] entries)
{
    /// <summary>Every name, in table order.</summary>
    public IReadOnlyList<string> Names { get; } = entries.Select(e => e.Name).ToList();

    /// <summary>Every value, in table order.</summary>
    public IReadOnlyList<T> Values { get; } = entries.Select(e => e.Value).ToList();

    /// <summary>The names the kind may use.</summary>
    public IReadOnlyList<string> NamesFor(CaseKind kind) => entries.Where(e => e.Kinds.Contains(kind)).Select(e => e.Name).ToList();

    /// <summary>The value called <paramref name="name"/>, if the table has that name.</summary>
    public bool TryGet(string? name, out T value)
    {
        var index = Index(name);
        value = index < 0 ? default! : entries[index].Value;
        return index >= 0;
    }

    /// <summary>The value called <paramref name="name"/>, if the table has that name and <paramref name="kind"/> may use it.</summary>
    public bool TryGet(string? name, CaseKind kind, out T value) => TryGet(name, out value) && Allows(name!, kind);

    /// <summary>Whether <paramref name="kind"/> may use the name.</summary>
    public bool Allows(string name, CaseKind kind) => Index(name) is >= 0 and var index && entries[index].Kinds.Contains(kind);

    /// <summary>The name of <paramref name="value"/>.</summary>
    public string NameOf(T value) => entries.First(e => EqualityComparer<T>.Default.Equals(e.Value, value)).Name;

    /// <summary>"a, b or c": every name, for an error message.</summary>
    public string Choices => CaseVocabulary.Or(Names);

    /// <summary>"a, b or c": the names the kind may use.</summary>
    public string ChoicesFor(CaseKind kind) => CaseVocabulary.Or(NamesFor(kind));

    private int Index(string? name) => Array.FindIndex(entries, e => e.Name == name);
}

/// <summary>The names of the case file format: bodies, steps, expectations, checks and their values.</summary>
internal static class CaseVocabulary
{
    private static readonly CaseKind[] Exchange = [CaseKind.Wire, CaseKind.Client];
    private static readonly CaseKind[] WireOnly = [CaseKind.Wire];
    private static readonly CaseKind[] ClientOnly = [CaseKind.Client];
    private static readonly CaseKind[] All = Enum.GetValues<CaseKind>();

    /// <summary>The body keys: exactly one states the kind of an entry.</summary>
    public static readonly NameTable<CaseKind> Bodies = new(
        ("wire", CaseKind.Wire, All),
        ("client", CaseKind.Client, All),
        ("rest", CaseKind.Rest, All),
        ("browser", CaseKind.Browser, All));

    /// <summary>Keys of the format before bodies existed, and the body they now belong under.</summary>
    public static readonly NameTable<string> OldTopLevelKeys = new(
        ("handshake", ExchangeBodies, Exchange),
        ("delivery", ExchangeBodies, Exchange),
        ("steps", ExchangeBodies, Exchange),
        ("expect", ExchangeBodies, Exchange),
        ("probe", "'rest:'", [CaseKind.Rest]));

    private const string ExchangeBodies = "'wire:' (or 'client:' when the suite is the server)";

    /// <summary>The kinds of step; a step has exactly one of these keys.</summary>
    public static readonly NameTable<Func<StepDto, object?>> StepKinds = new(
        ("send", s => s.Send, Exchange),
        ("raw", s => s.Raw, Exchange),
        ("expect", s => s.Expect, Exchange),
        ("expect-message", s => s.ExpectMessage, Exchange),
        ("wait", s => s.Wait, Exchange),
        ("repeat", s => s.Repeat, Exchange),
        ("send-until-closed", s => s.SendUntilClosed, WireOnly),
        ("drop", s => s.Drop, ClientOnly));

    /// <summary>The values of an expect step.</summary>
    public static readonly NameTable<Step> ExpectSteps = new(
        ("echo", new ExpectEchoStep(), Exchange),
        ("pong", new ExpectPongStep(), Exchange),
        ("pong-early", new ExpectPongStep(Early: true), Exchange),
        ("silence", new ExpectSilenceStep(), Exchange),
        ("failed", new ExpectFailedStep(), Exchange));

    /// <summary>The oracles an expectation names.</summary>
    public static readonly NameTable<OracleKind> Oracles = new(
        ("upgrade-accepted", OracleKind.UpgradeAccepted, WireOnly),
        ("upgrade-rejected", OracleKind.UpgradeRejected, WireOnly),
        ("upgrade-observed", OracleKind.UpgradeObserved, WireOnly),
        ("exchange", OracleKind.Exchange, Exchange),
        ("fail-connection", OracleKind.FailConnection, Exchange),
        ("close-handshake", OracleKind.CloseHandshake, Exchange),
        ("observe", OracleKind.Observe, Exchange),
        ("client-request", OracleKind.ClientRequest, ClientOnly));

    /// <summary>The invariants an expectation's checks turn into the verdict.</summary>
    public static readonly NameTable<InvariantCheck> InvariantChecks = new(
        ("server-frames-unmasked", InvariantCheck.ServerFramesUnmasked, WireOnly),
        ("client-frames-masked", InvariantCheck.ClientFramesMasked, ClientOnly),
        ("fresh-mask-keys", InvariantCheck.FreshMaskKeys, ClientOnly),
        ("minimal-length", InvariantCheck.MinimalLength, Exchange),
        ("rsv-zero", InvariantCheck.RsvZero, Exchange),
        ("no-data-after-close", InvariantCheck.NoDataAfterClose, Exchange),
        ("control-frames-valid", InvariantCheck.ControlFramesValid, Exchange),
        ("close-reason-utf8", InvariantCheck.CloseReasonUtf8, Exchange));

    /// <summary>The checks of a client-request expectation.</summary>
    public static readonly NameTable<RequestCheck> RequestChecks = new(
        ("method-and-version", RequestCheck.MethodAndVersion, ClientOnly),
        ("host", RequestCheck.Host, ClientOnly),
        ("upgrade-headers", RequestCheck.UpgradeHeaders, ClientOnly),
        ("key", RequestCheck.Key, ClientOnly),
        ("version", RequestCheck.Version, ClientOnly));

    /// <summary>Requirement levels.</summary>
    public static readonly NameTable<RequirementLevel> Levels = new(
        ("must", RequirementLevel.Must, All),
        ("should", RequirementLevel.Should, All),
        ("may", RequirementLevel.May, All),
        ("informational", RequirementLevel.Informational, All));

    /// <summary>The browser scenarios the harness page runs.</summary>
    public static readonly NameTable<BrowserScenario> BrowserScenarios = new(
        ("open", BrowserScenario.Open, All),
        ("subprotocol", BrowserScenario.Subprotocol, All),
        ("echo", BrowserScenario.Echo, All),
        ("buffered", BrowserScenario.Buffered, All),
        ("close", BrowserScenario.Close, All),
        ("extensions", BrowserScenario.Extensions, All),
        ("compressed-echo", BrowserScenario.CompressedEcho, All),
        ("target-closes", BrowserScenario.TargetCloses, All));

    /// <summary>How a browser case hands its message to send().</summary>
    public static readonly NameTable<BrowserPayload> BrowserPayloads = new(
        ("text", BrowserPayload.Text, All),
        ("arraybuffer", BrowserPayload.ArrayBuffer, All),
        ("blob", BrowserPayload.Blob, All));

    /// <summary>The run options each kind of case may require (REST cases require profile features instead).</summary>
    public static IReadOnlyList<string> KnownRequirements(CaseKind kind) => kind switch
    {
        CaseKind.Rest => Rest.RestRequirements.All,
        CaseKind.Browser => [CaseRequirements.MaxMessage, CaseRequirements.Subprotocol],
        _ => [CaseRequirements.MaxMessage],
    };

    /// <summary>"a, b or c".</summary>
    public static string Or(IReadOnlyList<string> names) => Join(names, " or ");

    /// <summary>"a, b and c".</summary>
    public static string And(IReadOnlyList<string> names) => Join(names, " and ");

    private static string Join(IReadOnlyList<string> names, string last) =>
        names.Count < 2 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + last + names[^1];
}
