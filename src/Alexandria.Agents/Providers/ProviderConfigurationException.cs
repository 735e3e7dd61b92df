using System;

namespace Alexandria.Agents.Providers;

/// <summary>Provider settings that cannot work: a missing key (named by its variable, never printed), a bad URL or value.</summary>
public sealed class ProviderConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProviderConfigurationException(string message)
        : base(message)
    {
    }
}
