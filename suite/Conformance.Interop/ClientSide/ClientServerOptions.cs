using Conformance.Suite.Catalogue;
using Conformance.Suite.ClientSide;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Interop.ClientSide;

/// <summary>How <see cref="ClientCaseServer"/> serves the client cases.</summary>
public sealed record ClientServerOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }
    /// <summary>The client cases served (a client: body), in catalogue order; other cases are left out.</summary>
    public required IReadOnlyList<CaseDefinition> Cases { get; init; }
    /// <summary>The catalogue the cases come from, recorded in each agent's results.</summary>
    public required CatalogueInfo Catalogue { get; init; }
    /// <summary>"conformance X.Y.Z", recorded in each agent's results.</summary>
    public string Tool { get; init; } = "conformance " + (typeof(ClientServerOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
    /// <summary>Seed of generated payloads and mask keys.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Per-case timeout; also the time a connection has to send its request line.</summary>
    public TimeSpan Timeout { get; init; } = RunOptions.DefaultTimeout;
    /// <summary>How long a "nothing happens" check waits.</summary>
    public TimeSpan Silence { get; init; } = RunOptions.DefaultSilence;
    /// <summary>The command that re-runs one case; null names serve and the case's URL.</summary>
    public Func<CaseDefinition, string>? RerunCommand { get; init; }
    /// <summary>How long a case waits for the client's report once its connection ended.</summary>
    public TimeSpan ReportGrace { get; init; } = ClientCaseOptions.DefaultReportGrace;
}
