namespace Conformance.Suite.Catalogue;

// The YAML shape of a case file, as written by people. Mutable classes because YamlDotNet needs settable
// properties; CaseParser turns them into the immutable, typed CaseDefinition. schemas/cases.schema.json describes
// the same shape for editors.

internal sealed class CaseDto
{
    public string? Id { get; set; }
    public int? Rev { get; set; }
    public string? Title { get; set; }
    public string? Requirement { get; set; }
    public string? Clause { get; set; }
    public string? Level { get; set; }
    public List<string>? Tags { get; set; }
    public string? Autobahn { get; set; }
    public string? Tier { get; set; }
    public List<string>? Requires { get; set; }
    public ExchangeDto? Wire { get; set; }
    public ExchangeDto? Client { get; set; }
    public RestDto? Rest { get; set; }
    public BrowserDto? Browser { get; set; }
}

internal sealed class ExchangeDto
{
    public HandshakeDto? Handshake { get; set; }
    public string? Delivery { get; set; }
    public List<StepDto>? Steps { get; set; }
    public ExpectDto? Expect { get; set; }
}

internal sealed class RestDto
{
    public string? Probe { get; set; }
}

internal sealed class BrowserDto
{
    public string? Scenario { get; set; }
    public string? Payload { get; set; }
    public int? Size { get; set; }
    public string? Text { get; set; }
    public int? Code { get; set; }
    public string? Reason { get; set; }
    public List<string>? Protocols { get; set; }
    public bool? OfferNone { get; set; }
}

internal sealed class HandshakeDto
{
    public string? Status { get; set; }
    public string? Method { get; set; }
    public string? HttpVersion { get; set; }
    public List<string>? Remove { get; set; }
    public List<string>? Set { get; set; }
    public List<string>? Add { get; set; }
    public string? NameCase { get; set; }
}

internal sealed class StepDto
{
    public SendDto? Send { get; set; }
    public string? Raw { get; set; }
    public string? Expect { get; set; }
    public MessageDto? ExpectMessage { get; set; }
    public int? Wait { get; set; }
    public RepeatDto? Repeat { get; set; }
    public FloodDto? SendUntilClosed { get; set; }
    public bool? Drop { get; set; }
}

internal sealed class RepeatDto
{
    public int? Count { get; set; }
    public List<StepDto>? Steps { get; set; }
}

internal sealed class FloodDto
{
    public int? Chunk { get; set; }
    public int? Max { get; set; }
}

internal sealed class SendDto
{
    public string? Opcode { get; set; }
    public bool? Fin { get; set; }
    public List<int>? Rsv { get; set; }
    public string? Mask { get; set; }
    public PayloadDto? Payload { get; set; }
    public string? LengthForm { get; set; }
    public string? DeclaredLength { get; set; }
    public int? FragmentSize { get; set; }
}

internal sealed class PayloadDto
{
    public string? Text { get; set; }
    public string? Hex { get; set; }
    public int? Size { get; set; }
    public string? Fill { get; set; }
    public int? CloseCode { get; set; }
    public int? OverLimit { get; set; }
}

internal sealed class MessageDto
{
    public string? Opcode { get; set; }
    public PayloadDto? Payload { get; set; }
}

internal class ExpectDto
{
    public string? Oracle { get; set; }
    public List<int>? Codes { get; set; }
    public bool? RequireVersionHeader { get; set; }
    /// <summary>true, false or "as-one-line".</summary>
    public string? Declinable { get; set; }
    public List<string>? Checks { get; set; }
    public bool? EchoFirst { get; set; }
    public bool? RegisteredCode { get; set; }
    public bool? TcpClosedWithinSilence { get; set; }
    public ReportedDto? Reported { get; set; }
}

internal sealed class ReportedDto
{
    public int? Code { get; set; }
    public string? Reason { get; set; }
}

internal sealed class CatalogueManifestDto
{
    public string? Version { get; set; }
}
