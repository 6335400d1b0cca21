namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// Decides what happens to one frame: the header to send in its place (its payload follows
/// with <see cref="FrameHeader.Length"/> bytes), or null to drop the frame and its payload.
/// </summary>
internal delegate FrameHeader? FrameRewrite(FrameHeader header);

/// <summary>What to send in place of one frame.</summary>
/// <param name="Header">
/// The header to send. Its <see cref="FrameHeader.Length"/> counts the input payload bytes that belong to the
/// frame (so a defect that misreads a length also misreads where the next frame starts); the header actually
/// sent also counts <paramref name="Trailer"/>.
/// </param>
/// <param name="EditsPayload">Pass the payload, unmasked, through <see cref="FrameEditor.EditPayload"/>.</param>
/// <param name="Trailer">Bytes, in clear, sent after the payload inside the same frame.</param>
/// <param name="DropsPayload">Consume the input payload without sending it: the frame sent carries only <paramref name="Trailer"/>.</param>
/// <param name="Follow">Bytes sent as they are right after the frame (a whole frame of their own).</param>
internal readonly record struct FrameEdit(FrameHeader Header, bool EditsPayload = false, byte[]? Trailer = null, bool DropsPayload = false, byte[]? Follow = null);

/// <summary>
/// Edits the frames of one direction of one connection as a <see cref="FrameRewriter"/> streams them:
/// every header, and, when asked to, the payload. Editors may keep state across frames.
/// </summary>
internal abstract class FrameEditor
{
    /// <summary>Decides what happens to the frame whose header was <paramref name="original"/>; null drops it with its payload.</summary>
    public abstract FrameEdit? Edit(FrameHeader original);

    /// <summary>
    /// Edits, in place and in clear, the next run of payload bytes of the frame the last <see cref="Edit"/> asked
    /// to edit. <paramref name="offset"/> is where the run starts in the payload; <paramref name="endsPayload"/>
    /// says the run holds the frame's last input payload byte. Runs are never empty.
    /// </summary>
    public virtual void EditPayload(Span<byte> payload, ulong offset, bool endsPayload)
    {
    }

    /// <summary>An editor that only rewrites headers.</summary>
    public static FrameEditor Headers(FrameRewrite rewrite) => new HeaderEditor(rewrite);

    private sealed class HeaderEditor(FrameRewrite rewrite) : FrameEditor
    {
        public override FrameEdit? Edit(FrameHeader original) => rewrite(original) is { } header ? new FrameEdit(header) : null;
    }
}
