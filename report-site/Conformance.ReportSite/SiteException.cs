namespace Conformance.ReportSite;

/// <summary>A site cannot be written for a reason the user can fix (a bad folder, an unreadable results file).</summary>
public sealed class SiteException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public SiteException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public SiteException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SiteException()
    {
    }
}
