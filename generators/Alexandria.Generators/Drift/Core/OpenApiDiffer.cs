using System;
using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// Compares two normalized OpenAPI documents the way oasdiff's breaking-change check does for what
    /// Alexandria generates: operations (by method and path shape), operationIds, parameters, request
    /// bodies, responses and media types, and every schema inside them through <see cref="SchemaDiffer"/>.
    /// </summary>
    internal sealed class OpenApiDiffer
    {
        private readonly DriftChangeSink _sink;
        private readonly SchemaDiffer _schemas;

        public OpenApiDiffer(DriftChangeSink sink)
        {
            _sink = sink;
            _schemas = new SchemaDiffer(sink);
        }

        public void Diff(CanonicalNode old, CanonicalNode current, DriftAnchor at)
        {
            var before = old["paths"];
            var after = current["paths"];
            var pathsAnchor = _sink.Anchor(current.GetMember("paths"), at);
            var beforeOps = before?.Members ?? Array.Empty<CanonicalMember>();
            var afterOps = after?.Members ?? Array.Empty<CanonicalMember>();
            var movedTo = new HashSet<string>(StringComparer.Ordinal);

            foreach (var gone in beforeOps.Where(o => after?.GetMember(o.Name) is null))
            {
                var id = gone.Value.GetString("operationId");
                var moved = id is null ? null : afterOps.FirstOrDefault(o => before?.GetMember(o.Name) is null && o.Value.GetString("operationId") == id);
                if (moved is not null)
                {
                    movedTo.Add(moved.Name);
                    _sink.Breaking(DriftRules.OperationMoved, _sink.Anchor(moved.Value.GetMember("path"), pathsAnchor),
                        "operation '" + id + "' moved from " + Display(gone) + " to " + Display(moved));
                    DiffOperation(gone.Value, moved.Value, _sink.Anchor(moved, pathsAnchor));
                }
                else
                {
                    // Point at the path item if the path still exists with other methods.
                    var siblingPath = afterOps.FirstOrDefault(o => o.Value.GetString("path") == gone.Value.GetString("path"));
                    var here = siblingPath is null ? pathsAnchor : _sink.Anchor(siblingPath.Value.GetMember("path"), pathsAnchor);
                    _sink.Breaking(DriftRules.OperationRemoved, here, "operation '" + (id ?? gone.Name) + "' (" + Display(gone) + ") was removed");
                }
            }

            foreach (var fresh in afterOps.Where(o => before?.GetMember(o.Name) is null && !movedTo.Contains(o.Name)))
            {
                _sink.Compatible(_sink.Anchor(fresh, pathsAnchor), "operation '" + (fresh.Value.GetString("operationId") ?? fresh.Name) + "' (" + Display(fresh) + ") was added");
            }

            foreach (var common in afterOps.Where(o => before?.GetMember(o.Name) is not null))
            {
                var previous = before![common.Name]!;
                var here = _sink.Anchor(common, pathsAnchor);
                var oldId = previous.GetString("operationId");
                var newId = common.Value.GetString("operationId");
                if (oldId != newId)
                {
                    _sink.Breaking(DriftRules.OperationIdChanged, _sink.Anchor(common.Value.GetMember("operationId"), here),
                        Display(common) + ": operationId changed from '" + (oldId ?? "(none)") + "' to '" + (newId ?? "(none)") + "', which renames its server method");
                }

                DiffOperation(previous, common.Value, here);
            }

            var oldSchemas = old["components"]?["schemas"];
            var newSchemas = current["components"]?["schemas"];
            if (oldSchemas is not null || newSchemas is not null)
            {
                var wrapOld = CanonicalNode.Object(oldSchemas is null ? Array.Empty<CanonicalMember>() : new[] { new CanonicalMember("$defs", oldSchemas) });
                var schemasMember = current["components"]?.GetMember("schemas");
                var wrapNew = CanonicalNode.Object(newSchemas is null ? Array.Empty<CanonicalMember>() : new[] { new CanonicalMember("$defs", newSchemas, schemasMember?.NameStart ?? -1, schemasMember?.NameLength ?? 0) });
                _schemas.Diff(wrapOld, wrapNew, "#/components", _sink.Anchor(current.GetMember("components"), at));
            }
        }

        private void DiffOperation(CanonicalNode old, CanonicalNode current, DriftAnchor at)
        {
            var name = "operation '" + (current.GetString("operationId") ?? current.GetString("path")) + "'";
            var oldPath = old.GetString("path");
            var newPath = current.GetString("path");
            if (oldPath != newPath && OpenApiNormalizer.PathShape(oldPath ?? "") == OpenApiNormalizer.PathShape(newPath ?? ""))
            {
                _sink.Compatible(_sink.Anchor(current.GetMember("path"), at), name + ": path parameter renamed (" + oldPath + " → " + newPath + ")");
            }

            DiffParameters(name, old["parameters"], current["parameters"], _sink.Anchor(current.GetMember("parameters"), at));
            DiffRequestBody(name, old.GetMember("requestBody"), current.GetMember("requestBody"), at);
            DiffResponses(name, old["responses"], current.GetMember("responses"), at);
        }

        private void DiffParameters(string operation, CanonicalNode? before, CanonicalNode? after, DriftAnchor at)
        {
            var beforeMembers = before?.Members ?? Array.Empty<CanonicalMember>();
            var afterMembers = after?.Members ?? Array.Empty<CanonicalMember>();
            foreach (var gone in beforeMembers.Where(p => after?.GetMember(p.Name) is null))
            {
                _sink.Breaking(DriftRules.ParameterRemoved, at, operation + ": " + ParameterName(gone) + " was removed");
            }

            foreach (var fresh in afterMembers.Where(p => before?.GetMember(p.Name) is null))
            {
                if (fresh.Value["required"]?.Kind == CanonicalKind.True)
                {
                    _sink.Breaking(DriftRules.RequiredParameterAdded, _sink.Anchor(fresh, at), operation + ": required " + ParameterName(fresh) + " was added");
                }
                else
                {
                    _sink.Compatible(_sink.Anchor(fresh, at), operation + ": optional " + ParameterName(fresh) + " was added");
                }
            }

            foreach (var common in afterMembers.Where(p => before?.GetMember(p.Name) is not null))
            {
                var previous = before![common.Name]!;
                var here = _sink.Anchor(common, at);
                var wasRequired = previous["required"]?.Kind == CanonicalKind.True;
                var isRequired = common.Value["required"]?.Kind == CanonicalKind.True;
                if (isRequired && !wasRequired)
                {
                    _sink.Breaking(DriftRules.RequiredParameterAdded, _sink.Anchor(common.Value.GetMember("required"), here), operation + ": " + ParameterName(common) + " became required");
                }
                else if (wasRequired && !isRequired)
                {
                    _sink.Compatible(here, operation + ": " + ParameterName(common) + " became optional");
                }

                var oldName = previous.GetString("name");
                var newName = common.Value.GetString("name");
                if (oldName != newName)
                {
                    _sink.Compatible(here, operation + ": path parameter '" + oldName + "' renamed to '" + newName + "'");
                }

                if (previous["schema"] is { } oldSchema && common.Value["schema"] is { } newSchema)
                {
                    _schemas.Diff(oldSchema, newSchema, operation + " " + ParameterName(common), _sink.Anchor(common.Value.GetMember("schema"), here));
                }

                foreach (var key in new[] { "style", "explode", "allowReserved", "content" })
                {
                    if (!(previous[key]?.SameAs(common.Value[key]) ?? common.Value[key] is null))
                    {
                        _sink.Breaking(DriftRules.TypeChanged, _sink.Anchor(common.Value.GetMember(key), here), operation + ": " + ParameterName(common) + " changed its serialization ('" + key + "')");
                    }
                }
            }
        }

        private void DiffRequestBody(string operation, CanonicalMember? before, CanonicalMember? after, DriftAnchor at)
        {
            if (before is null && after is null)
            {
                return;
            }

            var here = _sink.Anchor(after, at);
            if (after is null)
            {
                _sink.Breaking(DriftRules.ParameterRemoved, at, operation + ": the request body was removed");
                return;
            }

            var isRequired = after.Value["required"]?.Kind == CanonicalKind.True;
            if (before is null)
            {
                if (isRequired)
                {
                    _sink.Breaking(DriftRules.RequiredParameterAdded, here, operation + ": a required request body was added");
                }
                else
                {
                    _sink.Compatible(here, operation + ": an optional request body was added");
                }

                return;
            }

            if (isRequired && before.Value["required"]?.Kind != CanonicalKind.True)
            {
                _sink.Breaking(DriftRules.RequiredParameterAdded, _sink.Anchor(after.Value.GetMember("required"), here), operation + ": the request body became required");
            }

            DiffContent(operation + " request body", before.Value["content"], after.Value.GetMember("content"), here);
        }

        private void DiffResponses(string operation, CanonicalNode? before, CanonicalMember? afterMember, DriftAnchor at)
        {
            var after = afterMember?.Value;
            var here = _sink.Anchor(afterMember, at);
            foreach (var gone in (before?.Members ?? Array.Empty<CanonicalMember>()).Where(r => after?.GetMember(r.Name) is null))
            {
                _sink.Breaking(DriftRules.ResponseRemoved, here, operation + ": response " + gone.Name + " was removed");
            }

            foreach (var fresh in (after?.Members ?? Array.Empty<CanonicalMember>()).Where(r => before?.GetMember(r.Name) is null))
            {
                _sink.Compatible(_sink.Anchor(fresh, here), operation + ": response " + fresh.Name + " was added");
            }

            foreach (var common in (after?.Members ?? Array.Empty<CanonicalMember>()).Where(r => before?.GetMember(r.Name) is not null))
            {
                var previous = before![common.Name]!;
                var responseAnchor = _sink.Anchor(common, here);
                DiffContent(operation + " response " + common.Name, previous["content"], common.Value.GetMember("content"), responseAnchor);
                DiffParameters(operation + " response " + common.Name, previous["headers"], common.Value["headers"], _sink.Anchor(common.Value.GetMember("headers"), responseAnchor));
            }
        }

        private void DiffContent(string subject, CanonicalNode? before, CanonicalMember? afterMember, DriftAnchor at)
        {
            var after = afterMember?.Value;
            var here = _sink.Anchor(afterMember, at);
            foreach (var gone in (before?.Members ?? Array.Empty<CanonicalMember>()).Where(m => after?.GetMember(m.Name) is null))
            {
                _sink.Breaking(DriftRules.MediaTypeRemoved, here, subject + ": media type '" + gone.Name + "' was removed");
            }

            foreach (var fresh in (after?.Members ?? Array.Empty<CanonicalMember>()).Where(m => before?.GetMember(m.Name) is null))
            {
                _sink.Compatible(_sink.Anchor(fresh, here), subject + ": media type '" + fresh.Name + "' was added");
            }

            foreach (var common in (after?.Members ?? Array.Empty<CanonicalMember>()).Where(m => before?.GetMember(m.Name) is not null))
            {
                var oldSchema = before![common.Name]!["schema"];
                var newSchema = common.Value["schema"];
                if (oldSchema is not null && newSchema is not null)
                {
                    _schemas.Diff(oldSchema, newSchema, subject + " (" + common.Name + ")", _sink.Anchor(common.Value.GetMember("schema"), _sink.Anchor(common, here)));
                }
                else if (oldSchema is not null)
                {
                    _sink.Breaking(DriftRules.TypeChanged, _sink.Anchor(common, here), subject + " (" + common.Name + "): the schema was removed");
                }
                else if (newSchema is not null)
                {
                    _sink.Breaking(DriftRules.TypeChanged, _sink.Anchor(common, here), subject + " (" + common.Name + "): a schema was introduced");
                }
            }
        }

        private static string Display(CanonicalMember operation)
            => (operation.Value.GetString("method") ?? "").ToUpperInvariant() + " " + (operation.Value.GetString("path") ?? operation.Name);

        private static string ParameterName(CanonicalMember parameter)
            => (parameter.Value.GetString("in") ?? "header") + " parameter '" + (parameter.Value.GetString("name") ?? parameter.Name) + "'";
    }
}
