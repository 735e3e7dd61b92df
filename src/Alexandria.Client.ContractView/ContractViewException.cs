using System;

namespace Alexandria.Client.ContractView;

/// <summary>The OpenAPI document cannot be turned into the client's view; says which file and where.</summary>
public sealed class ContractViewException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/>.</summary>
    public ContractViewException(string file, string message, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
    }

    /// <summary>The contract file at fault.</summary>
    public string File { get; }
}
