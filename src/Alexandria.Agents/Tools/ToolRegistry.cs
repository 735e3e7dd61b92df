using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Alexandria.Agents.Json;
using System.Text.RegularExpressions;
using System.Threading;

namespace Alexandria.Agents.Tools;

/// <summary>
/// The tools a run may use, by name, in a fixed (ordinal) order with canonical input schemas, so the catalog text is
/// stable across runs whatever order the tools (e.g. an MCP server's) were discovered in.
/// </summary>
public sealed partial class ToolRegistry
{
    private readonly SortedDictionary<string, ITool> _tools = new(StringComparer.Ordinal);

    // Canonical input schema by raw schema text: every run renders the catalog (planner and executor) from the same
    // schemas, so each is parsed and canonicalized once; a tool whose schema text changes gets it redone.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _canonicalSchemas = new(StringComparer.Ordinal);

    /// <summary>Creates a registry holding <paramref name="tools"/>.</summary>
    public ToolRegistry(IEnumerable<ITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools)
        {
            if (!ToolName().IsMatch(tool.Name))
            {
                throw new ArgumentException($"Tool name '{tool.Name}' does not match ^[a-z][a-z0-9_.-]{{0,63}}$ (the act_payload contract).", nameof(tools));
            }

            if (!_tools.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException($"Two tools are named '{tool.Name}'.", nameof(tools));
            }
        }
    }

    /// <summary>Tool names, ordinal order.</summary>
    public IReadOnlyList<string> Names => _tools.Keys.ToList();

    /// <summary>The tool named <paramref name="name"/>, or null.</summary>
    public ITool? Find(string name) => _tools.TryGetValue(name, out var tool) ? tool : null;

    /// <summary>
    /// The <c>tool_catalog</c> prompt variable for the tools in <paramref name="names"/> (all when null):
    /// name, description and input schema of each, ordinal order — the same bytes for the same tools.
    /// </summary>
    public string Catalog(IEnumerable<string>? names = null)
    {
        var wanted = names is null ? _tools.Keys.ToList() : names.Where(_tools.ContainsKey).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return "(none)";
        }

        // Every run renders the same catalogs (the planner's of all tools, the executor's of its allowed ones): the text of
        // the last few is kept and reused while each tool's description and schema text are still the ones it was made of.
        var entries = Volatile.Read(ref _catalogs);
        foreach (var entry in entries)
        {
            if (entry.Matches(wanted, _tools))
            {
                return entry.Text;
            }
        }

        var text = new StringBuilder();
        var descriptions = new string[wanted.Count];
        var schemas = new string[wanted.Count];
        for (var i = 0; i < wanted.Count; i++)
        {
            var tool = _tools[wanted[i]];
            descriptions[i] = tool.Description;
            schemas[i] = tool.InputSchema;
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append("- ").Append(tool.Name).Append(": ").Append(descriptions[i]).Append('\n')
                .Append("  input schema: ").Append(_canonicalSchemas.GetOrAdd(schemas[i], CanonicalSchema));
        }

        var made = new CatalogText(wanted.ToArray(), descriptions, schemas, text.ToString());
        // Replaced whole (never changed in place), so a run reading the array while another stores one sees either.
        Volatile.Write(ref _catalogs, entries.Length < MaxCatalogs ? [.. entries, made] : [.. entries.AsSpan(1), made]);
        return made.Text;
    }

    private const int MaxCatalogs = 4;

    private CatalogText[] _catalogs = [];

    /// <summary>A rendered catalog and what it was rendered from.</summary>
    private sealed record CatalogText(string[] Names, string[] Descriptions, string[] Schemas, string Text)
    {
        public bool Matches(List<string> wanted, SortedDictionary<string, ITool> tools)
        {
            if (wanted.Count != Names.Length)
            {
                return false;
            }

            for (var i = 0; i < Names.Length; i++)
            {
                var tool = tools[wanted[i]];
                if (!string.Equals(wanted[i], Names[i], StringComparison.Ordinal)
                    || !string.Equals(tool.Description, Descriptions[i], StringComparison.Ordinal)
                    || !string.Equals(tool.InputSchema, Schemas[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The schema as canonical JSON (sorted keys, no whitespace): an MCP server may send the same schema with its
    /// members in another order or spacing from one start to the next, and the catalog is part of every cached prefix.
    /// Text that is not JSON is kept as given.
    /// </summary>
    private static string CanonicalSchema(string schema)
    {
        try
        {
            return AgentJson.Canonical(AgentJson.Parse(schema));
        }
        catch (JsonException)
        {
            return schema;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,63}$")]
    private static partial Regex ToolName();
}
