using Conformance.Suite.Results;

namespace Conformance.Suite.Oracles;

public static partial class Rules
{
    /// <summary>The rules of client cases: the suite is the server and judges the client's opening request.</summary>
    public static class Client
    {
        /// <summary>
        /// §4.1: "The handshake MUST be a valid HTTP request as specified by [RFC2616]", with the method, Host,
        /// Upgrade, Connection, Sec-WebSocket-Key and Sec-WebSocket-Version the section requires; a request that
        /// never completes is none.
        /// </summary>
        public static Rule OpeningRequest { get; } = new("client.opening-request", RequirementLevel.Must, "RFC6455 4.1");
    }
}
