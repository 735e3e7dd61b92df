using Alexandria.Contracts;

namespace Alexandria.Client;

/// <summary>Reads the contract's problem body off a failed call.</summary>
public static class AlexandriaApiExceptionExtensions
{
    /// <summary>The RFC 7807 problem the server answered with, or null when the failure carried none.</summary>
    public static ProblemDetails? Problem(this AlexandriaApiException exception)
        => (exception as AlexandriaApiException<ProblemDetails>)?.Result;
}
