using Conformance.Suite.Results;

namespace Conformance.Suite.Oracles;

public static partial class Rules
{
    /// <summary>
    /// The rules of browser cases, judged from what the page saw. Where a browser shows a wire rule (the subprotocol,
    /// the echoed close code, the failure code), the browser oracle applies the <see cref="Wire"/> rule itself.
    /// </summary>
    public static class Browser
    {
        /// <summary>
        /// §4.1: the browser "MUST _Fail the WebSocket Connection_" when the server's handshake response is not valid;
        /// a socket that never opens means the target's answer to a browser's handshake was invalid or absent.
        /// </summary>
        public static Rule HandshakeCompletes { get; } = new("browser.handshake-completes", RequirementLevel.Must, "RFC6455 4.1");

        /// <summary>
        /// The WebSocket API: readyState starts at CONNECTING (0), and "When the WebSocket connection is established,
        /// the user agent must … Change the readyState attribute's value to OPEN (1)."
        /// </summary>
        public static Rule ReadyStateOpens { get; } = new("browser.ready-state-opens", RequirementLevel.Must, "WHATWG WebSockets");

        /// <summary>
        /// The WebSocket API: "When the WebSocket connection is closed … Change the readyState attribute's value to
        /// CLOSED (3)."; a socket that never gets there was never closed by the target.
        /// </summary>
        public static Rule ReachesClosed { get; } = new("browser.reaches-closed", RequirementLevel.Must, "WHATWG WebSockets");

        /// <summary>
        /// §4.2.2: the server selects one of the offered values "that the server is willing to use"; a target declared
        /// to support an offered subprotocol that selects none is judged as a SHOULD.
        /// </summary>
        public static Rule DeclaredSubprotocolSelected { get; } = new("browser.declared-subprotocol-selected", RequirementLevel.Should, "RFC6455 4.2.2");

        /// <summary>
        /// §6.2: a data frame received makes "_A WebSocket Message Has Been Received_"; the target is declared an echo
        /// server, so each message the page sends comes back, byte for byte.
        /// </summary>
        public static Rule MessageEchoed { get; } = new("browser.message-echoed", RequirementLevel.Must, "RFC6455 6.2");

        /// <summary>
        /// §6.2: the target receives the data it is sent; bufferedAmount that never drains to 0 means it stopped
        /// reading.
        /// </summary>
        public static Rule BufferDrains { get; } = new("browser.buffer-drains", RequirementLevel.Must, "RFC6455 6.2");

        /// <summary>
        /// §5.5.1: "If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST
        /// send a Close frame in response."; a clean close event is the proof.
        /// </summary>
        public static Rule AnswersClose { get; } = new("browser.answers-close", RequirementLevel.Must, "RFC6455 5.5.1");

        /// <summary>
        /// §10.4: "implementations SHOULD impose … limits on frame sizes and the total message size"; a target declared
        /// to limit messages closes the connection on one over its limit.
        /// </summary>
        public static Rule ClosesOverLimit { get; } = new("browser.closes-over-limit", RequirementLevel.Should, "RFC6455 10.4");
    }
}
