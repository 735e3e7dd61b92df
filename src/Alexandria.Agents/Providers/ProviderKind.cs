namespace Alexandria.Agents.Providers;

/// <summary>The model providers <c>alexandria agent run --provider</c> knows.</summary>
public enum ProviderKind
{
    /// <summary>A model script played offline (<c>ScriptedChatClient</c>).</summary>
    Scripted,

    /// <summary>OpenAI chat completions, or any OpenAI-compatible endpoint (<c>--base-url</c>).</summary>
    OpenAI,

    /// <summary>Anthropic messages.</summary>
    Anthropic,

    /// <summary>Ollama chat (local or remote).</summary>
    Ollama,
}
