using Conformance.Runner.Commands;
using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary>One output of a finished run. A reporter only reads the report; it never judges a case.</summary>
internal interface IReporter
{
    Task<ReporterOutcome> WriteAsync(RunReport report, ReportContext context, CancellationToken cancellationToken);
}

/// <summary>What a reporter's write came to; the gate reads it (<see cref="RunGate"/>).</summary>
internal enum ReporterOutcome
{
    /// <summary>Written, or nothing to write.</summary>
    Done,
    /// <summary>An output the user asked for could not be written: a usage error.</summary>
    WriteFailed,
    /// <summary>The report service refused the upload.</summary>
    UploadRefused,
}

/// <summary>
/// What reporters may read besides the report: the settings, the terminal, where results.json went (null when the
/// run writes none) and the baseline outcome (null without --baseline).
/// </summary>
internal sealed record ReportContext(RunSettings Settings, Terminal Terminal, string? ResultsPath, BaselineOutcome? Baseline);
