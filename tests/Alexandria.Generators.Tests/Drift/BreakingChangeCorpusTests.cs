using System;
using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Drift;
using JsonArray = System.Text.Json.Nodes.JsonArray;
using JsonObject = System.Text.Json.Nodes.JsonObject;
using StjNode = System.Text.Json.Nodes.JsonNode;
using static Alexandria.Generators.Tests.Drift.DriftFixture;

namespace Alexandria.Generators.Tests.Drift;

/// <summary>
/// The mutation corpus: at least two mutations of the real contracts per breaking rule, each of which
/// must raise that rule as an error, and compatible mutations that must raise no error at all.
/// </summary>
public sealed class BreakingChangeCorpusTests
{
    private sealed record Mutation(string Rule, string File, Action<JsonObject> Apply, string? Remove = null);

    private static readonly Dictionary<string, Mutation> Breaking = new()
    {
        // ALX0400 contract removed / changed kind.
        ["openapi.json deleted"] = new(DriftRules.ContractRemoved, OpenApiFile, _ => { }, Remove: OpenApiFile),
        ["prompts manifest deleted"] = new(DriftRules.ContractRemoved, PromptsFile, _ => { }, Remove: PromptsFile),
        ["prompts manifest turned into a schema"] = new(DriftRules.ContractRemoved, PromptsFile, r => { r.Remove("prompts"); r["$defs"] = new JsonObject(); }),

        // ALX0401 definition removed or renamed.
        ["$defs/repo_ref removed"] = new(DriftRules.DefinitionRemoved, SchemaFile, r => r["$defs"]!.AsObject().Remove("repo_ref")),
        ["$defs/workstream_ref renamed"] = new(DriftRules.DefinitionRemoved, SchemaFile, r => Rename(r["$defs"]!.AsObject(), "workstream_ref", "workstream_reference")),
        ["x-alexandria-name set on seq_range"] = new(DriftRules.DefinitionRemoved, SchemaFile, r => r.Def("seq_range")["x-alexandria-name"] = "SequenceRange"),

        // ALX0402 property removed or renamed.
        ["evidence_pointer.chunk_id removed"] = new(DriftRules.PropertyRemoved, SchemaFile, r => RemoveProperty(r.Def("evidence_pointer"), "chunk_id")),
        ["artifact_record.mime_type renamed"] = new(DriftRules.PropertyRemoved, SchemaFile, r => RenameProperty(r.Def("artifact_record"), "mime_type", "media_type")),
        ["plan_payload.chosen_override removed"] = new(DriftRules.PropertyRemoved, SchemaFile, r => RemoveProperty(r.Def("plan_payload"), "chosen_override")),

        // ALX0403 type changed.
        ["evidence_span.start integer to string"] = new(DriftRules.TypeChanged, SchemaFile, r => r.Def("evidence_span").Prop("start")["type"] = "string"),
        ["handoff_packet.snapshot_id loses null"] = new(DriftRules.TypeChanged, SchemaFile, r => r.Def("handoff_packet").Prop("snapshot_id")["type"] = "string"),
        ["evidence_pointer.span references another definition"] = new(DriftRules.TypeChanged, SchemaFile, r => r.Def("evidence_pointer").Prop("span")["$ref"] = "#/$defs/seq_range"),
        ["readEvents limit becomes a string"] = new(DriftRules.TypeChanged, OpenApiFile, r => Parameter(r.Operation("/runs/{runId}/events", "get"), "limit")["schema"]!["type"] = "string"),

        // ALX0404 property became required.
        ["context_request_packet.ttl_hours required"] = new(DriftRules.PropertyBecameRequired, SchemaFile, r => r.Def("context_request_packet")["required"]!.AsArray().Add("ttl_hours")),
        ["evidence_pointer gains a required member"] = new(DriftRules.PropertyBecameRequired, SchemaFile, r =>
        {
            r.Def("evidence_pointer")["properties"]!["score"] = new JsonObject { ["type"] = "number" };
            r.Def("evidence_pointer")["required"]!.AsArray().Add("score");
        }),

        // ALX0405 property became optional.
        ["evidence_pointer.span optional"] = new(DriftRules.PropertyBecameOptional, SchemaFile, r => RemoveRequired(r.Def("evidence_pointer"), "span")),
        ["artifact_record.hash optional"] = new(DriftRules.PropertyBecameOptional, SchemaFile, r => RemoveRequired(r.Def("artifact_record"), "hash")),

        // ALX0406 enum narrowed.
        ["agent_role loses executor"] = new(DriftRules.EnumNarrowed, SchemaFile, r => RemoveItem(r.Def("agent_role")["enum"]!.AsArray(), "executor")),
        ["plan_step_status loses blocked"] = new(DriftRules.EnumNarrowed, SchemaFile, r => RemoveItem(r.Def("plan_step_status")["enum"]!.AsArray(), "blocked")),
        ["repo_ref.path gains an enum"] = new(DriftRules.EnumNarrowed, SchemaFile, r => r.Def("repo_ref").Prop("path")["enum"] = new JsonArray("README.md")),

        // ALX0407 union case removed.
        ["run_event loses plan_event"] = new(DriftRules.UnionCaseRemoved, SchemaFile, r => RemoveRef(r.Def("run_event")["oneOf"]!.AsArray(), "#/$defs/plan_event")),
        ["packet loses handoff_packet"] = new(DriftRules.UnionCaseRemoved, SchemaFile, r => RemoveRef(r.Def("packet")["oneOf"]!.AsArray(), "#/$defs/handoff_packet")),
        ["run_event discriminator renamed"] = new(DriftRules.UnionCaseRemoved, SchemaFile, r => r.Def("run_event")["x-alexandria-discriminator"] = "type"),

        // ALX0408 const changed.
        ["plan_event kind const"] = new(DriftRules.ConstChanged, SchemaFile, r => r.Def("plan_event").Prop("kind")["const"] = "planning"),
        ["context_request_packet packet_type const"] = new(DriftRules.ConstChanged, SchemaFile, r => r.Def("context_request_packet").Prop("packet_type")["const"] = "CONTEXT_REQUEST"),

        // ALX0409 pattern tightened.
        ["blob_pointer.sha256 pattern changed"] = new(DriftRules.PatternTightened, SchemaFile, r => r.Def("blob_pointer").Prop("sha256")["pattern"] = "^[a-f0-9]{40}$"),
        ["evidence_pointer.evidence_id pattern added"] = new(DriftRules.PatternTightened, SchemaFile, r => r.Def("evidence_pointer").Prop("evidence_id")["pattern"] = "^ev_[a-z0-9]+$"),
        ["getRun runId pattern changed"] = new(DriftRules.PatternTightened, OpenApiFile, r => Parameter(r.Operation("/runs/{runId}", "get"), "runId")["schema"]!["pattern"] = "^[a-z]{1,8}$"),

        // ALX0410 length or size tightened.
        ["topic maxLength lowered"] = new(DriftRules.LengthTightened, SchemaFile, r => r.Def("context_request_packet").Prop("topic")["maxLength"] = 100),
        ["query minLength raised"] = new(DriftRules.LengthTightened, SchemaFile, r => r.Def("context_request_packet").Prop("query")["minLength"] = 5),
        ["council_triggers maxItems lowered"] = new(DriftRules.LengthTightened, SchemaFile, r => r.Def("handoff_packet").Prop("council_triggers")["maxItems"] = 3),

        // ALX0411 range tightened.
        ["ttl_hours maximum lowered"] = new(DriftRules.RangeTightened, SchemaFile, r => r.Def("handoff_packet").Prop("ttl_hours")["maximum"] = 100),
        ["seq minimum raised"] = new(DriftRules.RangeTightened, SchemaFile, r => r.Def("event_envelope").Prop("seq")["minimum"] = 2),
        ["size_bytes multipleOf added"] = new(DriftRules.RangeTightened, SchemaFile, r => r.Def("blob_pointer").Prop("size_bytes")["multipleOf"] = 8),

        // ALX0412 format added or changed.
        ["packet_id format changed"] = new(DriftRules.FormatChanged, SchemaFile, r => r.Def("context_request_packet").Prop("packet_id")["format"] = "uri"),
        ["repo_ref.path format added"] = new(DriftRules.FormatChanged, SchemaFile, r => r.Def("repo_ref").Prop("path")["format"] = "uri-reference"),

        // ALX0413 additional properties closed.
        ["act_payload.arguments closed"] = new(DriftRules.AdditionalPropertiesClosed, SchemaFile, r => r.Def("act_payload").Prop("arguments")["additionalProperties"] = false),
        ["event_envelope closed"] = new(DriftRules.AdditionalPropertiesClosed, SchemaFile, r => r.Def("event_envelope")["additionalProperties"] = false),
        ["act_payload.arguments values constrained"] = new(DriftRules.AdditionalPropertiesClosed, SchemaFile, r => r.Def("act_payload").Prop("arguments")["additionalProperties"] = new JsonObject { ["type"] = "string" }),

        // ALX0420 operation removed.
        ["getRun removed"] = new(DriftRules.OperationRemoved, OpenApiFile, r => r["paths"]!["/runs/{runId}"]!.AsObject().Remove("get")),
        ["submitPacket removed"] = new(DriftRules.OperationRemoved, OpenApiFile, r => r["paths"]!.AsObject().Remove("/packets")),

        // ALX0421 operationId changed.
        ["createRun renamed"] = new(DriftRules.OperationIdChanged, OpenApiFile, r => r.Operation("/runs", "post")["operationId"] = "startRun"),
        ["getArtifact renamed"] = new(DriftRules.OperationIdChanged, OpenApiFile, r => r.Operation("/runs/{runId}/artifacts/{artifactId}", "get")["operationId"] = "fetchArtifact"),

        // ALX0422 operation moved.
        ["submitPacket path changed"] = new(DriftRules.OperationMoved, OpenApiFile, r => Rename(r["paths"]!.AsObject(), "/packets", "/packet-inbox")),
        ["acknowledgePacket method changed"] = new(DriftRules.OperationMoved, OpenApiFile, r => Rename(r["paths"]!["/packets/{packetId}/ack"]!.AsObject(), "post", "put")),

        // ALX0423 response removed.
        ["getRun 404 removed"] = new(DriftRules.ResponseRemoved, OpenApiFile, r => r.Operation("/runs/{runId}", "get")["responses"]!.AsObject().Remove("404")),
        ["createRun 201 removed"] = new(DriftRules.ResponseRemoved, OpenApiFile, r => r.Operation("/runs", "post")["responses"]!.AsObject().Remove("201")),

        // ALX0424 media type removed.
        ["createRun 201 json becomes xml"] = new(DriftRules.MediaTypeRemoved, OpenApiFile, r => Rename(r.Operation("/runs", "post")["responses"]!["201"]!["content"]!.AsObject(), "application/json", "application/xml")),
        ["appendEvents body media type removed"] = new(DriftRules.MediaTypeRemoved, OpenApiFile, r => Rename(r.Operation("/runs/{runId}/events", "post")["requestBody"]!["content"]!.AsObject(), "application/json", "text/plain")),

        // ALX0425 required parameter added.
        ["readEvents gains a required query parameter"] = new(DriftRules.RequiredParameterAdded, OpenApiFile, r => r.Operation("/runs/{runId}/events", "get")["parameters"]!.AsArray()
            .Add(new JsonObject { ["name"] = "cursor", ["in"] = "query", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } })),
        ["readEvents limit required"] = new(DriftRules.RequiredParameterAdded, OpenApiFile, r => Parameter(r.Operation("/runs/{runId}/events", "get"), "limit")["required"] = true),
        ["listHandoffs gains a required header"] = new(DriftRules.RequiredParameterAdded, OpenApiFile, r => r.Operation("/runs/{runId}/handoffs", "get")["parameters"]!.AsArray()
            .Add(new JsonObject { ["name"] = "X-Tenant", ["in"] = "header", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } })),

        // ALX0426 parameter removed.
        ["readEvents from_seq removed"] = new(DriftRules.ParameterRemoved, OpenApiFile, r => RemoveParameter(r.Operation("/runs/{runId}/events", "get"), "from_seq")),
        ["appendEvents body removed"] = new(DriftRules.ParameterRemoved, OpenApiFile, r => r.Operation("/runs/{runId}/events", "post").Remove("requestBody")),

        // ALX0430 prompt removed.
        ["repair prompt removed"] = new(DriftRules.PromptRemoved, PromptsFile, r => RemovePrompt(r, "repair")),
        ["snapshot_narrative prompt removed"] = new(DriftRules.PromptRemoved, PromptsFile, r => RemovePrompt(r, "snapshot_narrative")),

        // ALX0431 prompt variable added.
        ["planner gains a variable"] = new(DriftRules.PromptVariableAdded, PromptsFile, r => r.Prompt("planner")["variables"]!.AsArray().Add(Variable("budget", "integer"))),
        ["repair gains a variable"] = new(DriftRules.PromptVariableAdded, PromptsFile, r => r.Prompt("repair")["variables"]!.AsArray().Add(Variable("schema_name", "string"))),

        // ALX0432 prompt variable removed.
        ["executor loses call_id"] = new(DriftRules.PromptVariableRemoved, PromptsFile, r => RemoveNamed(r.Prompt("executor")["variables"]!.AsArray(), "call_id")),
        ["repair loses errors"] = new(DriftRules.PromptVariableRemoved, PromptsFile, r => RemoveNamed(r.Prompt("repair")["variables"]!.AsArray(), "errors")),

        // ALX0433 prompt variable retyped.
        ["executor step_id becomes a string"] = new(DriftRules.PromptVariableRetyped, PromptsFile, r => Named(r.Prompt("executor")["variables"]!.AsArray(), "step_id")["type"] = "string"),
        ["planner objective optional"] = new(DriftRules.PromptVariableRetyped, PromptsFile, r => Named(r.Prompt("planner")["variables"]!.AsArray(), "objective")["required"] = false),

        // ALX0434 template changed without a version bump.
        ["planner template edited"] = new(DriftRules.PromptTemplateChanged, PromptsFile, r => r.Prompt("planner")["template"] = r.Prompt("planner")["template"]!.GetValue<string>() + "Be brief.\n"),
        ["repair template edited"] = new(DriftRules.PromptTemplateChanged, PromptsFile, r => r.Prompt("repair")["template"] = r.Prompt("repair")["template"]!.GetValue<string>().Replace("JSON", "Json")),

        // ALX0435 output schema changed.
        ["planner output schema changed"] = new(DriftRules.PromptOutputSchemaChanged, PromptsFile, r => r.Prompt("planner")["output_schema"] = new JsonObject { ["$ref"] = "output_schema.json#/$defs/act_payload" }),
        ["snapshot_narrative gains an output schema"] = new(DriftRules.PromptOutputSchemaChanged, PromptsFile, r => r.Prompt("snapshot_narrative")["output_schema"] = new JsonObject { ["$ref"] = "output_schema.json#/$defs/compaction_snapshot" }),

        // ALX0436 role or kind changed.
        ["repair role becomes system"] = new(DriftRules.PromptRoleChanged, PromptsFile, r => r.Prompt("repair")["role"] = "system"),
        ["planner kind becomes code_template"] = new(DriftRules.PromptRoleChanged, PromptsFile, r => r.Prompt("planner")["kind"] = "code_template"),

        // ALX0437 cache breakpoint removed or moved.
        ["planner loses a breakpoint"] = new(DriftRules.PromptCacheBreakpointChanged, PromptsFile, r => RemoveNamed(r.Prompt("planner")["cache_breakpoints"]!.AsArray(), "run_and_snapshot")),
        ["executor breakpoint moved"] = new(DriftRules.PromptCacheBreakpointChanged, PromptsFile, r => Named(r.Prompt("executor")["cache_breakpoints"]!.AsArray(), "scope")["before_variable"] = "call_id"),

        // ALX0438 variables reordered.
        ["repair variables swapped"] = new(DriftRules.PromptVariablesReordered, PromptsFile, r => Swap(r.Prompt("repair")["variables"]!.AsArray(), 0, 1)),
        ["snapshot_narrative variables swapped"] = new(DriftRules.PromptVariablesReordered, PromptsFile, r => Swap(r.Prompt("snapshot_narrative")["variables"]!.AsArray(), 1, 2)),

        // ALX0439 rendering rules changed.
        ["list item prefix changed"] = new(DriftRules.PromptRenderingChanged, PromptsFile, r => r["rendering"]!["string_list_item_prefix"] = "* "),
        ["empty list text changed"] = new(DriftRules.PromptRenderingChanged, PromptsFile, r => r["rendering"]!["empty_list"] = "none"),
    };

    private static readonly Dictionary<string, Mutation> Compatible = new()
    {
        ["optional property added"] = new("", SchemaFile, r => r.Def("evidence_pointer")["properties"]!["score"] = new JsonObject { ["type"] = "number" }),
        ["enum value added"] = new("", SchemaFile, r => r.Def("agent_role")["enum"]!.AsArray().Add("reviewer")),
        ["union case added"] = new("", SchemaFile, r =>
        {
            var copy = r.Def("plan_delta_event").DeepClone().AsObject();
            copy["properties"]!["kind"]!["const"] = "note";
            r["$defs"]!["note_event"] = copy;
            r.Def("run_event")["oneOf"]!.AsArray().Add(new JsonObject { ["$ref"] = "#/$defs/note_event" });
        }),
        ["definition added"] = new("", SchemaFile, r => r["$defs"]!["label"] = new JsonObject { ["type"] = "string" }),
        ["maxLength raised"] = new("", SchemaFile, r => r.Def("context_request_packet").Prop("topic")["maxLength"] = 400),
        ["minimum lowered"] = new("", SchemaFile, r => r.Def("event_envelope").Prop("step_id")["minimum"] = -1),
        ["pattern removed"] = new("", SchemaFile, r => r.Def("blob_pointer").Prop("sha256").Remove("pattern")),
        ["format removed"] = new("", SchemaFile, r => r.Def("context_request_packet").Prop("packet_id").Remove("format")),
        ["descriptions rewritten"] = new("", SchemaFile, r => r.Def("evidence_pointer")["description"] = "Rewritten."),
        ["annotation changed"] = new("", SchemaFile, r => r.Def("plan_event")["x-alexandria-counted"] = false),
        ["default changed"] = new("", SchemaFile, r => r.Def("handoff_packet").Prop("ttl_hours")["default"] = 48),
        ["additionalProperties opened"] = new("", SchemaFile, r => r.Def("evidence_pointer")["additionalProperties"] = true),
        ["keys reordered"] = new("", SchemaFile, r =>
        {
            var def = r.Def("evidence_pointer");
            var entries = def.ToList();
            def.Clear();
            foreach (var (key, value) in Enumerable.Reverse(entries))
            {
                def[key] = value?.DeepClone();
            }
        }),
        ["operation added"] = new("", OpenApiFile, r => r["paths"]!["/runs/{runId}"]!["delete"] = new JsonObject
        {
            ["operationId"] = "deleteRun",
            ["parameters"] = r.Operation("/runs/{runId}", "get")["parameters"]!.DeepClone(),
            ["responses"] = new JsonObject { ["204"] = new JsonObject { ["description"] = "Deleted." } },
        }),
        ["response added"] = new("", OpenApiFile, r => r.Operation("/runs/{runId}", "get")["responses"]!["429"] = new JsonObject { ["description"] = "Slow down." }),
        ["optional query parameter added"] = new("", OpenApiFile, r => r.Operation("/runs/{runId}/handoffs", "get")["parameters"]!.AsArray()
            .Add(new JsonObject { ["name"] = "role", ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string" } })),
        ["path parameter renamed"] = new("", OpenApiFile, r =>
        {
            Rename(r["paths"]!.AsObject(), "/runs/{runId}", "/runs/{id}");
            Parameter(r.Operation("/runs/{id}", "get"), "runId")["name"] = "id";
        }),
        ["summary changed"] = new("", OpenApiFile, r => r.Operation("/runs", "post")["summary"] = "Start a run"),
        ["media type added"] = new("", OpenApiFile, r => r.Operation("/runs", "post")["responses"]!["201"]!["content"]!["application/yaml"] = new JsonObject()),
        ["prompt added"] = new("", PromptsFile, r => r["prompts"]!.AsArray().Add(CopyPrompt(r, "repair", "repair_v2"))),
        ["prompt description changed"] = new("", PromptsFile, r => r.Prompt("planner")["description"] = "Plans."),
        ["cache breakpoint added"] = new("", PromptsFile, r => r.Prompt("repair")["cache_breakpoints"]!.AsArray()
            .Add(new JsonObject { ["name"] = "errors", ["before_variable"] = "errors" })),
        ["template edited with a version bump"] = new("", PromptsFile, r =>
        {
            r.Prompt("planner")["template"] = r.Prompt("planner")["template"]!.GetValue<string>() + "Be brief.\n";
            r.Prompt("planner")["version"] = "1.0.1";
        }),
        ["property removed with a major bump"] = new("", SchemaFile, r =>
        {
            RemoveProperty(r.Def("evidence_pointer"), "chunk_id");
            r["x-alexandria-version"] = "2.0.0";
        }),
    };

    public static TheoryData<string, string> BreakingCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, mutation) in Breaking.OrderBy(b => b.Value.Rule, StringComparer.Ordinal))
        {
            data.Add(mutation.Rule, name);
        }

        return data;
    }

    public static TheoryData<string> CompatibleCases() => new(Compatible.Keys);

    [Theory]
    [MemberData(nameof(BreakingCases))]
    public void Breaking_mutation_raises_its_rule_as_an_error(string rule, string mutation)
    {
        var findings = Run(Breaking[mutation]);
        Assert.True(
            findings.Any(f => f.Id == rule && f.Severity == DriftSeverity.Error),
            $"'{mutation}' should raise {rule} as an error; got:\n{Describe(findings)}");
    }

    [Theory]
    [MemberData(nameof(CompatibleCases))]
    public void Compatible_mutation_raises_no_error(string mutation)
    {
        var findings = Run(Compatible[mutation]);
        Assert.True(findings.All(f => f.Severity != DriftSeverity.Error), $"'{mutation}' should not be breaking; got:\n{Describe(findings)}");
    }

    [Fact]
    public void Every_breaking_rule_has_at_least_two_mutations()
    {
        foreach (var rule in DriftRules.Breaking)
        {
            Assert.True(Breaking.Values.Count(m => m.Rule == rule) >= 2, rule + " needs at least two mutations in the corpus");
        }

        Assert.True(Compatible.Count >= 10);
    }

    [Fact]
    public void Unchanged_contracts_raise_nothing()
    {
        Assert.Empty(DiffAgainstReal(RealContracts));
    }

    private static IReadOnlyList<DriftFinding> Run(Mutation mutation)
    {
        var current = WithMutation(mutation.File, mutation.Apply);
        if (mutation.Remove is not null)
        {
            current.Remove(mutation.Remove);
        }

        return DiffAgainstReal(current);
    }

    private static void Rename(JsonObject obj, string from, string to)
    {
        var entries = obj.ToList();
        obj.Clear();
        foreach (var (key, value) in entries)
        {
            obj[key == from ? to : key] = value?.DeepClone();
        }
    }

    private static void RemoveProperty(JsonObject def, string name)
    {
        Assert.True(def["properties"]!.AsObject().Remove(name));
        if (def["required"]!.AsArray().Any(r => r!.GetValue<string>() == name))
        {
            RemoveRequired(def, name);
        }
    }

    private static void RenameProperty(JsonObject def, string from, string to)
    {
        Rename(def["properties"]!.AsObject(), from, to);
        var required = def["required"]!.AsArray();
        var index = required.Select(n => n!.GetValue<string>()).ToList().IndexOf(from);
        required[index] = to;
    }

    private static void RemoveRequired(JsonObject def, string name) => RemoveItem(def["required"]!.AsArray(), name);

    private static void RemoveItem(JsonArray array, string value)
    {
        var item = array.Single(i => i!.GetValue<string>() == value);
        array.Remove(item);
    }

    private static void RemoveRef(JsonArray array, string reference) => array.Remove(array.Single(i => i!["$ref"]!.GetValue<string>() == reference));

    private static JsonObject Named(JsonArray array, string name) => array.Select(i => i!.AsObject()).Single(i => i["name"]!.GetValue<string>() == name);

    private static void RemoveNamed(JsonArray array, string name) => array.Remove(Named(array, name));

    private static JsonObject Parameter(JsonObject operation, string name) => Named(operation["parameters"]!.AsArray(), name);

    private static void RemoveParameter(JsonObject operation, string name) => RemoveNamed(operation["parameters"]!.AsArray(), name);

    private static void RemovePrompt(JsonObject manifest, string id) => manifest["prompts"]!.AsArray().Remove(manifest.Prompt(id));

    private static JsonObject CopyPrompt(JsonObject manifest, string id, string newId)
    {
        var copy = manifest.Prompt(id).DeepClone().AsObject();
        copy["id"] = newId;
        return copy;
    }

    private static JsonObject Variable(string name, string type)
        => new() { ["name"] = name, ["type"] = type, ["required"] = true, ["volatility"] = "step" };

    private static void Swap(JsonArray array, int i, int j)
    {
        var a = array[i]!.DeepClone();
        var b = array[j]!.DeepClone();
        array[i] = b;
        array[j] = a;
    }
}
