using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Conformance.Suite.Catalogue;

/// <summary>The loaded, validated catalogue.</summary>
public sealed record CatalogueSet(string Version, string Hash, IReadOnlyList<CaseDefinition> Cases);

/// <summary>
/// Reads case files (one YAML sequence of cases per protocol area) and validates them before anything runs:
/// known keys and step kinds, unique ids, clause and level present, no two cases with the same steps and
/// expectation. Every problem is reported with file and line; one problem makes the whole catalogue invalid.
/// </summary>
public static partial class CatalogueLoader
{
    /// <summary>The manifest file in the catalogue folder that holds the catalogue version.</summary>
    public const string ManifestFile = "catalogue.yaml";

    // Built once: building a serializer per case was a large part of the catalogue's load time, which every command pays.
    private static readonly ISerializer SignatureSerializer = new SerializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .WithTypeConverter(new ExpectConverter())
        .Build();

    /// <summary>
    /// Loads the built-in catalogue from <paramref name="builtinDirectory"/> and, optionally, custom case files
    /// (marked source: custom) from <paramref name="customDirectory"/>.
    /// </summary>
    /// <exception cref="CatalogueException">Any file is missing, unreadable or invalid.</exception>
    public static CatalogueSet Load(string builtinDirectory, string? customDirectory = null)
    {
        if (!Directory.Exists(builtinDirectory))
        {
            throw new CatalogueException($"The catalogue folder {builtinDirectory} does not exist.");
        }

        var manifestPath = Path.Combine(builtinDirectory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new CatalogueException($"{manifestPath} is missing: it holds the catalogue version.");
        }

        var errors = new List<CatalogueError>();
        var version = ReadManifest(manifestPath, errors);
        var files = CaseFiles(builtinDirectory).Select(f => (Path: f, Source: "builtin")).ToList();
        if (customDirectory is not null)
        {
            if (!Directory.Exists(customDirectory))
            {
                throw new CatalogueException($"The case folder {customDirectory} given with --cases-dir does not exist.");
            }

            files.AddRange(CaseFiles(customDirectory).Select(f => (Path: f, Source: "custom")));
        }

        var cases = new List<CaseDefinition>();
        var seenIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenSignatures = new Dictionary<string, string>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, source) in files)
        {
            var text = File.ReadAllText(path);
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\n" + text.ReplaceLineEndings("\n") + "\n"));
            foreach (var (dto, line) in ReadFile(path, text, errors))
            {
                var where = $"{Path.GetFileName(path)}:{line}";
                var definition = Validate(dto, path, line, source, errors);
                if (definition is null)
                {
                    continue;
                }

                if (seenIds.TryGetValue(definition.Id, out var first))
                {
                    errors.Add(new CatalogueError(path, line, $"duplicate id '{definition.Id}' (first at {first})"));
                    continue;
                }

                seenIds[definition.Id] = where;
                var signature = Signature(dto);
                if (seenSignatures.TryGetValue(signature, out var twin))
                {
                    errors.Add(new CatalogueError(path, line, $"'{definition.Id}' has the same handshake, steps, delivery and expectation as {twin}"));
                    continue;
                }

                seenSignatures[signature] = $"'{definition.Id}' ({where})";
                cases.Add(definition);
            }
        }

        if (errors.Count > 0)
        {
            throw new CatalogueException(errors);
        }

        return new CatalogueSet(version, "sha256:" + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant(), cases);
    }

    /// <summary>Finds the catalogue folder: <c>cases/</c> next to the binary, else in a parent folder (a source checkout).</summary>
    public static string? FindBuiltinDirectory(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "cases");
            if (File.Exists(Path.Combine(candidate, ManifestFile)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static IEnumerable<string> CaseFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.yaml")
            .Where(f => !string.Equals(Path.GetFileName(f), ManifestFile, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string ReadManifest(string path, List<CatalogueError> errors)
    {
        try
        {
            var manifest = Deserializer.Deserialize<CatalogueManifestDto>(File.ReadAllText(path));
            if (string.IsNullOrWhiteSpace(manifest?.Version))
            {
                errors.Add(new CatalogueError(path, 1, "'version' is missing"));
                return "";
            }

            return manifest.Version;
        }
        catch (YamlException e)
        {
            errors.Add(new CatalogueError(path, (int)e.Start.Line, Innermost(e)));
            return "";
        }
    }

    // Two passes: the YAML events of the whole file first (a syntax error ends the file, with its line), then each
    // entry of the top-level sequence deserialised from its own events, so one bad entry does not hide the next.
    private static List<(CaseDto Dto, int Line)> ReadFile(string path, string text, List<CatalogueError> errors)
    {
        var items = new List<(CaseDto, int)>();
        var events = new List<ParsingEvent>();
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                events.Add(parser.Current!);
            }
        }
        catch (YamlException e)
        {
            errors.Add(new CatalogueError(path, (int)e.Start.Line, Innermost(e)));
            return items;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections; the last event read is
            // the closest place we know.
            var line = events.Count == 0 ? 1 : (int)events[^1].End.Line;
            errors.Add(new CatalogueError(path, line, "malformed YAML after this line (an unclosed '[' or '{'?)"));
            return items;
        }

        var body = events.Where(e => e is not (StreamStart or StreamEnd or DocumentStart or DocumentEnd)).ToList();
        if (body.Count == 0)
        {
            return items;
        }

        if (body[0] is not SequenceStart || events.Count(e => e is DocumentStart) > 1)
        {
            errors.Add(new CatalogueError(path, (int)body[0].Start.Line, "a case file is one YAML sequence of cases ('- id: ...')"));
            return items;
        }

        var index = 1;
        while (index < body.Count && body[index] is not SequenceEnd)
        {
            var first = index;
            var depth = 0;
            do
            {
                depth += body[index].NestingIncrease;
                index++;
            }
            while (depth > 0 && index < body.Count);

            var line = (int)body[first].Start.Line;
            try
            {
                items.Add((Deserializer.Deserialize<CaseDto>(new EventReplay(body.GetRange(first, index - first))), line));
            }
            catch (YamlException e)
            {
                errors.Add(new CatalogueError(path, (int)e.Start.Line, Innermost(e)));
            }
        }

        return items;
    }

    /// <summary>Replays recorded YAML events, so one entry can be deserialised on its own.</summary>
    private sealed class EventReplay(List<ParsingEvent> events) : IParser
    {
        private int position = -1;

        public ParsingEvent? Current => position >= 0 && position < events.Count ? events[position] : null;

        public bool MoveNext() => ++position < events.Count;
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        var message = e.Message;
        var unknown = UnknownPropertyPattern().Match(message);
        return unknown.Success ? $"unknown key '{unknown.Groups[1].Value}'" : message;
    }

    private static CaseDefinition? Validate(CaseDto dto, string path, int line, string source, List<CatalogueError> errors)
    {
        var count = errors.Count;
        void Error(string message) => errors.Add(new CatalogueError(path, line, message));

        var id = dto.Id ?? "";
        if (!IdPattern().IsMatch(id))
        {
            Error($"id '{id}' is not of the form protocol.area.slug (lower case, digits and '-')");
        }
        else if (source == "builtin")
        {
            var expectedPrefix = Path.GetFileNameWithoutExtension(path).Replace('-', '.') + ".";
            if (!id.StartsWith(expectedPrefix, StringComparison.Ordinal))
            {
                Error($"id '{id}' does not belong in {Path.GetFileName(path)} (ids there start with '{expectedPrefix}')");
            }
        }

        if (string.IsNullOrWhiteSpace(dto.Title))
        {
            Error($"'{id}': title is missing");
        }

        if (string.IsNullOrWhiteSpace(dto.Requirement))
        {
            Error($"'{id}': requirement (the quoted text) is missing");
        }

        if (dto.Clause is null || !ClausePattern().IsMatch(dto.Clause))
        {
            Error($"'{id}': clause '{dto.Clause}' is missing or not like 'RFC6455 5.2'");
        }

        if (dto.Rev is < 1)
        {
            Error($"'{id}': rev must be 1 or more");
        }

        var level = ParseLevel(dto.Level);
        if (level is null)
        {
            Error($"'{id}': level '{dto.Level}' is not must, should, may or informational");
        }

        if (!DeliveryPlan.TryParse(dto.Delivery, out var delivery))
        {
            Error($"'{id}': delivery '{dto.Delivery}' is not whole, per-frame, bytewise or chops:N (optionally +delay:MS)");
        }

        if (dto.Tier is not null and not CaseTiers.Default and not CaseTiers.Full)
        {
            Error($"'{id}': tier '{dto.Tier}' is not default or full");
        }

        var rest = id.StartsWith("rest.", StringComparison.Ordinal);
        var browser = id.StartsWith("ws." + CaseDefinition.BrowserArea + ".", StringComparison.Ordinal);
        string[] known = rest ? [.. Rest.RestRequirements.All] : browser ? [CaseRequirements.MaxMessage, CaseRequirements.Subprotocol] : [CaseRequirements.MaxMessage];
        foreach (var requirement in dto.Requires ?? [])
        {
            if (!known.Contains(requirement))
            {
                Error($"'{id}': requires '{requirement}' is not one of {string.Join(", ", known)}");
            }
        }

        HandshakeChanges? handshake = null;
        BrowserSpec? browserSpec = null;
        List<Step> steps = [];
        Expectation? expect;
        if (browser)
        {
            // A browser case is run by the harness page with the browser's own API; frames are the browser's business.
            if (dto.Handshake is not null || dto.Steps is not null || dto.Expect is not null || dto.Delivery is not null || dto.Probe is not null)
            {
                Error($"'{id}': a browser case has a browser block, not handshake, steps, delivery, expect or probe");
            }

            browserSpec = ParseBrowser(dto.Browser, id, Error);
            expect = new Expectation { Oracle = OracleKind.Browser };
        }
        else if (dto.Browser is not null)
        {
            Error($"'{id}': browser is only for browser cases (ids ws.browser.*)");
            expect = null;
        }
        else if (rest)
        {
            // A REST case is judged by its named probe; the WebSocket vocabulary does not apply.
            if (dto.Probe is null || !Rest.RestProbes.All.ContainsKey(dto.Probe))
            {
                Error($"'{id}': probe '{dto.Probe}' is missing or not one of the REST probes ({string.Join(", ", Rest.RestProbes.All.Keys)})");
            }

            if (dto.Handshake is not null || dto.Steps is not null || dto.Expect is not null || dto.Delivery is not null)
            {
                Error($"'{id}': a REST case has a probe, not handshake, steps, delivery or expect");
            }

            expect = new Expectation { Oracle = OracleKind.Probe };
        }
        else
        {
            if (dto.Probe is not null)
            {
                Error($"'{id}': probe is only for REST cases (ids rest.*)");
            }

            var clientSide = id.StartsWith(CaseDefinition.ClientSidePrefix, StringComparison.Ordinal);
            handshake = ParseHandshake(dto.Handshake, id, clientSide, Error);
            steps = ParseSteps(dto.Steps ?? [], $"'{id}' step", clientSide, Error);
            expect = ParseExpect(dto.Expect, id, steps, clientSide, Error);
        }
        if (errors.Count > count)
        {
            return null;
        }

        return new CaseDefinition
        {
            Id = id,
            Rev = dto.Rev ?? 1,
            Title = dto.Title!.Trim(),
            Requirement = dto.Requirement!.Trim(),
            Clause = dto.Clause!,
            Level = level!.Value,
            Tags = dto.Tags ?? [],
            Autobahn = dto.Autobahn,
            Tier = dto.Tier ?? CaseTiers.Default,
            Requires = dto.Requires ?? [],
            Handshake = handshake,
            Delivery = delivery,
            Steps = steps,
            Expect = expect!,
            Probe = rest ? dto.Probe : null,
            Browser = browserSpec,
            Source = source,
            Origin = $"{Path.GetFileName(path)}:{line}",
        };
    }

    private static BrowserSpec? ParseBrowser(BrowserDto? dto, string id, Action<string> error)
    {
        BrowserScenario? scenario = dto?.Scenario switch
        {
            "open" => BrowserScenario.Open,
            "subprotocol" => BrowserScenario.Subprotocol,
            "echo" => BrowserScenario.Echo,
            "buffered" => BrowserScenario.Buffered,
            "close" => BrowserScenario.Close,
            "extensions" => BrowserScenario.Extensions,
            "compressed-echo" => BrowserScenario.CompressedEcho,
            "target-closes" => BrowserScenario.TargetCloses,
            _ => null,
        };
        if (dto is null || scenario is null)
        {
            error($"'{id}': browser scenario '{dto?.Scenario}' is missing or not open, subprotocol, echo, buffered, close, extensions, compressed-echo or target-closes");
            return null;
        }

        BrowserPayload? payload = dto.Payload switch
        {
            null or "text" => BrowserPayload.Text,
            "arraybuffer" => BrowserPayload.ArrayBuffer,
            "blob" => BrowserPayload.Blob,
            _ => null,
        };
        if (payload is null)
        {
            error($"'{id}': browser payload '{dto.Payload}' is not text, arraybuffer or blob");
        }

        if (dto.Size is < 0 or > 16 * 1024 * 1024)
        {
            error($"'{id}': browser size must be 0 to 16 MiB");
        }

        if (dto.Text is not null && dto.Size is not null)
        {
            error($"'{id}': browser text and size exclude each other");
        }

        // The browser's close() throws for any other code (WHATWG: 1000 or 3000-4999), and for a reason over 123 bytes.
        if (dto.Code is { } code && code != CloseCodes.Normal && code is < 3000 or > 4999)
        {
            error($"'{id}': browser code {code} is not one close() accepts (1000 or 3000-4999)");
        }

        if (dto.Reason is { } reason && System.Text.Encoding.UTF8.GetByteCount(reason) > 123)
        {
            error($"'{id}': browser reason is over 123 UTF-8 bytes");
        }

        if (scenario == BrowserScenario.Close && dto.Code is null)
        {
            error($"'{id}': the close scenario needs a code");
        }

        if (dto.OfferNone == true && dto.Protocols is { Count: > 0 })
        {
            error($"'{id}': browser offer-none and protocols exclude each other");
        }

        return payload is null ? null : new BrowserSpec
        {
            Scenario = scenario.Value,
            Payload = payload.Value,
            Size = dto.Size ?? 0,
            Text = dto.Text,
            Code = dto.Code,
            Reason = dto.Reason,
            Protocols = dto.Protocols ?? [],
            OfferNone = dto.OfferNone ?? false,
        };
    }

    private static RequirementLevel? ParseLevel(string? text) => text switch
    {
        "must" => RequirementLevel.Must,
        "should" => RequirementLevel.Should,
        "may" => RequirementLevel.May,
        "informational" => RequirementLevel.Informational,
        _ => null,
    };

    private static HandshakeChanges? ParseHandshake(HandshakeDto? dto, string id, bool clientSide, Action<string> error)
    {
        if (dto is null)
        {
            return null;
        }

        List<HttpHeader> Lines(List<string>? lines, string key)
        {
            var headers = new List<HttpHeader>();
            foreach (var line in lines ?? [])
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    error($"'{id}': handshake {key} entry '{line}' is not 'Name: value'");
                    continue;
                }

                headers.Add(new HttpHeader(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }

            return headers;
        }

        if (dto.NameCase is not null and not "lower" and not "upper")
        {
            error($"'{id}': handshake name-case must be lower or upper");
        }

        // A client case changes the server's response, which has a status but no method or request version.
        if (clientSide && (dto.Method ?? dto.HttpVersion ?? dto.NameCase) is not null)
        {
            error($"'{id}': a client case changes the response: status, remove, set and add (not method, http-version or name-case)");
        }

        if (dto.Status is not null && (!clientSide || !StatusPattern().IsMatch(dto.Status)))
        {
            error($"'{id}': handshake status '{dto.Status}' must be a code and reason like \"200 OK\", and only in client cases ({CaseDefinition.ClientSidePrefix}*)");
        }

        return new HandshakeChanges
        {
            Status = dto.Status,
            Method = dto.Method,
            HttpVersion = dto.HttpVersion,
            Remove = dto.Remove ?? [],
            Set = Lines(dto.Set, "set"),
            Add = Lines(dto.Add, "add"),
            NameCase = dto.NameCase,
        };
    }

    // A repeat step is expanded here, so the interpreter only ever sees the small vocabulary.
    private static List<Step> ParseSteps(List<StepDto> dtos, string where, bool clientSide, Action<string> error)
    {
        var steps = new List<Step>();
        for (var i = 0; i < dtos.Count; i++)
        {
            var dto = dtos[i];
            if (dto.Repeat is { } repeat)
            {
                if (new object?[] { dto.Send, dto.Raw, dto.Expect, dto.ExpectMessage, dto.Wait, dto.SendUntilClosed, dto.Drop }.Any(k => k is not null))
                {
                    error($"{where} {i + 1}: a step has exactly one kind");
                    continue;
                }

                if (repeat.Count is not (>= 1 and <= 100_000) || repeat.Steps is not { Count: > 0 })
                {
                    error($"{where} {i + 1}: repeat needs a count of 1-100000 and steps");
                    continue;
                }

                var body = ParseSteps(repeat.Steps, $"{where} {i + 1} (repeat) step", clientSide, error);
                for (var n = 0; n < repeat.Count; n++)
                {
                    steps.AddRange(body);
                }

                continue;
            }

            if (ParseStep(dto, $"{where} {i + 1}", clientSide, error) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static Step? ParseStep(StepDto dto, string where, bool clientSide, Action<string> error)
    {
        var kinds = new object?[] { dto.Send, dto.Raw, dto.Expect, dto.ExpectMessage, dto.Wait, dto.SendUntilClosed, dto.Drop }.Count(k => k is not null);
        if (kinds != 1)
        {
            error($"{where}: a step has exactly one of send, raw, expect, expect-message, wait, repeat, send-until-closed, drop (found {kinds})");
            return null;
        }

        if (dto.Drop is { } drop)
        {
            return drop && clientSide ? new DropStep() : Fail($"{where}: drop is 'drop: true', and only in client cases ({CaseDefinition.ClientSidePrefix}*)");
        }

        if (clientSide && dto.SendUntilClosed is not null)
        {
            return Fail($"{where}: send-until-closed is not available in client cases");
        }

        if (dto.SendUntilClosed is { } flood)
        {
            return flood.Chunk is >= 1 and <= 16 * 1024 * 1024 && flood.Max is >= 1
                ? new SendUntilClosedStep(flood.Chunk.Value, flood.Max.Value)
                : Fail($"{where}: send-until-closed needs chunk (1 byte to 16 MiB) and max");
        }

        if (dto.Send is { } send)
        {
            return ParseSend(send, where, clientSide, error) is { } frame ? new SendStep(frame) : null;
        }

        if (dto.Raw is { } raw)
        {
            return TryHex(raw, out var bytes) ? new RawStep(bytes) : Fail($"{where}: raw '{raw}' is not hex");
        }

        if (dto.Wait is { } wait)
        {
            return wait is >= 0 and <= 60_000 ? new WaitStep(wait) : Fail($"{where}: wait must be 0-60000 ms");
        }

        if (dto.ExpectMessage is { } message)
        {
            var opcode = ParseOpcode(message.Opcode);
            var payload = ParsePayload(message.Payload, where, error);
            return opcode is Opcode.Text or Opcode.Binary && payload is not null
                ? new ExpectMessageStep(opcode.Value, payload)
                : Fail($"{where}: expect-message needs opcode text or binary and a payload");
        }

        return dto.Expect switch
        {
            "echo" => new ExpectEchoStep(),
            "pong" => new ExpectPongStep(),
            "pong-early" => new ExpectPongStep(Early: true),
            "silence" => new ExpectSilenceStep(),
            "failed" => new ExpectFailedStep(),
            _ => Fail($"{where}: expect '{dto.Expect}' is not echo, pong, pong-early, silence or failed"),
        };

        Step? Fail(string message)
        {
            error(message);
            return null;
        }
    }

    private static FrameSpec? ParseSend(SendDto dto, string where, bool clientSide, Action<string> error)
    {
        var count = 0;
        void Error(string message)
        {
            count++;
            error(message);
        }

        var payload = ParsePayload(dto.Payload, where, Error) ?? PayloadSpec.Empty;
        var opcode = dto.Opcode is null && payload.CloseCode is not null ? Opcode.Close : ParseOpcode(dto.Opcode);
        if (opcode is null)
        {
            Error($"{where}: opcode '{dto.Opcode}' is not continuation, text, binary, close, ping, pong or a number 0-15");
        }

        byte rsv = 0;
        foreach (var bit in dto.Rsv ?? [])
        {
            if (bit is < 1 or > 3)
            {
                Error($"{where}: rsv lists bit numbers 1, 2 and 3");
            }
            else
            {
                rsv |= (byte)(FrameHeader.Rsv1 >> (bit - 1));
            }
        }

        // Frames are written in the suite's role: masked as a client (§5.3), unmasked as the server in client cases (§5.1).
        var mask = dto.Mask switch
        {
            null => clientSide ? MaskMode.None : MaskMode.Random,
            "random" => MaskMode.Random,
            "zero" => MaskMode.Zero,
            "none" => MaskMode.None,
            _ => (MaskMode?)null,
        };
        if (mask is null)
        {
            Error($"{where}: mask '{dto.Mask}' is not random, zero or none");
        }

        LengthForm? form = dto.LengthForm switch
        {
            null => null,
            "bits7" => LengthForm.Bits7,
            "bits16" => LengthForm.Bits16,
            "bits64" => LengthForm.Bits64,
            _ => null,
        };
        if (dto.LengthForm is not null && form is null)
        {
            Error($"{where}: length-form '{dto.LengthForm}' is not bits7, bits16 or bits64");
        }

        ulong? declared = null;
        if (dto.DeclaredLength is { } text)
        {
            if (TryParseUnsigned(text, out var value))
            {
                declared = value;
            }
            else
            {
                Error($"{where}: declared-length '{text}' is not a number");
            }
        }

        if (dto.FragmentSize is { } fragment && (fragment < 1 || declared is not null || form is not null))
        {
            Error($"{where}: fragment-size must be 1 or more and cannot go with length-form or declared-length");
        }

        var length = declared ?? (ulong)payload.Length;
        if (form == LengthForm.Bits7 && length > FrameCodec.Max7BitLength || form == LengthForm.Bits16 && length > FrameCodec.Max16BitLength)
        {
            Error($"{where}: a length of {length} does not fit length-form {dto.LengthForm}");
        }

        return count > 0 ? null : new FrameSpec
        {
            Opcode = opcode!.Value,
            Fin = dto.Fin ?? true,
            Rsv = rsv,
            Mask = mask!.Value,
            Payload = payload,
            LengthForm = form,
            DeclaredLength = declared,
            FragmentSize = dto.FragmentSize,
        };
    }

    private static PayloadSpec? ParsePayload(PayloadDto? dto, string where, Action<string> error)
    {
        if (dto is null)
        {
            return null;
        }

        var kinds = new object?[] { dto.Text, dto.Hex, dto.Size, dto.OverLimit }.Count(k => k is not null);
        if (kinds > 1)
        {
            error($"{where}: a payload has at most one of text, hex, size, over-limit");
            return null;
        }

        byte[]? bytes = null;
        if (dto.Hex is not null && !TryHex(dto.Hex, out bytes))
        {
            error($"{where}: payload hex '{dto.Hex}' is not hex");
            return null;
        }

        byte? fill = null;
        if (dto.Fill is not null)
        {
            if (!TryParseUnsigned(dto.Fill, out var f) || f > byte.MaxValue)
            {
                error($"{where}: fill '{dto.Fill}' is not a byte value");
                return null;
            }

            fill = (byte)f;
        }

        if (dto.Size is < 0 or > 64 * 1024 * 1024)
        {
            error($"{where}: size must be 0 to 64 MiB");
            return null;
        }

        if (dto.CloseCode is < 0 or > ushort.MaxValue)
        {
            error($"{where}: close-code must be 0-65535");
            return null;
        }

        if (dto.OverLimit is < 0 or > 1024 * 1024)
        {
            error($"{where}: over-limit must be 0 to 1 MiB");
            return null;
        }

        return new PayloadSpec { Text = dto.Text, Bytes = bytes, Size = dto.Size ?? 0, Fill = fill, CloseCode = (ushort?)dto.CloseCode, OverLimit = dto.OverLimit };
    }

    private static Expectation? ParseExpect(ExpectDto? dto, string id, List<Step> steps, bool clientSide, Action<string> error)
    {
        if (dto?.Oracle is null)
        {
            error($"'{id}': expect is missing");
            return null;
        }

        OracleKind? oracle = dto.Oracle switch
        {
            "upgrade-accepted" => OracleKind.UpgradeAccepted,
            "upgrade-rejected" => OracleKind.UpgradeRejected,
            "upgrade-observed" => OracleKind.UpgradeObserved,
            "exchange" => OracleKind.Exchange,
            "fail-connection" => OracleKind.FailConnection,
            "close-handshake" => OracleKind.CloseHandshake,
            "observe" => OracleKind.Observe,
            "client-request" => OracleKind.ClientRequest,
            _ => null,
        };
        if (oracle is null)
        {
            error($"'{id}': expect '{dto.Oracle}' is not upgrade-accepted, upgrade-rejected, upgrade-observed, exchange, fail-connection, close-handshake, observe or client-request");
            return null;
        }

        var isUpgrade = oracle is OracleKind.UpgradeAccepted or OracleKind.UpgradeRejected or OracleKind.UpgradeObserved;
        if (clientSide ? isUpgrade : oracle == OracleKind.ClientRequest)
        {
            error($"'{id}': {dto.Oracle} is {(clientSide ? "not" : "only")} for client cases ({CaseDefinition.ClientSidePrefix}*)");
        }

        var checks = new List<InvariantCheck>();
        var requestChecks = new List<RequestCheck>();
        foreach (var check in dto.Checks ?? [])
        {
            if (oracle == OracleKind.ClientRequest)
            {
                RequestCheck? parsed = check switch
                {
                    "method-and-version" => RequestCheck.MethodAndVersion,
                    "host" => RequestCheck.Host,
                    "upgrade-headers" => RequestCheck.UpgradeHeaders,
                    "key" => RequestCheck.Key,
                    "version" => RequestCheck.Version,
                    _ => null,
                };
                if (parsed is null)
                {
                    error($"'{id}': client-request check '{check}' is not method-and-version, host, upgrade-headers, key or version");
                }
                else
                {
                    requestChecks.Add(parsed.Value);
                }

                continue;
            }

            InvariantCheck? invariant = (check, clientSide) switch
            {
                ("server-frames-unmasked", false) => InvariantCheck.ServerFramesUnmasked,
                ("client-frames-masked", true) => InvariantCheck.ClientFramesMasked,
                ("fresh-mask-keys", true) => InvariantCheck.FreshMaskKeys,
                ("minimal-length", _) => InvariantCheck.MinimalLength,
                ("rsv-zero", _) => InvariantCheck.RsvZero,
                _ => null,
            };
            if (invariant is null)
            {
                error(clientSide
                    ? $"'{id}': check '{check}' is not client-frames-masked, fresh-mask-keys, minimal-length or rsv-zero"
                    : $"'{id}': check '{check}' is not server-frames-unmasked, minimal-length or rsv-zero");
            }
            else
            {
                checks.Add(invariant.Value);
            }
        }

        if (oracle == OracleKind.ClientRequest && (dto.Checks is not { Count: > 0 } || steps.Count > 0))
        {
            error($"'{id}': client-request judges the opening request alone: it lists checks and takes no steps");
        }

        ReportedClose? reported = null;
        if (dto.Reported is { } report)
        {
            if (!clientSide || report.Code is not (>= 1000 and <= 4999))
            {
                error($"'{id}': reported needs a code of 1000-4999, and only in client cases ({CaseDefinition.ClientSidePrefix}*)");
            }
            else
            {
                reported = new ReportedClose(report.Code.Value, report.Reason);
            }
        }

        if (isUpgrade && steps.Count > 0)
        {
            error($"'{id}': {dto.Oracle} judges the handshake alone; it takes no steps");
        }

        if (oracle is OracleKind.FailConnection or OracleKind.CloseHandshake && !steps.Any(s => s is SendStep or RawStep))
        {
            error($"'{id}': {dto.Oracle} needs a send or raw step");
        }

        if (oracle is OracleKind.Exchange && !steps.Any(s => s is ExpectEchoStep or ExpectPongStep or ExpectMessageStep or ExpectSilenceStep))
        {
            error($"'{id}': exchange needs an expect step");
        }

        if (dto.RegisteredCode == true && oracle is not OracleKind.CloseHandshake)
        {
            error($"'{id}': registered-code goes with close-handshake");
        }

        return new Expectation
        {
            Oracle = oracle.Value,
            Codes = dto.Codes ?? [],
            RequireVersionHeader = dto.RequireVersionHeader ?? false,
            Checks = checks,
            EchoFirst = dto.EchoFirst ?? false,
            RegisteredCode = dto.RegisteredCode ?? false,
            Reported = reported,
            RequestChecks = requestChecks,
        };
    }

    private static Opcode? ParseOpcode(string? text) => text switch
    {
        "continuation" => Opcode.Continuation,
        "text" => Opcode.Text,
        "binary" => Opcode.Binary,
        "close" => Opcode.Close,
        "ping" => Opcode.Ping,
        "pong" => Opcode.Pong,
        null => null,
        _ => TryParseUnsigned(text, out var value) && value <= Opcodes.MaxValue ? (Opcode)value : null,
    };

    private static bool TryParseUnsigned(string text, out ulong value)
    {
        text = text.Trim().Replace("_", "", StringComparison.Ordinal);
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryHex(string text, out byte[] bytes)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        try
        {
            bytes = Convert.FromHexString(compact);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    // Two cases that do the same thing and expect the same outcome are one case with two ids; the same steps
    // written by the suite as a client and as a server (client cases) are different cases.
    private static string Signature(CaseDto dto) =>
        SignatureSerializer.Serialize(new { ClientSide = dto.Id?.StartsWith(CaseDefinition.ClientSidePrefix, StringComparison.Ordinal), dto.Handshake, dto.Delivery, dto.Steps, dto.Expect, dto.Probe, dto.Browser });

    [GeneratedRegex(@"^[a-z]+\.[a-z0-9]+\.[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^RFC\d{3,5} \d+(\.\d+)*$")]
    private static partial Regex ClausePattern();

    [GeneratedRegex(@"^[1-5][0-9][0-9]( [\x20-\x7E]*)?$")]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"Property '([^']+)' not found")]
    private static partial Regex UnknownPropertyPattern();

    // expect: takes either the oracle name alone or a mapping with parameters.
    private sealed class ExpectConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(ExpectDto);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                return new ExpectDto { Oracle = scalar.Value };
            }

            return rootDeserializer(typeof(ExpectMapDto)) is ExpectMapDto map
                ? new ExpectDto { Oracle = map.Oracle, Codes = map.Codes, RequireVersionHeader = map.RequireVersionHeader, Checks = map.Checks, EchoFirst = map.EchoFirst, RegisteredCode = map.RegisteredCode, Reported = map.Reported }
                : null;
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            serializer(value is ExpectDto e ? new ExpectMapDto { Oracle = e.Oracle, Codes = e.Codes, RequireVersionHeader = e.RequireVersionHeader, Checks = e.Checks, EchoFirst = e.EchoFirst, RegisteredCode = e.RegisteredCode, Reported = e.Reported } : null, typeof(ExpectMapDto));
    }

    private sealed class ExpectMapDto
    {
        public string? Oracle { get; set; }
        public List<int>? Codes { get; set; }
        public bool? RequireVersionHeader { get; set; }
        public List<string>? Checks { get; set; }
        public bool? EchoFirst { get; set; }
        public bool? RegisteredCode { get; set; }
        public ReportedDto? Reported { get; set; }
    }
}
