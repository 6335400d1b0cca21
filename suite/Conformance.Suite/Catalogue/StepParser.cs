using System.Globalization;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Catalogue;

/// <summary>
/// Parses the steps of wire and client cases into the small vocabulary the interpreter runs. Frames are written in
/// the suite's role; which step kinds a role may use comes from <see cref="CaseVocabulary.StepKinds"/>.
/// </summary>
internal static class StepParser
{
    private static int Kinds(StepDto dto) => CaseVocabulary.StepKinds.Values.Count(value => value(dto) is not null);

    // A repeat step is expanded here, so the interpreter only ever sees the small vocabulary.
    public static List<Step> ParseSteps(List<StepDto> dtos, string where, CaseKind role, Action<string> error)
    {
        var steps = new List<Step>();
        for (var i = 0; i < dtos.Count; i++)
        {
            var dto = dtos[i];
            if (dto.Repeat is { } repeat)
            {
                if (Kinds(dto) != 1)
                {
                    error($"{where} {i + 1}: a step has exactly one kind");
                    continue;
                }

                if (repeat.Count is not (>= 1 and <= 100_000) || repeat.Steps is not { Count: > 0 })
                {
                    error($"{where} {i + 1}: repeat needs a count of 1-100000 and steps");
                    continue;
                }

                var body = ParseSteps(repeat.Steps, $"{where} {i + 1} (repeat) step", role, error);
                for (var n = 0; n < repeat.Count; n++)
                {
                    steps.AddRange(body);
                }

                continue;
            }

            if (ParseStep(dto, $"{where} {i + 1}", role, error) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static Step? ParseStep(StepDto dto, string where, CaseKind role, Action<string> error)
    {
        var kinds = Kinds(dto);
        if (kinds != 1)
        {
            error($"{where}: a step has exactly one of {string.Join(", ", CaseVocabulary.StepKinds.Names)} (found {kinds})");
            return null;
        }

        if (dto.Drop is { } drop)
        {
            return drop && role == CaseKind.Client ? new DropStep() : Fail($"{where}: drop is 'drop: true', and only in {ExchangeParser.ClientCases}");
        }

        if (role == CaseKind.Client && dto.SendUntilClosed is not null)
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
            return ParseSend(send, where, role, error) is { } frame ? new SendStep(frame) : null;
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

        return CaseVocabulary.ExpectSteps.TryGet(dto.Expect, role, out var expect)
            ? expect
            : Fail($"{where}: expect '{dto.Expect}' is not {CaseVocabulary.ExpectSteps.ChoicesFor(role)}");

        Step? Fail(string message)
        {
            error(message);
            return null;
        }
    }

    private static FrameSpec? ParseSend(SendDto dto, string where, CaseKind role, Action<string> error)
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
            null => role == CaseKind.Client ? MaskMode.None : MaskMode.Random,
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

    public static Opcode? ParseOpcode(string? text) => text switch
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
}
