using System;
using System.Collections.Generic;
using System.Linq;

namespace Alexandria.Generators.Drift
{
    /// <summary>
    /// Compares two normalized JSON Schemas keyword by keyword. A change is breaking when a document
    /// valid under the old schema may be invalid under the new one (writers and the append-only history
    /// break), or when the generated C# surface changes for readers (a member removed, renamed, retyped,
    /// or made optional). Everything else is compatible. Unknown keywords that change are treated as
    /// breaking: when in doubt, the build asks for a version bump.
    /// </summary>
    internal sealed class SchemaDiffer
    {
        private static readonly string[] LowerBounds = { "minLength", "minItems", "minProperties", "minContains" };
        private static readonly string[] UpperBounds = { "maxLength", "maxItems", "maxProperties", "maxContains" };
        private static readonly string[] Handled =
        {
            "$ref", "type", "enum", "const", "required", "properties", "additionalProperties", "unevaluatedProperties",
            "items", "unevaluatedItems", "contains", "propertyNames", "prefixItems", "oneOf", "anyOf", "allOf", "pattern",
            "minLength", "minItems", "minProperties", "minContains", "maxLength", "maxItems", "maxProperties", "maxContains",
            "uniqueItems", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf", "format", "$defs",
            "definitions", "dependentRequired", "patternProperties", "dependentSchemas",
        };

        /// <summary>Keywords that annotate without constraining; a change is reported as compatible.</summary>
        private static readonly HashSet<string> Annotations = new HashSet<string>(StringComparer.Ordinal)
        {
            "default", "deprecated", "readOnly", "writeOnly", "$id", "$anchor", "$schema", "contentMediaType", "contentEncoding",
            "x-alexandria-counted",
        };

        private readonly DriftChangeSink _sink;

        public SchemaDiffer(DriftChangeSink sink) => _sink = sink;

        /// <summary>Compares <paramref name="old"/> with <paramref name="current"/> found at <paramref name="where"/> (for messages).</summary>
        public void Diff(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            if (old.SameAs(current))
            {
                return;
            }

            if (!old.IsObject || !current.IsObject)
            {
                DiffBooleanSchemas(old, current, where, at);
                return;
            }

            DiffReference(old, current, where, at);
            DiffType(old, current, where, at);
            DiffEnum(old, current, where, at);
            DiffConst(old, current, where, at);
            DiffProperties(old, current, where, at);
            DiffOpenness(old, current, "additionalProperties", where, at);
            DiffOpenness(old, current, "unevaluatedProperties", where, at);
            foreach (var keyword in new[] { "items", "unevaluatedItems", "contains", "propertyNames" })
            {
                DiffSubschema(old, current, keyword, where, at);
            }

            DiffPrefixItems(old, current, where, at);
            DiffUnion(old, current, "oneOf", where, at);
            DiffUnion(old, current, "anyOf", where, at);
            DiffAllOf(old, current, where, at);
            DiffPattern(old, current, where, at);
            DiffBounds(old, current, where, at);
            DiffFormat(old, current, where, at);
            DiffDefinitions(old, current, "$defs", where, at);
            DiffDefinitions(old, current, "definitions", where, at);
            DiffSchemaMap(old, current, "patternProperties", where, at);
            DiffSchemaMap(old, current, "dependentSchemas", where, at);
            DiffDependentRequired(old, current, where, at);
            DiffOtherKeywords(old, current, where, at);
        }

        private void DiffBooleanSchemas(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var here = _sink.Anchor(current, at);
            if (current.Kind == CanonicalKind.False)
            {
                _sink.Breaking(DriftRules.TypeChanged, here, where + ": the schema now rejects every value (false)");
            }
            else if (old.Kind == CanonicalKind.False)
            {
                _sink.Compatible(here, where + ": the schema no longer rejects every value");
            }
            else if (old.Kind == CanonicalKind.True && current.IsObject)
            {
                _sink.Breaking(DriftRules.TypeChanged, here, where + ": a schema that accepted any value now constrains it");
            }
            else if (old.IsObject && current.Kind == CanonicalKind.True)
            {
                _sink.Breaking(DriftRules.TypeChanged, here, where + ": the schema now accepts any value, so its generated type changes");
            }
        }

