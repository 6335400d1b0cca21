namespace Conformance.Suite.Wire;

/// <summary>One header line as sent or received, in order; duplicates are kept as separate entries.</summary>
public sealed record HttpHeader(string Name, string Value)
{
    /// <summary>The header as an HTTP/1.1 line without CRLF.</summary>
    public override string ToString() => $"{Name}: {Value}";
}
