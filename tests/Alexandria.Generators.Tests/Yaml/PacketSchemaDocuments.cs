namespace Alexandria.Generators.Tests.Yaml;

/// <summary>
/// A team's own packet schema (the shape of the handoff seed's lifeos_packet_schemas_v1.1.yaml: packet types under
/// $defs, a union discriminated by packet_type, roles as an enum, a 72 h TTL), written once in YAML as a team keeps it
/// and once as the same JSON Schema in JSON.
/// </summary>
internal static class PacketSchemaDocuments
{
    public const string YamlPath = "contracts/team_packet_schemas.yaml";

    public const string JsonPath = "contracts/team_packet_schemas.json";

    public const string Yaml = """
        # Team packet schemas, v1.1 (kept in YAML, as the team writes them).
        $schema: https://json-schema.org/draft/2020-12/schema
        $id: https://example.org/team_packet_schemas
        title: Team packet schemas
        x-alexandria-version: 1.1.0
        $defs:
          role:
            type: string
            description: Who sends or receives a packet.
            enum: [CEO, Architect, Builder]
          packet_id:
            type: string
            pattern: '^[A-Z]+-[0-9]{4}$'
          repo_ref:
            type: object
            properties:
              path: {type: string, minLength: 1}
              summary:
                type: string
                maxLength: 500
                description: >-
                  What the file holds
                  and why it matters.
            required: [path, summary]
            additionalProperties: false
          context_request_packet:
            type: object
            properties:
              packet_type: {const: CONTEXT_REQUEST_PACKET}
              packet_id: {$ref: '#/$defs/packet_id'}
              ttl_hours: {type: integer, minimum: 1, maximum: 8760, default: 72}
              requester_role: {$ref: '#/$defs/role'}
              topic: {type: string, minLength: 1}
              query: {type: string, minLength: 1}
            required: [packet_type, packet_id, requester_role, topic, query]
            additionalProperties: false
          context_response_packet:
            type: object
            properties:
              packet_type: {const: CONTEXT_RESPONSE_PACKET}
              packet_id: {$ref: '#/$defs/packet_id'}
              ttl_hours: {type: integer, minimum: 1, maximum: 8760, default: 72}
              request_packet_id: {$ref: '#/$defs/packet_id'}
              repo_refs:
                type: array
                items: {$ref: '#/$defs/repo_ref'}
                maxItems: 50
            required: [packet_type, packet_id, request_packet_id, repo_refs]
            additionalProperties: false
          handoff_packet:
            type: object
            properties:
              packet_type: {const: HANDOFF_PACKET}
              packet_id: {$ref: '#/$defs/packet_id'}
              ttl_hours: {type: integer, minimum: 1, maximum: 8760, default: 72}
              from_role: {$ref: '#/$defs/role'}
              to_role: {$ref: '#/$defs/role'}
              objective: {type: string, minLength: 1, maxLength: 4000}
              scope:
                type: array
                items: {type: string}
                uniqueItems: true
            required: [packet_type, packet_id, from_role, to_role, objective, scope]
            additionalProperties: false
          packet:
            description: Any packet, by its packet_type.
            oneOf:
              - $ref: '#/$defs/context_request_packet'
              - $ref: '#/$defs/context_response_packet'
              - $ref: '#/$defs/handoff_packet'
            x-alexandria-discriminator: packet_type
        """;

    public const string Json = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://example.org/team_packet_schemas",
          "title": "Team packet schemas",
          "x-alexandria-version": "1.1.0",
          "$defs": {
            "role": { "type": "string", "description": "Who sends or receives a packet.", "enum": ["CEO", "Architect", "Builder"] },
            "packet_id": { "type": "string", "pattern": "^[A-Z]+-[0-9]{4}$" },
            "repo_ref": {
              "type": "object",
              "properties": {
                "path": { "type": "string", "minLength": 1 },
                "summary": { "type": "string", "maxLength": 500, "description": "What the file holds and why it matters." }
              },
              "required": ["path", "summary"],
              "additionalProperties": false
            },
            "context_request_packet": {
              "type": "object",
              "properties": {
                "packet_type": { "const": "CONTEXT_REQUEST_PACKET" },
                "packet_id": { "$ref": "#/$defs/packet_id" },
                "ttl_hours": { "type": "integer", "minimum": 1, "maximum": 8760, "default": 72 },
                "requester_role": { "$ref": "#/$defs/role" },
                "topic": { "type": "string", "minLength": 1 },
                "query": { "type": "string", "minLength": 1 }
              },
              "required": ["packet_type", "packet_id", "requester_role", "topic", "query"],
              "additionalProperties": false
            },
            "context_response_packet": {
              "type": "object",
              "properties": {
                "packet_type": { "const": "CONTEXT_RESPONSE_PACKET" },
                "packet_id": { "$ref": "#/$defs/packet_id" },
                "ttl_hours": { "type": "integer", "minimum": 1, "maximum": 8760, "default": 72 },
                "request_packet_id": { "$ref": "#/$defs/packet_id" },
                "repo_refs": { "type": "array", "items": { "$ref": "#/$defs/repo_ref" }, "maxItems": 50 }
              },
              "required": ["packet_type", "packet_id", "request_packet_id", "repo_refs"],
              "additionalProperties": false
            },
            "handoff_packet": {
              "type": "object",
              "properties": {
                "packet_type": { "const": "HANDOFF_PACKET" },
                "packet_id": { "$ref": "#/$defs/packet_id" },
                "ttl_hours": { "type": "integer", "minimum": 1, "maximum": 8760, "default": 72 },
                "from_role": { "$ref": "#/$defs/role" },
                "to_role": { "$ref": "#/$defs/role" },
                "objective": { "type": "string", "minLength": 1, "maxLength": 4000 },
                "scope": { "type": "array", "items": { "type": "string" }, "uniqueItems": true }
              },
              "required": ["packet_type", "packet_id", "from_role", "to_role", "objective", "scope"],
              "additionalProperties": false
            },
            "packet": {
              "description": "Any packet, by its packet_type.",
              "oneOf": [
                { "$ref": "#/$defs/context_request_packet" },
                { "$ref": "#/$defs/context_response_packet" },
                { "$ref": "#/$defs/handoff_packet" }
              ],
              "x-alexandria-discriminator": "packet_type"
            }
          }
        }
        """;
}