        private void DiffReference(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = old.GetString("$ref");
            var after = current.GetString("$ref");
            if (before == after)
            {
                return;
            }

            var here = _sink.Anchor(current.GetMember("$ref"), at);
            var message = before is null ? "now references '" + after + "'"
                : after is null ? "no longer references '" + before + "'"
                : "references '" + after + "' instead of '" + before + "'";
            _sink.Breaking(DriftRules.TypeChanged, here, where + ": " + message);
        }

        private void DiffType(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = StringSet(old["type"]);
            var after = StringSet(current["type"]);
            if (SetEquals(before, after))
            {
                return;
            }

            var here = _sink.Anchor(current.GetMember("type"), at);
            string detail;
            if (before is null)
            {
                detail = "type narrowed from any to " + Join(after!);
            }
            else if (after is null)
            {
                detail = "type widened from " + Join(before) + " to any, which changes its generated type";
            }
            else
            {
                var lost = before.Where(t => !after.Contains(t) && !(t == "integer" && after.Contains("number"))).ToList();
                detail = lost.Count > 0
                    ? "type narrowed from " + Join(before) + " to " + Join(after)
                    : "type changed from " + Join(before) + " to " + Join(after) + ", which changes its generated type";
            }

            _sink.Breaking(DriftRules.TypeChanged, here, where + ": " + detail);
        }

        private void DiffEnum(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = old["enum"];
            var after = current["enum"];
            if (after is null)
            {
                if (before is not null)
                {
                    _sink.Compatible(at, where + ": enum removed (any value of the type is now allowed)");
                }

                return;
            }

            var here = _sink.Anchor(current.GetMember("enum"), at);
            if (before is null)
            {
                _sink.Breaking(DriftRules.EnumNarrowed, here, where + ": enum introduced; only " + Join(after.Items.Select(i => i.ToJson())) + " are allowed now");
                return;
            }

            var afterValues = new HashSet<string>(after.Items.Select(i => i.ToJson()), StringComparer.Ordinal);
            var beforeValues = new HashSet<string>(before.Items.Select(i => i.ToJson()), StringComparer.Ordinal);
            foreach (var removed in before.Items.Where(i => !afterValues.Contains(i.ToJson())))
            {
                _sink.Breaking(DriftRules.EnumNarrowed, here, where + ": enum value " + removed.ToJson() + " was removed");
            }

            foreach (var added in after.Items.Where(i => !beforeValues.Contains(i.ToJson())))
            {
                _sink.Compatible(_sink.Anchor(added, here), where + ": enum value " + added.ToJson() + " was added");
            }
        }

        private void DiffConst(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = old["const"];
            var after = current["const"];
            if (after is null)
            {
                if (before is not null)
                {
                    _sink.Compatible(at, where + ": const " + before.ToJson() + " removed");
                }

                return;
            }

            if (!after.SameAs(before))
            {
                var here = _sink.Anchor(current.GetMember("const"), at);
                _sink.Breaking(DriftRules.ConstChanged, here, before is null
                    ? where + ": const " + after.ToJson() + " introduced"
                    : where + ": const changed from " + before.ToJson() + " to " + after.ToJson());
            }
        }

