using System.Text.Json.Serialization;

namespace Alexandria.Cli.Output.Json;

/// <summary>
/// Serialization of every <c>--output json</c> document, source-generated (no reflection) with snake_case
/// names like the contracts, so a renamed C# property cannot silently rename a member scripts rely on.
/// Contract types inside a document (events, snapshots) arrive as <see cref="System.Text.Json.JsonElement"/>
/// already written by the generated converters.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ValidateDocument))]
[JsonSerializable(typeof(InspectDocument))]
[JsonSerializable(typeof(DiffDocument))]
[JsonSerializable(typeof(ReplayDocument))]
[JsonSerializable(typeof(RunDocument))]
[JsonSerializable(typeof(DoctorDocument))]
[JsonSerializable(typeof(IndexBuildDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
