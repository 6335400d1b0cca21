using System.Diagnostics;
using System.Text;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Results;

/// <summary>
/// The typed wire log of one case, bounded so a flooding target cannot grow it: at most <see cref="MaxEvents"/>
/// entries (then one note saying how many were dropped), previews of at most <see cref="PreviewBytes"/> bytes.
/// Texts pass through the run's <see cref="Redactor"/> so secrets never reach an output.
/// </summary>
public sealed class WireLog
{
    /// <summary>Most entries kept per case.</summary>
    public const int MaxEvents = 200;
    /// <summary>Most payload bytes previewed per entry.</summary>
    public const int PreviewBytes = 64;
    /// <summary>Most characters of an HTTP head or note kept.</summary>
    public const int MaxTextChars = 2048;

    private readonly List<WireEvent> events = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Redactor redactor;
    private readonly object gate = new();
    private int dropped;

    /// <summary>Creates a log whose texts are redacted with <paramref name="redactor"/>.</summary>
    public WireLog(Redactor redactor) => this.redactor = redactor;

    /// <summary>Bytes written to the target so far.</summary>
    public long BytesOut { get; private set; }

    /// <summary>Bytes read from the target so far.</summary>
    public long BytesIn { get; private set; }

    /// <summary>Milliseconds since the log was created.</summary>
    public double ElapsedMs => clock.Elapsed.TotalMilliseconds;

    /// <summary>Records an event kind with an optional note.</summary>
    public void Add(WireEventKind kind, WireDirection direction, string? text = null) =>
        Append(new WireEvent { Dir = direction, Kind = kind, Text = text is null ? null : Bound(redactor.Apply(text)) });

    /// <summary>Records an HTTP head.</summary>
    public void Http(WireDirection direction, string head) => Add(WireEventKind.Http, direction, head);

    /// <summary>Records raw bytes moving in one direction.</summary>
    public void Bytes(WireDirection direction, ReadOnlySpan<byte> bytes)
    {
        if (direction == WireDirection.Out)
        {
            BytesOut += bytes.Length;
        }
        else
        {
            BytesIn += bytes.Length;
        }

        Append(new WireEvent { Dir = direction, Kind = WireEventKind.Bytes, Length = bytes.Length, Hex = Hex(bytes) });
    }

    /// <summary>Records a frame; <paramref name="payload"/> is the unmasked payload (or its first bytes).</summary>
    public void Frame(WireDirection direction, in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        // A flood of frames arrives here; once the log is full, counting is all that is left to do.
        if (Full())
        {
            return;
        }

        var text = Printable(payload);
        Append(new WireEvent
        {
            Dir = direction,
            Kind = WireEventKind.Frame,
            Opcode = Opcodes.Name(header.Opcode),
            Fin = header.Fin,
            Rsv = header.Rsv,
            Masked = header.Masked,
            Length = (long)Math.Min(header.DeclaredLength, long.MaxValue),
            Hex = Hex(payload),
            Text = text is null ? null : redactor.Apply(text),
        });
    }

    /// <summary>A snapshot of the entries, with a final note when some were dropped.</summary>
    public IReadOnlyList<WireEvent> Snapshot()
    {
        lock (gate)
        {
            var copy = new List<WireEvent>(events);
            if (dropped > 0)
            {
                copy.Add(new WireEvent { T = ElapsedMs, Kind = WireEventKind.Note, Dir = WireDirection.None, Text = $"{dropped} more entries not kept" });
            }

            return copy;
        }
    }

    /// <summary>Hex of at most <see cref="PreviewBytes"/> bytes, "…" appended when cut.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) =>
        Convert.ToHexString(bytes[..Math.Min(bytes.Length, PreviewBytes)]).ToLowerInvariant() + (bytes.Length > PreviewBytes ? "…" : "");

    /// <summary>
    /// The first bytes as text when the whole payload is valid UTF-8 without control characters; null otherwise.
    /// The preview is cut on a character boundary.
    /// </summary>
    public static string? Printable(ReadOnlySpan<byte> bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        var end = Math.Min(bytes.Length, PreviewBytes);
        while (end < bytes.Length && end > 0 && (bytes[end] & 0xC0) == 0x80)
        {
            end--;
        }

        var text = Encoding.UTF8.GetString(bytes[..end]);
        return text.Any(c => char.IsControl(c) && c != '\n' && c != '\t') ? null : text + (end < bytes.Length ? "…" : "");
    }

    private bool Full()
    {
        lock (gate)
        {
            if (events.Count < MaxEvents)
            {
                return false;
            }

            dropped++;
            return true;
        }
    }

    private static string Bound(string text) => text.Length <= MaxTextChars ? text : text[..MaxTextChars] + "…";

    private void Append(WireEvent entry)
    {
        lock (gate)
        {
            if (events.Count >= MaxEvents)
            {
                dropped++;
                return;
            }

            events.Add(entry with { T = Math.Round(ElapsedMs, 2) });
        }
    }
}