        private void DiffProperties(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = old["properties"];
            var after = current["properties"];
            var requiredBefore = StringSet(old["required"]) ?? new List<string>();
            var requiredAfter = StringSet(current["required"]) ?? new List<string>();
            var propertiesAnchor = _sink.Anchor(current.GetMember("properties"), at);
            var requiredAnchor = _sink.Anchor(current.GetMember("required"), at);

            var beforeMembers = before?.Members ?? Array.Empty<CanonicalMember>();
            var afterMembers = after?.Members ?? Array.Empty<CanonicalMember>();
            var removed = beforeMembers.Where(m => after?.GetMember(m.Name) is null).ToList();
            var added = afterMembers.Where(m => before?.GetMember(m.Name) is null).ToList();
            var renamedTo = new HashSet<string>(StringComparer.Ordinal);

            foreach (var gone in removed)
            {
                // A rename is a removal plus an addition with the same schema and the same required-ness.
                var candidates = added.Where(a => !renamedTo.Contains(a.Name)
                                                  && a.Value.SameAs(gone.Value)
                                                  && requiredBefore.Contains(gone.Name) == requiredAfter.Contains(a.Name)).ToList();
                if (candidates.Count == 1)
                {
                    renamedTo.Add(candidates[0].Name);
                    _sink.Breaking(DriftRules.PropertyRemoved, _sink.Anchor(candidates[0], propertiesAnchor), where + ": property '" + gone.Name + "' was renamed to '" + candidates[0].Name + "'");
                }
                else
                {
                    _sink.Breaking(DriftRules.PropertyRemoved, propertiesAnchor, where + ": property '" + gone.Name + "' was removed");
                }
            }

            foreach (var fresh in added.Where(a => !renamedTo.Contains(a.Name)))
            {
                if (requiredAfter.Contains(fresh.Name))
                {
                    _sink.Breaking(DriftRules.PropertyBecameRequired, _sink.Anchor(fresh, propertiesAnchor), where + ": new property '" + fresh.Name + "' is required, so existing documents without it are invalid");
                }
                else
                {
                    _sink.Compatible(_sink.Anchor(fresh, propertiesAnchor), where + ": optional property '" + fresh.Name + "' was added");
                }
            }

            foreach (var name in requiredAfter.Where(r => !requiredBefore.Contains(r)))
            {
                if (before?.GetMember(name) is not null)
                {
                    _sink.Breaking(DriftRules.PropertyBecameRequired, requiredAnchor, where + ": property '" + name + "' became required");
                }
                else if (after?.GetMember(name) is null && !renamedTo.Contains(name))
                {
                    _sink.Breaking(DriftRules.PropertyBecameRequired, requiredAnchor, where + ": '" + name + "' is now required");
                }
            }

            foreach (var name in requiredBefore.Where(r => !requiredAfter.Contains(r)))
            {
                if (after?.GetMember(name) is { } stillThere)
                {
                    _sink.Breaking(DriftRules.PropertyBecameOptional, _sink.Anchor(stillThere, propertiesAnchor), where + ": property '" + name + "' became optional, so readers can no longer rely on it (its generated member becomes nullable)");
                }
            }

            foreach (var common in afterMembers.Where(m => before?.GetMember(m.Name) is not null))
            {
                Diff(before![common.Name]!, common.Value, where + "/properties/" + common.Name, _sink.Anchor(common, propertiesAnchor));
            }
        }

        private void DiffOpenness(CanonicalNode old, CanonicalNode current, string keyword, string where, DriftAnchor at)
        {
            var before = old[keyword];
            var after = current[keyword];
            if (before is null && after is null)
            {
                return;
            }

            var here = _sink.Anchor(current.GetMember(keyword), at);
            var wasOpen = before is null || before.Kind == CanonicalKind.True || (before.IsObject && before.Members.Count == 0);
            var isOpen = after is null || after.Kind == CanonicalKind.True || (after.IsObject && after.Members.Count == 0);
            var wasClosed = before?.Kind == CanonicalKind.False;
            var isClosed = after?.Kind == CanonicalKind.False;
            if (wasOpen && isOpen)
            {
                return;
            }

            if (isClosed && !wasClosed)
            {
                _sink.Breaking(DriftRules.AdditionalPropertiesClosed, here, where + ": " + keyword + " is now false; documents with other members are rejected");
            }
            else if (wasOpen && !isOpen)
            {
                _sink.Breaking(DriftRules.AdditionalPropertiesClosed, here, where + ": " + keyword + " now constrains members that were free before");
            }
            else if (isOpen || (wasClosed && !isClosed))
            {
                _sink.Compatible(here, where + ": " + keyword + " was relaxed");
            }
            else if (before is not null && after is not null)
            {
                Diff(before, after, where + "/" + keyword, here);
            }
        }

