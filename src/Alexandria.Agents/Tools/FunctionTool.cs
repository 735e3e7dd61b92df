using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Tools;

/// <summary>
/// An <see cref="AIFunction"/> from <c>Microsoft.Extensions.AI</c> (e.g. <c>AIFunctionFactory.Create(method)</c>) as an
/// <see cref="ITool"/>, so the functions users already wrote for <c>IChatClient</c> join the registry and get the same
/// guard as every tool: scope, caps, cursors, zero-result guidance, exceptions as observations. A returned sequence
/// (a JSON array or any <see cref="IEnumerable"/> that is not a string) is one item per element, so it pages;
/// anything else is one item; <c>null</c> is an empty result.
/// </summary>
public sealed class FunctionTool : ITool
{
    private readonly AIFunction _function;
    private readonly Func<JsonElement, IReadOnlyList<string>>? _readPaths;
    private readonly Func<JsonElement, IReadOnlyList<string>>? _writePaths;

    /// <summary>Wraps <paramref name="function"/>.</summary>
    /// <param name="function">The function; its JSON schema becomes the catalog's input schema.</param>
    /// <param name="isIdempotent">
    /// Whether a resumed run may call it again after a crash interrupted a call: false (the safe default) makes an
    /// interrupted call a reported failure rather than a possible repeated side effect.
    /// </param>
    /// <param name="name">The catalog name; by default the function's name in snake_case (<c>GetForecast</c> → <c>get_forecast</c>).</param>
    /// <param name="readPaths">The document paths a call reads, checked against the packet's scope; none when null.</param>
    /// <param name="writePaths">The paths a call writes, checked against the packet's scope; none when null.</param>
    public FunctionTool(
        AIFunction function,
        bool isIdempotent = false,
        string? name = null,
        Func<JsonElement, IReadOnlyList<string>>? readPaths = null,
        Func<JsonElement, IReadOnlyList<string>>? writePaths = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
        _readPaths = readPaths;
        _writePaths = writePaths;
        IsIdempotent = isIdempotent;
        Name = name ?? SnakeCase(function.Name);
        InputSchema = function.JsonSchema.GetRawText();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description => string.IsNullOrWhiteSpace(_function.Description) ? $"Function '{_function.Name}'." : _function.Description;

    /// <inheritdoc />
    public string InputSchema { get; }

    /// <inheritdoc />
    public bool IsIdempotent { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ReadPaths(JsonElement arguments) => _readPaths?.Invoke(arguments) ?? Array.Empty<string>();

    /// <inheritdoc />
    public IReadOnlyList<string> WritePaths(JsonElement arguments) => _writePaths?.Invoke(arguments) ?? Array.Empty<string>();

    /// <inheritdoc />
    public async Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = new AIFunctionArguments();
        switch (request.Arguments.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in request.Arguments.EnumerateObject())
                {
                    arguments[member.Name] = member.Value.Clone();
                }

                break;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                break;
            default:
                throw new ToolArgumentException("", "must be a JSON object.");
        }

        // A missing argument is the caller's mistake: the guard reports it to the executor at the argument's pointer
        // (AIFunctionFactory's own message names it only in prose, under the parameter name "arguments").
        if (_function.JsonSchema.ValueKind == JsonValueKind.Object && _function.JsonSchema.TryGetProperty("required", out var required)
            && required.ValueKind == JsonValueKind.Array
            && required.EnumerateArray().FirstOrDefault(r => r.ValueKind == JsonValueKind.String && !arguments.ContainsKey(r.GetString()!)) is { ValueKind: JsonValueKind.String } missing)
        {
            throw new ToolArgumentException("/" + missing.GetString(), "is required.");
        }

        object? result;
        try
        {
            result = await _function.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (e.ParamName == "arguments")
        {
            throw new ToolArgumentException("", e.Message);
        }

        var items = Items(result);
        return new ToolPage(items.Skip(request.Offset).ToList(), items.Count, false);
    }

    private List<ToolItem> Items(object? result)
    {
        var json = result switch
        {
            null => default,
            JsonElement element => element,
            _ => JsonSerializer.SerializeToElement(result, result.GetType(), _function.JsonSerializerOptions),
        };

        return json.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => [],
            JsonValueKind.Array => json.EnumerateArray().Select(Item).ToList(),
            _ => [Item(json)],
        };
    }

    private static ToolItem Item(JsonElement element) => new(
        element.Clone(),
        element.ValueKind == JsonValueKind.String ? element.GetString()!.ReplaceLineEndings(" ") : element.GetRawText(),
        Array.Empty<EvidenceCitation>());

    /// <summary><c>GetForecast</c>/<c>getForecast</c>/<c>Get-Forecast</c> → <c>get_forecast</c>: the catalog's name rule is lower case.</summary>
    internal static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (text.Length > 0 && text[^1] != '_' && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]))))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '_')
            {
                text.Append('_');
            }
        }

        return text.ToString().Trim('_');
    }
}
