using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>How an opening handshake went wrong before any HTTP answer could be judged.</summary>
public enum HandshakeFailure
{
    /// <summary>An HTTP response head arrived.</summary>
    None,
    /// <summary>Nothing (or not a whole head) before the timeout.</summary>
    Timeout,
    /// <summary>The target closed TCP without answering.</summary>
    Closed,
    /// <summary>The target reset the connection without answering.</summary>
    Reset,
    /// <summary>What came back is not an HTTP/1.x response.</summary>
    NotHttp,
}

/// <summary>The request sent and what came back.</summary>
public sealed record HandshakeOutcome(HandshakeRequest Request, string Key, HandshakeResponse? Response, HandshakeFailure Failure, string Detail)
{
    /// <summary>A 101 answer.</summary>
    public bool Upgraded => Response?.StatusCode == HandshakeResponse.SwitchingProtocols;

    /// <summary>The answer in a few words, for observed texts.</summary>
    public string Describe() => Failure switch
    {
        HandshakeFailure.None => $"HTTP {Response!.StatusCode} {Response.ReasonPhrase}".TrimEnd(),
        HandshakeFailure.Timeout => $"no answer to the handshake ({Detail})",
        HandshakeFailure.Closed => "TCP closed without an HTTP answer",
        HandshakeFailure.Reset => "TCP reset without an HTTP answer",
        _ => $"not an HTTP answer: {Detail}",
    };
}
