using Conformance.Suite.Results;

namespace Conformance.Suite.Oracles;

public static partial class Rules
{
    /// <summary>The rules of REST cases whose level is not the case's own.</summary>
    public static class Rest
    {
        /// <summary>
        /// §15: every request is answered with a status code; a request left unanswered within the run's timeout got
        /// none, whatever the case checks.
        /// </summary>
        public static Rule Answered { get; } = new("rest.answered", RequirementLevel.Must, "RFC9110 15");

        /// <summary>
        /// §8.6: "a server MUST NOT send Content-Length in such a response unless its field value equals the decimal
        /// number of octets that would have been sent in the content of a response if the same request had used the
        /// GET method."
        /// </summary>
        public static Rule HeadContentLength { get; } = new("rest.head-content-length", RequirementLevel.Must, "RFC9110 8.6");

        /// <summary>
        /// §8.8.3: "An origin server SHOULD send an ETag for any selected representation for which detection of
        /// changes can be reasonably and consistently determined"; a profile that declares conditional requests says
        /// it can.
        /// </summary>
        public static Rule EtagSent { get; } = new("rest.etag-sent", RequirementLevel.Should, "RFC9110 8.8.3");
    }
}
