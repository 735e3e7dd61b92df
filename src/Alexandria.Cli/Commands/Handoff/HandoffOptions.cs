using System;
using System.CommandLine;
using System.IO;
using Alexandria.Handoff;
using Alexandria.Handoff.Council;
using Alexandria.Handoff.Packets;

namespace Alexandria.Cli.Commands.Handoff;

/// <summary>Options and parsing shared by the <c>handoff</c> subcommands.</summary>
internal static class HandoffOptions
{
    public const int Ok = 0;

    /// <summary>A protocol rule said no: council required, not ready, blocked, refused, verification failed.</summary>
    public const int RuleFailed = 1;

    /// <summary>The command could not run (bad input, not a git repository).</summary>
    public const int Error = 2;

    public static Option<DirectoryInfo?> Repo() => new("--repo")
    {
        Description = "The git repository to work in (default: the one holding the current directory).",
    };

    public static Option<int> Mode() => new("--mode")
    {
        Description = "0: human-mediated (a dispatch block to paste); 1: human-mediated with SHA-256 attestation.",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string?> Mission() => new("--mission") { Description = "The mission this belongs to, in your own words." };

    public static Option<string?> Workstream() => new("--workstream")
    {
        Description = "What the work is about, in your own words; it is matched to a known workstream or recorded as a new one.",
    };

    public static Option<string> Role(string name, string description) => new(name)
    {
        Description = description + " One of: human_lead, architect, builder, planner, executor.",
        Required = true,
    };

    public static HandoffWorkspace Open(DirectoryInfo? repo) => HandoffWorkspace.Open(repo?.FullName ?? Directory.GetCurrentDirectory(), TimeProvider.System);

    public static HandoffMode ParseMode(int mode) => mode switch
    {
        0 => HandoffMode.Mode0,
        1 => HandoffMode.Mode1,
        2 => throw new HandoffException("--mode 2 packets are routed by the runtime, not handed over at the command line: the agent loop's planner and executor "
            + "hand off through the HTTP API (docs/handoff.md, Mode 2); here use 0 or 1"),
        _ => throw new HandoffException("--mode must be 0 or 1"),
    };

    public static Role ParseRole(string option, string text)
    {
        var normalized = text.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        normalized = normalized is "ceo" or "human" or "lead" ? "human_lead" : normalized;
        return RoleJsonConverter.TryParse(normalized, out var role)
            ? role
            : throw new HandoffException(option + " '" + text + "' is not a role; use one of human_lead, architect, builder, planner, executor");
    }

    public static CouncilTriggerId ParseTrigger(string text) => CouncilCheck.Parse(text);
}
