using System;

namespace Alexandria.Agents.Loop;

/// <summary>Thrown inside the loop when a limit or a refusal ends the run; the runner turns it into the result's status.</summary>
internal sealed class RunEndedException : Exception
{
    public RunEndedException(AgentRunStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    public AgentRunStatus Status { get; }
}