        private void DiffSubschema(CanonicalNode old, CanonicalNode current, string keyword, string where, DriftAnchor at)
        {
            var before = old[keyword];
            var after = current[keyword];
            if (before is null && after is null)
            {
                return;
            }

            var here = _sink.Anchor(current.GetMember(keyword), at);
            if (before is null)
            {
                _sink.Breaking(DriftRules.TypeChanged, here, where + ": '" + keyword + "' was introduced and constrains values that were free before");
            }
            else if (after is null)
            {
                _sink.Compatible(at, where + ": '" + keyword + "' was removed (values are less constrained)");
            }
            else
            {
                Diff(before, after, where + "/" + keyword, here);
            }
        }

        private void DiffPrefixItems(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = old["prefixItems"]?.Items ?? Array.Empty<CanonicalNode>();
            var after = current["prefixItems"]?.Items ?? Array.Empty<CanonicalNode>();
            var here = _sink.Anchor(current.GetMember("prefixItems"), at);
            for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
            {
                if (i >= after.Count)
                {
                    _sink.Breaking(DriftRules.TypeChanged, here, where + ": prefixItems/" + i + " was removed");
                }
                else if (i >= before.Count)
                {
                    _sink.Breaking(DriftRules.TypeChanged, _sink.Anchor(after[i], here), where + ": prefixItems/" + i + " was added and constrains that item");
                }
                else
                {
                    Diff(before[i], after[i], where + "/prefixItems/" + i, _sink.Anchor(after[i], here));
                }
            }
        }

        private void DiffUnion(CanonicalNode old, CanonicalNode current, string keyword, string where, DriftAnchor at)
        {
            var before = old[keyword];
            var after = current[keyword];
            if (before is null && after is null)
            {
                return;
            }

            var here = _sink.Anchor(current.GetMember(keyword), at);
            if (before is null)
            {
                _sink.Breaking(DriftRules.TypeChanged, here, where + ": " + keyword + " was introduced, so the value is now a union");
                return;
            }

            if (after is null)
            {
                _sink.Breaking(DriftRules.UnionCaseRemoved, at, where + ": " + keyword + " was removed, so the union and all its cases are gone");
                return;
            }

            var discriminator = current.GetString("x-alexandria-discriminator") ?? old.GetString("x-alexandria-discriminator");
            var beforeCases = before.Items.Select(c => (Key: CaseKey(c, discriminator), Node: c)).ToList();
            var afterCases = after.Items.Select(c => (Key: CaseKey(c, discriminator), Node: c)).ToList();
            foreach (var (key, node) in beforeCases)
            {
                var match = afterCases.FirstOrDefault(c => c.Key == key);
                if (match.Node is null)
                {
                    _sink.Breaking(DriftRules.UnionCaseRemoved, here, where + ": " + keyword + " case " + key + " was removed");
                }
                else
                {
                    Diff(node, match.Node, where + "/" + keyword + "[" + key + "]", _sink.Anchor(match.Node, here));
                }
            }

            foreach (var (key, node) in afterCases.Where(c => beforeCases.All(b => b.Key != c.Key)))
            {
                _sink.Compatible(_sink.Anchor(node, here), where + ": " + keyword + " case " + key + " was added");
            }

            var oldDiscriminator = old.GetString("x-alexandria-discriminator");
            var newDiscriminator = current.GetString("x-alexandria-discriminator");
            if (oldDiscriminator != newDiscriminator && oldDiscriminator is not null)
            {
                _sink.Breaking(DriftRules.UnionCaseRemoved, _sink.Anchor(current.GetMember("x-alexandria-discriminator"), at),
                    where + ": the union discriminator changed from '" + oldDiscriminator + "' to '" + (newDiscriminator ?? "(none)") + "'");
            }
        }

        private void DiffAllOf(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = old["allOf"]?.Items ?? Array.Empty<CanonicalNode>();
            var after = current["allOf"]?.Items ?? Array.Empty<CanonicalNode>();
            var here = _sink.Anchor(current.GetMember("allOf"), at);
            var beforeKeys = before.Select(c => CaseKey(c, null)).ToList();
            var afterKeys = after.Select(c => CaseKey(c, null)).ToList();
            for (var i = 0; i < before.Count; i++)
            {
                var j = afterKeys.IndexOf(beforeKeys[i]);
                if (j < 0)
                {
                    _sink.Breaking(DriftRules.TypeChanged, here, where + ": allOf no longer includes " + beforeKeys[i] + ", so its members leave the generated type");
                }
                else
                {
                    Diff(before[i], after[j], where + "/allOf[" + beforeKeys[i] + "]", _sink.Anchor(after[j], here));
                }
            }

            for (var j = 0; j < after.Count; j++)
            {
                if (!beforeKeys.Contains(afterKeys[j]))
                {
                    _sink.Breaking(DriftRules.TypeChanged, _sink.Anchor(after[j], here), where + ": allOf now also requires " + afterKeys[j]);
                }
            }
        }

