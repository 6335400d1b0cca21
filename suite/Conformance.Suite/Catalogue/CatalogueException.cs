namespace Conformance.Suite.Catalogue;

/// <summary>One problem in a case file, with where it is.</summary>
public sealed record CatalogueError(string File, int Line, string Message)
{
    /// <summary>"file:line: message".</summary>
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>The catalogue is invalid; nothing may run. Carries every problem found, each with file and line.</summary>
public sealed class CatalogueException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/>.</summary>
    public CatalogueException(IReadOnlyList<CatalogueError> errors)
        : base($"The catalogue is invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine}" +
               string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception with one message.</summary>
    public CatalogueException(string message) : base(message) => Errors = [];

    /// <summary>Creates an exception with one message and a cause.</summary>
    public CatalogueException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    /// <summary>Creates an empty exception.</summary>
    public CatalogueException() => Errors = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<CatalogueError> Errors { get; }
}
