using System;
using System.IO;
using Alexandria.Cli.Output;
using Alexandria.Handoff;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary>Runs a handoff action, turning a refused input into one clear error line and exit code 2 (never a stack trace).</summary>
internal static class HandoffRunner
{
    public static int Run(CliOutput output, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (HandoffException e)
        {
            output.Error($"[red]error:[/] {e.Message}");
            return HandoffOptions.Error;
        }
        catch (IOException e)
        {
            output.Error($"[red]error:[/] {e.Message}");
            return HandoffOptions.Error;
        }
    }
}