        private void DiffPattern(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = old.GetString("pattern");
            var after = current.GetString("pattern");
            if (before == after)
            {
                return;
            }

            var here = _sink.Anchor(current.GetMember("pattern"), at);
            if (after is null)
            {
                _sink.Compatible(at, where + ": pattern '" + before + "' was removed");
            }
            else
            {
                // Whether one regular expression accepts a superset of another is not decidable in general.
                _sink.Breaking(DriftRules.PatternTightened, here, before is null
                    ? where + ": pattern '" + after + "' was introduced"
                    : where + ": pattern changed from '" + before + "' to '" + after + "'");
            }
        }

        private void DiffBounds(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            foreach (var keyword in LowerBounds)
            {
                Bound(old, current, keyword, tighterWhenGreater: true, DriftRules.LengthTightened, where, at);
            }

            foreach (var keyword in UpperBounds)
            {
                Bound(old, current, keyword, tighterWhenGreater: false, DriftRules.LengthTightened, where, at);
            }

            Bound(old, current, "minimum", tighterWhenGreater: true, DriftRules.RangeTightened, where, at);
            Bound(old, current, "exclusiveMinimum", tighterWhenGreater: true, DriftRules.RangeTightened, where, at);
            Bound(old, current, "maximum", tighterWhenGreater: false, DriftRules.RangeTightened, where, at);
            Bound(old, current, "exclusiveMaximum", tighterWhenGreater: false, DriftRules.RangeTightened, where, at);

            var uniqueBefore = old["uniqueItems"]?.Kind == CanonicalKind.True;
            var uniqueAfter = current["uniqueItems"]?.Kind == CanonicalKind.True;
            if (uniqueAfter && !uniqueBefore)
            {
                _sink.Breaking(DriftRules.LengthTightened, _sink.Anchor(current.GetMember("uniqueItems"), at), where + ": uniqueItems is now true");
            }
            else if (uniqueBefore && !uniqueAfter)
            {
                _sink.Compatible(at, where + ": uniqueItems is no longer required");
            }

            var multipleBefore = old["multipleOf"];
            var multipleAfter = current["multipleOf"];
            if (multipleAfter is not null && !multipleAfter.SameAs(multipleBefore))
            {
                var here = _sink.Anchor(current.GetMember("multipleOf"), at);
                var divides = multipleBefore is not null && multipleBefore.TryGetNumber(out var b) && multipleAfter.TryGetNumber(out var a) && a != 0 && b % a == 0;
                if (divides)
                {
                    _sink.Compatible(here, where + ": multipleOf relaxed from " + multipleBefore!.Text + " to " + multipleAfter.Text);
                }
                else
                {
                    _sink.Breaking(DriftRules.RangeTightened, here, where + ": multipleOf " + (multipleBefore is null ? multipleAfter.Text + " was introduced" : "changed from " + multipleBefore.Text + " to " + multipleAfter.Text));
                }
            }
            else if (multipleAfter is null && multipleBefore is not null)
            {
                _sink.Compatible(at, where + ": multipleOf was removed");
            }
        }

