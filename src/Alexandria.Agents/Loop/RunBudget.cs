using System.Threading;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Loop;

/// <summary>Counts model calls, tokens, repairs and steps against <see cref="AgentLimits"/>; says which limit ended the run.</summary>
internal sealed class RunBudget
{
    private readonly AgentLimits _limits;
    private int _calls;
    private long _input;
    private long _output;
    private int _repairs;

    public RunBudget(AgentLimits limits)
    {
        _limits = limits;
    }

    public int Steps { get; private set; }

    public ModelUsage Usage => new(Volatile.Read(ref _calls), Interlocked.Read(ref _input), Interlocked.Read(ref _output), Volatile.Read(ref _repairs));

    /// <summary>Before a model call: the call is refused when calls or tokens are used up.</summary>
    public void BeforeModelCall()
    {
        if (_calls >= _limits.MaxModelCalls)
        {
            throw new RunEndedException(AgentRunStatus.MaxModelCallsReached, $"The run made its {_limits.MaxModelCalls} model calls (AgentLimits.MaxModelCalls).");
        }

        CheckTokens();
    }

    public void Record(UsageDetails? usage)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _input, usage?.InputTokenCount ?? 0);
        Interlocked.Add(ref _output, usage?.OutputTokenCount ?? 0);
    }

    public void CheckTokens()
    {
        if (_input + _output >= _limits.MaxTokens)
        {
            throw new RunEndedException(AgentRunStatus.MaxTokensReached, $"The run used {_input + _output} tokens, at or over AgentLimits.MaxTokens = {_limits.MaxTokens}.");
        }
    }

    /// <summary>Continues the counts of a resumed run.</summary>
    public void Restore(int steps, int calls, long input, long output, int repairs)
    {
        Steps = steps;
        _calls = calls;
        _input = input;
        _output = output;
        _repairs = repairs;
    }

    public void Repaired() => Interlocked.Increment(ref _repairs);

    /// <summary>Before a step: refused when the steps are used up.</summary>
    public void BeginStep()
    {
        if (Steps >= _limits.MaxSteps)
        {
            throw new RunEndedException(AgentRunStatus.MaxStepsReached, $"The run ran its {_limits.MaxSteps} steps (AgentLimits.MaxSteps) without finishing.");
        }

        Steps++;
    }
}
