namespace Alexandria.Handoff.Sessions;

/// <summary>The section headings of the session handoff document, exactly as the seed writes them.</summary>
public static class SessionSections
{
    public const string Identity = "Identity";
    public const string Objective = "Objective";
    public const string RehydrationSources = "Rehydration Sources Used (in order)";
    public const string Decisions = "Decisions";
    public const string OpenQuestions = "Open Questions";
    public const string NextActions = "Next Actions (PR-sized where possible)";
    public const string FilesTouched = "Files Touched This Session (workspace)";
    public const string Notes = "Notes";
    public const string Metadata = "Metadata";

    /// <summary>Every section, in document order.</summary>
    public static readonly string[] All = [Identity, Objective, RehydrationSources, Decisions, OpenQuestions, NextActions, FilesTouched, Notes, Metadata];
}
