using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Alexandria.Contracts;
using BenchmarkDotNet.Attributes;
using NJsonSchema;
using JsonNetSchema = Json.Schema.JsonSchema;

namespace Alexandria.Benchmarks;

/// <summary>
/// Same documents for every contender: (a) the generated validator's IsValid on UTF-8 bytes (the streaming path),
/// (a') its Validate on UTF-8 bytes (the streaming check, then every error only for an invalid document),
/// (b) NJsonSchema Validate(string), (b') JsonSchema.Net Evaluate(JsonElement) (flag output, formats asserted, document
/// parsed in the call: what a caller with bytes pays), (c) a bare Utf8JsonReader pass over every token (the floor, the baseline), (d) deserialization into the typed
/// model with the generated converters.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private byte[][] _bytes = [];
    private string[] _texts = [];
    private JsonSchema _njSchema = null!;
    private JsonNetSchema _jsonNetSchema = null!;

    /// <summary>Formats asserted as Alexandria asserts them in $defs contracts; flag output, the cheapest JsonSchema.Net has.</summary>
    private static readonly Json.Schema.EvaluationOptions JsonNetOptions = new() { RequireFormatValidation = true, OutputFormat = Json.Schema.OutputFormat.Flag };
    private bool _isSnapshot;

    [Params("snapshot-4KB", "snapshot-64KB", "events-1000")]
    public string Document { get; set; } = "snapshot-4KB";

    [GlobalSetup]
    public void Setup()
    {
        _isSnapshot = Document.StartsWith("snapshot", StringComparison.Ordinal);
        _bytes = Document switch
        {
            "snapshot-4KB" => [Documents.Snapshot(4 * 1024)],
            "snapshot-64KB" => [Documents.Snapshot(64 * 1024)],
            _ => Documents.Events(1000),
        };
        _texts = _bytes.Select(b => Encoding.UTF8.GetString(b)).ToArray();

        // NJsonSchema knows draft-07 "definitions", not 2020-12 "$defs": the rename is mechanical.
        var path = Path.Combine(Documents.RepoRoot(), "contracts", "output_schema.json");
        var text = File.ReadAllText(path)
            .Replace("\"$defs\"", "\"definitions\"", StringComparison.Ordinal)
            .Replace("#/$defs/", "#/definitions/", StringComparison.Ordinal)
            .Replace("https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft-07/schema#", StringComparison.Ordinal);
        var root = JsonSchema.FromJsonAsync(text, path).GetAwaiter().GetResult();
        _njSchema = root.Definitions[_isSnapshot ? "compaction_snapshot" : "run_event"];

        // JsonSchema.Net reads 2020-12 as written: the contract is registered under its $id, the definition referenced.
        const string BaseUri = "https://alexandria.dev/contracts/output_schema.json";
        var build = new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() };
        JsonNetSchema.FromText(File.ReadAllText(path), build, new Uri(BaseUri));
        _jsonNetSchema = JsonNetSchema.FromText(
            "{\"$ref\": \"" + BaseUri + "#/$defs/" + (_isSnapshot ? "compaction_snapshot" : "run_event") + "\"}", build, new Uri("https://alexandria.invalid/benchmark"));

        // Every contender must see valid documents: assert that here.
        if (!AlexandriaValidator() || !AlexandriaValidateWithErrors() || NJsonSchemaValidate() != 0 || JsonSchemaNetEvaluate() != _bytes.Length
            || ReaderFloor() == 0 || Deserialize() != _bytes.Length)
        {
            throw new InvalidOperationException("setup: a benchmark document is not valid");
        }
    }

    [Benchmark(Description = "Alexandria IsValid(ReadOnlySpan<byte>), streaming")]
    public bool AlexandriaValidator()
    {
        var ok = true;
        if (_isSnapshot)
        {
            foreach (var b in _bytes)
            {
                ok &= CompactionSnapshotValidator.IsValid(b);
            }
        }
        else
        {
            foreach (var b in _bytes)
            {
                ok &= RunEventValidator.IsValid(b);
            }
        }

        return ok;
    }

    [Benchmark(Description = "Alexandria Validate(ReadOnlySpan<byte>)")]
    public bool AlexandriaValidateWithErrors()
    {
        var ok = true;
        if (_isSnapshot)
        {
            foreach (var b in _bytes)
            {
                ok &= CompactionSnapshotValidator.Validate(b).IsValid;
            }
        }
        else
        {
            foreach (var b in _bytes)
            {
                ok &= RunEventValidator.Validate(b).IsValid;
            }
        }

        return ok;
    }

    [Benchmark(Description = "NJsonSchema 11.6.2 Validate(string)")]
    public int NJsonSchemaValidate()
    {
        var errors = 0;
        foreach (var t in _texts)
        {
            errors += _njSchema.Validate(t).Count;
        }

        return errors;
    }

    [Benchmark(Description = "JsonSchema.Net 8.0.5 Evaluate(JsonElement)")]
    public int JsonSchemaNetEvaluate()
    {
        var valid = 0;
        foreach (var b in _bytes)
        {
            using var document = JsonDocument.Parse(b);
            valid += _jsonNetSchema.Evaluate(document.RootElement, JsonNetOptions).IsValid ? 1 : 0;
        }

        return valid;
    }

    [Benchmark(Baseline = true, Description = "Bare Utf8JsonReader pass (floor)")]
    public int ReaderFloor()
    {
        var tokens = 0;
        foreach (var b in _bytes)
        {
            var reader = new Utf8JsonReader(b);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    [Benchmark(Description = "Deserialize typed model (generated converters)")]
    public int Deserialize()
    {
        var n = 0;
        if (_isSnapshot)
        {
            foreach (var b in _bytes)
            {
                n += JsonSerializer.Deserialize<CompactionSnapshot>(b, OutputSchemaJson.Options) is null ? 0 : 1;
            }
        }
        else
        {
            foreach (var b in _bytes)
            {
                n += JsonSerializer.Deserialize<RunEvent>(b, OutputSchemaJson.Options) is null ? 0 : 1;
            }
        }

        return n;
    }
}
