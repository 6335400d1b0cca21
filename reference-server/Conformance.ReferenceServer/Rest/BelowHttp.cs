using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace Conformance.ReferenceServer.Rest;

/// <summary>
/// Puts on the wire what Kestrel refuses to: content after the head of a HEAD or 304 response (Kestrel drops
/// or rejects such writes) and Content-Length on a 204 (Kestrel removes it). Only the REST defect fixtures
/// use this; the correct server never does.
/// </summary>
internal static class BelowHttp
{
    /// <summary>True when <paramref name="defect"/> writes content behind Kestrel's back, so needs <see cref="CaptureConnectionOutput"/>.</summary>
    public static bool NeedsConnectionOutput(Defect defect) => defect is Defect.RestHeadWithBody or Defect.RestNotModifiedWithBody;

    /// <summary>
    /// Connection middleware (added after any TLS, so it sees plain HTTP): keeps the pipe Kestrel writes responses
    /// into as a connection feature. Kestrel's HttpContext.Features falls back to the connection's features, so a
    /// request handler can reach it.
    /// </summary>
    public static void CaptureConnectionOutput(ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Features.Set(new ConnectionOutput(connection.Transport.Output));
            return next(connection);
        });

    /// <summary>
    /// Lets Kestrel finish the response as it frames it — the head alone, for HEAD and 304 — and then writes
    /// <paramref name="content"/> straight into the connection after it. Kestrel writes nothing more for this
    /// request (it only goes on once the handler returns), so the bytes land between this head and the next.
    /// </summary>
    public static async Task SendContentAfterHeadAsync(HttpContext context, ReadOnlyMemory<byte> content)
    {
        var output = context.Features.Get<ConnectionOutput>()
            ?? throw new InvalidOperationException("The listener was started without BelowHttp.CaptureConnectionOutput.");
        await context.Response.CompleteAsync();
        await output.Writer.WriteAsync(content, context.RequestAborted);
    }

    /// <summary>
    /// Adds <paramref name="headerLine"/> to the head through the reason phrase: Kestrel writes the phrase verbatim
    /// after the status code and puts its own header fields on the following lines, so the line arrives as an
    /// ordinary header field right below the status line, where Kestrel's checks on header fields never see it.
    /// </summary>
    public static void AddHeaderLine(HttpContext context, string headerLine) =>
        context.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase =
            $"{ReasonPhrases.GetReasonPhrase(context.Response.StatusCode)}\r\n{headerLine}";

    /// <summary>The connection's output pipe, below Kestrel's HTTP/1.1 framing.</summary>
    private sealed record ConnectionOutput(PipeWriter Writer);
}