        private void Bound(CanonicalNode old, CanonicalNode current, string keyword, bool tighterWhenGreater, string ruleId, string where, DriftAnchor at)
        {
            var before = old[keyword];
            var after = current[keyword];
            if (after is null)
            {
                if (before is not null)
                {
                    _sink.Compatible(at, where + ": " + keyword + " " + before.Text + " was removed");
                }

                return;
            }

            var here = _sink.Anchor(current.GetMember(keyword), at);
            if (before is null)
            {
                // minLength 0 / minItems 0 constrain nothing.
                if (tighterWhenGreater && LowerBounds.Contains(keyword) && after.Text == "0")
                {
                    return;
                }

                _sink.Breaking(ruleId, here, where + ": " + keyword + " " + after.Text + " was introduced");
                return;
            }

            if (!before.TryGetNumber(out var b) || !after.TryGetNumber(out var a) || a == b)
            {
                if (!before.SameAs(after))
                {
                    _sink.Breaking(ruleId, here, where + ": " + keyword + " changed from " + before.ToJson() + " to " + after.ToJson());
                }

                return;
            }

            if (tighterWhenGreater ? a > b : a < b)
            {
                _sink.Breaking(ruleId, here, where + ": " + keyword + " tightened from " + before.Text + " to " + after.Text);
            }
            else
            {
                _sink.Compatible(here, where + ": " + keyword + " relaxed from " + before.Text + " to " + after.Text);
            }
        }

        private void DiffFormat(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = old.GetString("format");
            var after = current.GetString("format");
            if (before == after)
            {
                return;
            }

            if (after is null)
            {
                _sink.Compatible(at, where + ": format '" + before + "' was removed");
                return;
            }

            _sink.Breaking(DriftRules.FormatChanged, _sink.Anchor(current.GetMember("format"), at), before is null
                ? where + ": format '" + after + "' was introduced"
                : where + ": format changed from '" + before + "' to '" + after + "'");
        }

        private void DiffDefinitions(CanonicalNode old, CanonicalNode current, string keyword, string where, DriftAnchor at)
        {
            var before = old[keyword];
            var after = current[keyword];
            if (before is null && after is null)
            {
                return;
            }

            var here = _sink.Anchor(current.GetMember(keyword), at);
            var prefix = (where == "#" ? "#" : where) + "/" + keyword + "/";
            var beforeMembers = before?.Members ?? Array.Empty<CanonicalMember>();
            var afterMembers = after?.Members ?? Array.Empty<CanonicalMember>();
            var added = afterMembers.Where(m => before?.GetMember(m.Name) is null).ToList();
            var renamedTo = new HashSet<string>(StringComparer.Ordinal);
            foreach (var gone in beforeMembers.Where(m => after?.GetMember(m.Name) is null))
            {
                var candidates = added.Where(a => !renamedTo.Contains(a.Name) && a.Value.SameAs(gone.Value)).ToList();
                if (candidates.Count == 1)
                {
                    renamedTo.Add(candidates[0].Name);
                    _sink.Breaking(DriftRules.DefinitionRemoved, _sink.Anchor(candidates[0], here), prefix + gone.Name + " was renamed to '" + candidates[0].Name + "', which renames its generated type");
                }
                else
                {
                    _sink.Breaking(DriftRules.DefinitionRemoved, here, prefix + gone.Name + " was removed, and with it its generated type");
                }
            }

            foreach (var fresh in added.Where(a => !renamedTo.Contains(a.Name)))
            {
                _sink.Compatible(_sink.Anchor(fresh, here), prefix + fresh.Name + " was added");
            }

            foreach (var common in afterMembers.Where(m => before?.GetMember(m.Name) is not null))
            {
                var oldName = before![common.Name]!.GetString("x-alexandria-name");
                var newName = common.Value.GetString("x-alexandria-name");
                if (oldName != newName)
                {
                    _sink.Breaking(DriftRules.DefinitionRemoved, _sink.Anchor(common.Value.GetMember("x-alexandria-name"), _sink.Anchor(common, here)),
                        prefix + common.Name + ": x-alexandria-name changed from '" + (oldName ?? "(none)") + "' to '" + (newName ?? "(none)") + "', which renames its generated type");
                }

                Diff(before[common.Name]!, common.Value, prefix + common.Name, _sink.Anchor(common, here));
            }
        }

