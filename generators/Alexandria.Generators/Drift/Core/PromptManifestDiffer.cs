using System;
using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// Compares two normalized prompts manifests. A prompt is an API: its id is how code asks for it, its
    /// variables are <c>Render</c>'s parameters (in order), its template and rendering rules decide the
    /// bytes a provider caches. Changes inside a prompt are accepted by that prompt's own version.
    /// </summary>
    internal sealed class PromptManifestDiffer
    {
        private readonly DriftChangeSink _sink;

        public PromptManifestDiffer(DriftChangeSink sink) => _sink = sink;

        public void Diff(CanonicalNode old, CanonicalNode current, DriftAnchor at)
        {
            var before = old["prompts"];
            var after = current["prompts"];
            var promptsAnchor = _sink.Anchor(current.GetMember("prompts"), at);

            if (!(old["rendering"]?.SameAs(current["rendering"]) ?? current["rendering"] is null))
            {
                _sink.Breaking(DriftRules.PromptRenderingChanged, _sink.Anchor(current.GetMember("rendering"), at), "the manifest's rendering rules changed, which changes the bytes of every rendered prompt");
            }

            foreach (var gone in (before?.Members ?? Array.Empty<CanonicalMember>()).Where(p => after?.GetMember(p.Name) is null))
            {
                _sink.Breaking(DriftRules.PromptRemoved, promptsAnchor, "prompt '" + gone.Name + "' was removed, and with it its generated accessor");
            }

            foreach (var fresh in (after?.Members ?? Array.Empty<CanonicalMember>()).Where(p => before?.GetMember(p.Name) is null))
            {
                _sink.Compatible(_sink.Anchor(fresh, promptsAnchor), "prompt '" + fresh.Name + "' was added");
            }

            foreach (var common in (after?.Members ?? Array.Empty<CanonicalMember>()).Where(p => before?.GetMember(p.Name) is not null))
            {
                _sink.PromptId = common.Name;
                DiffPrompt(common.Name, before![common.Name]!, common.Value, _sink.Anchor(common, promptsAnchor));
                _sink.PromptId = null;
            }

            foreach (var name in old.Members.Select(m => m.Name).Union(current.Members.Select(m => m.Name)).Where(n => n != "prompts" && n != "rendering"))
            {
                if (!(old[name]?.SameAs(current[name]) ?? current[name] is null))
                {
                    _sink.Compatible(_sink.Anchor(current.GetMember(name), at), "manifest member '" + name + "' changed");
                }
            }
        }

        private void DiffPrompt(string id, CanonicalNode old, CanonicalNode current, DriftAnchor at)
        {
            var subject = "prompt '" + id + "'";
            if (old.GetString("template_sha256") != current.GetString("template_sha256"))
            {
                _sink.Breaking(DriftRules.PromptTemplateChanged, _sink.Anchor(current.GetMember("template_sha256"), at),
                    subject + ": the template changed, which changes the prompt's bytes and its cache prefix", BumpNeeded.Any);
            }

            foreach (var key in new[] { "role", "kind" })
            {
                if (old.GetString(key) != current.GetString(key) || !(old[key]?.SameAs(current[key]) ?? current[key] is null))
                {
                    _sink.Breaking(DriftRules.PromptRoleChanged, _sink.Anchor(current.GetMember(key), at),
                        subject + ": " + key + " changed from " + (old[key]?.ToJson() ?? "(none)") + " to " + (current[key]?.ToJson() ?? "(none)"));
                }
            }

            if (!(old["output_schema"]?.SameAs(current["output_schema"]) ?? current["output_schema"] is null))
            {
                _sink.Breaking(DriftRules.PromptOutputSchemaChanged, _sink.Anchor(current.GetMember("output_schema"), at),
                    subject + ": output schema changed from " + (old["output_schema"]?.ToJson() ?? "(none)") + " to " + (current["output_schema"]?.ToJson() ?? "(none)"));
            }

            DiffVariables(subject, old["variables"], current.GetMember("variables"), at);
            DiffBreakpoints(subject, old["cache_breakpoints"], current.GetMember("cache_breakpoints"), at);

            var handled = new[] { "template_sha256", "role", "kind", "output_schema", "variables", "cache_breakpoints", "version" };
            foreach (var name in old.Members.Select(m => m.Name).Union(current.Members.Select(m => m.Name)).Where(n => Array.IndexOf(handled, n) < 0))
            {
                if (!(old[name]?.SameAs(current[name]) ?? current[name] is null))
                {
                    _sink.Compatible(_sink.Anchor(current.GetMember(name), at), subject + ": '" + name + "' changed");
                }
            }
        }

        private void DiffVariables(string subject, CanonicalNode? before, CanonicalMember? afterMember, DriftAnchor at)
        {
            var after = afterMember?.Value;
            var here = _sink.Anchor(afterMember, at);
            var oldVariables = Named(before);
            var newVariables = Named(after);
            foreach (var gone in oldVariables.Where(v => newVariables.All(n => n.Name != v.Name)))
            {
                _sink.Breaking(DriftRules.PromptVariableRemoved, here, subject + ": variable '" + gone.Name + "' was removed, which removes a parameter of Render");
            }

            foreach (var fresh in newVariables.Where(v => oldVariables.All(o => o.Name != v.Name)))
            {
                _sink.Breaking(DriftRules.PromptVariableAdded, _sink.Anchor(fresh.Node, here), subject + ": variable '" + fresh.Name + "' was added, which adds a parameter to Render");
            }

            foreach (var (name, node) in newVariables)
            {
                var previous = oldVariables.FirstOrDefault(o => o.Name == name).Node;
                if (previous is null)
                {
                    continue;
                }

                var variableAnchor = _sink.Anchor(node, here);
                var oldShape = Shape(previous);
                var newShape = Shape(node);
                if (oldShape != newShape)
                {
                    _sink.Breaking(DriftRules.PromptVariableRetyped, _sink.Anchor(node.GetMember("type"), variableAnchor),
                        subject + ": variable '" + name + "' changed from " + oldShape + " to " + newShape);
                }

                foreach (var key in node.Members.Select(m => m.Name).Union(previous.Members.Select(m => m.Name)).Where(k => k != "name" && k != "type" && k != "required"))
                {
                    if (!(previous[key]?.SameAs(node[key]) ?? node[key] is null))
                    {
                        _sink.Compatible(_sink.Anchor(node.GetMember(key), variableAnchor), subject + ": variable '" + name + "' " + key + " changed");
                    }
                }
            }

            var commonOld = oldVariables.Select(v => v.Name).Where(n => newVariables.Any(v => v.Name == n)).ToList();
            var commonNew = newVariables.Select(v => v.Name).Where(n => oldVariables.Any(v => v.Name == n)).ToList();
            if (!commonOld.SequenceEqual(commonNew))
            {
                _sink.Breaking(DriftRules.PromptVariablesReordered, here,
                    subject + ": variables were reordered (" + string.Join(", ", commonOld) + " → " + string.Join(", ", commonNew) + "), which reorders Render's parameters");
            }
        }

        private void DiffBreakpoints(string subject, CanonicalNode? before, CanonicalMember? afterMember, DriftAnchor at)
        {
            var after = afterMember?.Value;
            var here = _sink.Anchor(afterMember, at);
            var oldPoints = Named(before);
            var newPoints = Named(after);
            foreach (var (name, node) in oldPoints)
            {
                var match = newPoints.FirstOrDefault(p => p.Name == name).Node;
                if (match is null)
                {
                    _sink.Breaking(DriftRules.PromptCacheBreakpointChanged, here, subject + ": cache breakpoint '" + name + "' was removed");
                }
                else if (!(node["before_variable"]?.SameAs(match["before_variable"]) ?? match["before_variable"] is null))
                {
                    _sink.Breaking(DriftRules.PromptCacheBreakpointChanged, _sink.Anchor(match.GetMember("before_variable"), _sink.Anchor(match, here)),
                        subject + ": cache breakpoint '" + name + "' moved from before " + (node["before_variable"]?.ToJson() ?? "(end)") + " to before " + (match["before_variable"]?.ToJson() ?? "(end)"));
                }
            }

            foreach (var fresh in newPoints.Where(p => oldPoints.All(o => o.Name != p.Name)))
            {
                _sink.Compatible(_sink.Anchor(fresh.Node, here), subject + ": cache breakpoint '" + fresh.Name + "' was added");
            }
        }

        private static List<(string Name, CanonicalNode Node)> Named(CanonicalNode? list)
            => (list?.Items ?? Array.Empty<CanonicalNode>())
                .Where(i => i.GetString("name") is not null)
                .Select(i => (i.GetString("name")!, i))
                .ToList();

        private static string Shape(CanonicalNode variable)
            => (variable["required"]?.Kind == CanonicalKind.False ? "optional " : "required ") + (variable["type"]?.ToJson() ?? "(untyped)");
    }
}
