using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alexandria.OpenApi;

/// <summary>
/// An OpenAPI description and every file its references reach, transitively, each loaded once and checked:
/// each reference resolves to a file inside the description's folder and to a value in it. This is the set a
/// server serves beside <c>openapi.json</c> and the input of <see cref="Bundling.OpenApiBundler"/>.
/// </summary>
public sealed class DescriptionFileSet
{
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false, MaxDepth = 256 };

    private readonly Dictionary<string, DescriptionFile> _byPath;
    private readonly Dictionary<string, string> _ids;

    private DescriptionFileSet(DescriptionFile root, Dictionary<string, DescriptionFile> byPath, Dictionary<string, string> ids)
    {
        Root = root;
        _byPath = byPath;
        _ids = ids;
        Files = [root, .. byPath.Values.Where(f => f != root).OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>The OpenAPI document the set starts from.</summary>
    public DescriptionFile Root { get; }

    /// <summary>The root first, then every referenced file by path.</summary>
    public IReadOnlyList<DescriptionFile> Files { get; }

    /// <summary>The absolute <c>$id</c>s of the files, mapped to their paths.</summary>
    public IReadOnlyDictionary<string, string> Ids => _ids;

    /// <summary>The file at <paramref name="path"/>; null when the description does not reference it.</summary>
    public DescriptionFile? Find(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>Loads <paramref name="rootPath"/> from <paramref name="source"/> and every file its references reach.</summary>
    /// <exception cref="DescriptionException">A file is missing or not JSON, or a reference does not resolve.</exception>
    public static DescriptionFileSet Load(IDescriptionFileSource source, string rootPath = "openapi.json")
    {
        ArgumentNullException.ThrowIfNull(source);
        var byPath = new Dictionary<string, DescriptionFile>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var root = Read(source, rootPath, referrer: null);
        if (!root.IsOpenApi)
        {
            throw new DescriptionException(rootPath, 0, 0, "", "is not an OpenAPI document (no 'openapi' member at the root)");
        }
        byPath.Add(rootPath, root);

        // Files by relative references, breadth-first; references by absolute $id are checked once every $id is known.
        var pending = new Queue<DescriptionFile>([root]);
        while (pending.TryDequeue(out var file))
        {
            if (file.Root is JsonObject obj && obj.TryGetPropertyValue("$id", out var id) && id is JsonValue idValue
                && idValue.TryGetValue<string>(out var idText) && Uri.TryCreate(idText, UriKind.Absolute, out _))
            {
                ids[idText.Split('#')[0]] = file.Path;
            }
            foreach (var reference in DescriptionWalker.References(file.Root))
            {
                if (DescriptionPath.IsAbsolute(reference.Value))
                {
                    continue;
                }
                if (!DescriptionPath.TryResolve(file.Path, reference.Value, ids, out var target, out var problem))
                {
                    throw At(file, reference.Pointer, problem);
                }
                if (!byPath.ContainsKey(target.Document))
                {
                    var referenced = Read(source, target.Document, (file, reference));
                    byPath.Add(target.Document, referenced);
                    pending.Enqueue(referenced);
                }
            }
        }
        var set = new DescriptionFileSet(root, byPath, ids);
        foreach (var file in set.Files)
        {
            foreach (var reference in DescriptionWalker.References(file.Root))
            {
                set.Resolve(file, reference);
            }
        }
        return set;
    }

    /// <summary>Where <paramref name="reference"/> (found in <paramref name="file"/>) leads; the value there exists.</summary>
    /// <exception cref="DescriptionException">It does not resolve.</exception>
    public DescriptionReference Resolve(DescriptionFile file, FoundReference reference)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(reference);
        if (!DescriptionPath.TryResolve(file.Path, reference.Value, _ids, out var target, out var problem))
        {
            throw At(file, reference.Pointer, problem);
        }
        if (!_byPath.TryGetValue(target.Document, out var document))
        {
            throw At(file, reference.Pointer, $"$ref \"{reference.Value}\" names {target.Document}, which is not part of the description");
        }
        if (!JsonPointer.TryEvaluate(document.Root, target.Pointer, out _))
        {
            throw At(file, reference.Pointer, $"$ref \"{reference.Value}\" names no value: {target.Document} has nothing at '{target.Pointer}'");
        }
        return target;
    }

    /// <summary>A <see cref="DescriptionException"/> at <paramref name="pointer"/> of <paramref name="file"/>, with its line and column.</summary>
    internal static DescriptionException At(DescriptionFile file, string pointer, string problem)
    {
        var (line, column) = JsonLocator.Locate(file.Bytes, pointer);
        return new DescriptionException(file.Path, line, column, pointer, problem);
    }

    private static DescriptionFile Read(IDescriptionFileSource source, string path, (DescriptionFile File, FoundReference Reference)? referrer)
    {
        var bytes = source.Read(path);
        if (bytes is null)
        {
            var problem = $"{path} does not exist in {source.Name}";
            throw referrer is { } by ? At(by.File, by.Reference.Pointer, $"$ref \"{by.Reference.Value}\": {problem}") : new DescriptionException(path, 0, 0, "", problem);
        }
        try
        {
            var root = JsonNode.Parse(bytes, documentOptions: ParseOptions)
                ?? throw new DescriptionException(path, 1, 1, "", "is the JSON literal null, not a document");
            return new DescriptionFile(path, bytes, root);
        }
        catch (JsonException invalid)
        {
            var line = (int)(invalid.LineNumber ?? -1) + 1;
            var column = (int)(invalid.BytePositionInLine ?? -1) + 1;
            throw new DescriptionException(path, line, column, "", "is not valid JSON: " + invalid.Message);
        }
    }
}