        private void DiffSchemaMap(CanonicalNode old, CanonicalNode current, string keyword, string where, DriftAnchor at)
        {
            var before = old[keyword];
            var after = current[keyword];
            if (before is null && after is null)
            {
                return;
            }

            var here = _sink.Anchor(current.GetMember(keyword), at);
            foreach (var gone in (before?.Members ?? Array.Empty<CanonicalMember>()).Where(m => after?.GetMember(m.Name) is null))
            {
                _sink.Breaking(DriftRules.TypeChanged, here, where + ": " + keyword + " entry '" + gone.Name + "' was removed");
            }

            foreach (var fresh in (after?.Members ?? Array.Empty<CanonicalMember>()).Where(m => before?.GetMember(m.Name) is null))
            {
                _sink.Breaking(DriftRules.TypeChanged, _sink.Anchor(fresh, here), where + ": " + keyword + " entry '" + fresh.Name + "' was added and constrains matching members");
            }

            foreach (var common in (after?.Members ?? Array.Empty<CanonicalMember>()).Where(m => before?.GetMember(m.Name) is not null))
            {
                Diff(before![common.Name]!, common.Value, where + "/" + keyword + "/" + common.Name, _sink.Anchor(common, here));
            }
        }

        private void DiffDependentRequired(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var before = old["dependentRequired"];
            var after = current["dependentRequired"];
            if (after is null || after.SameAs(before))
            {
                if (after is null && before is not null)
                {
                    _sink.Compatible(at, where + ": dependentRequired was removed");
                }

                return;
            }

            foreach (var entry in after.Members)
            {
                var previous = StringSet(before?[entry.Name]) ?? new List<string>();
                foreach (var name in (StringSet(entry.Value) ?? new List<string>()).Where(n => !previous.Contains(n)))
                {
                    _sink.Breaking(DriftRules.PropertyBecameRequired, _sink.Anchor(entry, at), where + ": '" + name + "' is now required whenever '" + entry.Name + "' is present");
                }
            }
        }

        private void DiffOtherKeywords(CanonicalNode old, CanonicalNode current, string where, DriftAnchor at)
        {
            var names = old.Members.Select(m => m.Name).Union(current.Members.Select(m => m.Name))
                .Where(n => Array.IndexOf(Handled, n) < 0 && n != "x-alexandria-name" && n != "x-alexandria-discriminator")
                .OrderBy(n => n, StringComparer.Ordinal);
            foreach (var name in names)
            {
                var before = old[name];
                var after = current[name];
                if (after is not null && after.SameAs(before))
                {
                    continue;
                }

                var here = _sink.Anchor(current.GetMember(name), at);
                var what = after is null ? "was removed" : before is null ? "was added" : "changed from " + Short(before) + " to " + Short(after);
                if (Annotations.Contains(name) || name.StartsWith("x-", StringComparison.Ordinal))
                {
                    _sink.Compatible(here, where + ": " + name + " " + what);
                }
                else
                {
                    _sink.Breaking(DriftRules.TypeChanged, here, where + ": keyword '" + name + "' " + what);
                }
            }
        }

        /// <summary>How a union or allOf entry is recognised across versions: its $ref, its discriminator value, or its content.</summary>
        public static string CaseKey(CanonicalNode node, string? discriminator)
        {
            if (node.GetString("$ref") is string reference)
            {
                return "'" + reference + "'";
            }

            if (node["properties"] is { } properties)
            {
                var names = discriminator is null ? properties.Members.Select(m => m.Name) : new[] { discriminator };
                foreach (var name in names)
                {
                    if (properties[name]?["const"] is { } constant)
                    {
                        return name + "=" + constant.ToJson();
                    }
                }
            }

            return node.ToJson();
        }

        private static List<string>? StringSet(CanonicalNode? node)
        {
            if (node is null)
            {
                return null;
            }

            if (node.Kind == CanonicalKind.String)
            {
                return new List<string> { node.Text };
            }

            return node.Items.Where(i => i.Kind == CanonicalKind.String).Select(i => i.Text).ToList();
        }

        private static bool SetEquals(List<string>? a, List<string>? b)
            => (a is null && b is null) || (a is not null && b is not null && a.Count == b.Count && a.All(b.Contains));

        private static string Join(IEnumerable<string> values) => string.Join("|", values);

        private static string Short(CanonicalNode node)
        {
            var json = node.ToJson();
            return json.Length <= 60 ? json : json.Substring(0, 57) + "...";
        }
    }
}
