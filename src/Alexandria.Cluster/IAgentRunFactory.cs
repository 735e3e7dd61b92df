using Alexandria.Agents.Loop;
using Alexandria.Runtime.Storage;

namespace Alexandria.Cluster;

/// <summary>
/// Builds the <see cref="AgentRunner"/> (model, tools, options) for an order's profile. The host registers one; the
/// grain asks it each time it starts or resumes a loop, so a resumed loop gets the same model and tools.
/// </summary>
public interface IAgentRunFactory
{
    /// <summary>The runner for <paramref name="order"/>, writing to <paramref name="store"/>.</summary>
    /// <exception cref="System.ArgumentException">The profile is unknown to this host.</exception>
    AgentRunner Create(IRuntimeStore store, AgentRunOrder order);
}
