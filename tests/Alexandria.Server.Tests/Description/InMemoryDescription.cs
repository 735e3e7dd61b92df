using System.Collections.Generic;
using System.Text;
using Alexandria.OpenApi;

namespace Alexandria.Server.Tests.Description;

/// <summary>Description files held in memory, by path, for bundler tests that need shapes the real contracts lack.</summary>
internal sealed class InMemoryDescription(params (string Path, string Json)[] files) : IDescriptionFileSource
{
    private readonly Dictionary<string, byte[]> _files = Index(files);

    public List<string> Reads { get; } = [];

    public string Name => "memory";

    public byte[]? Read(string relativePath)
    {
        Reads.Add(relativePath);
        return _files.GetValueOrDefault(relativePath);
    }

    private static Dictionary<string, byte[]> Index((string Path, string Json)[] files)
    {
        var index = new Dictionary<string, byte[]>();
        foreach (var (path, json) in files)
        {
            index[path] = Encoding.UTF8.GetBytes(json);
        }
        return index;
    }

    /// <summary>An OpenAPI 3.1 root whose one operation answers 200 with the schema <paramref name="reference"/>.</summary>
    public static string Root(string reference, string components = "") => $$"""
        {
          "openapi": "3.1.0",
          "info": { "title": "t", "version": "1.0.0" },
          "paths": {
            "/x": {
              "get": {
                "operationId": "getX",
                "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "{{reference}}" } } } } }
              }
            }
          }{{(components.Length == 0 ? "" : ",\n  \"components\": " + components)}}
        }
        """;
}
