using System.Collections.Generic;
using System.Linq;
using Alexandria.Generators.Model;
using Alexandria.Generators.Model.Schema;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Turns a classified union and its case records into the union declaration: members every case has
    /// (same JSON name, C# name, type and requiredness) move to the base, the discriminator becomes an abstract
    /// get-only property, and flags every case carries become abstract on the base.
    /// </summary>
    internal static class UnionAssembler
    {
        public static UnionDeclaration Assemble(string name, string description, string pointer, string discriminator, string fullName, List<RecordDraft> cases)
        {
            var first = cases[0];

            // Members declared on the base must not take the base's own name (CS0542): "shape" on union Shape is ShapeValue.
            string OnBase(string propertyName) => propertyName == name ? propertyName + "Value" : propertyName;
            var discriminatorName = OnBase(first.Properties.First(p => p.JsonName == discriminator).PropertyName);

            var shared = new List<PropertyDeclaration>();
            foreach (var candidate in first.Properties)
            {
                if (!candidate.IsConstant && cases.All(c => c.Properties.Any(p => !p.IsConstant
                        && p.JsonName == candidate.JsonName
                        && p.PropertyName == candidate.PropertyName
                        && p.IsRequired == candidate.IsRequired
                        && p.Type == candidate.Type)))
                {
                    shared.Add(candidate with { IsInherited = true, PropertyName = OnBase(candidate.PropertyName) });
                }
            }

            var sharedNames = new HashSet<string>(shared.Select(p => p.JsonName)) { discriminator };
            var abstractFlags = first.Flags
                .Select(f => f.PropertyName)
                .Where(flag => cases.All(c => c.Flags.Any(f => f.PropertyName == flag)))
                .ToList();

            var unionCases = new List<UnionCase>();
            foreach (var draft in cases)
            {
                draft.BaseName = fullName;
                for (var i = 0; i < draft.Properties.Count; i++)
                {
                    var property = draft.Properties[i];
                    if (sharedNames.Contains(property.JsonName))
                    {
                        draft.Properties[i] = property.JsonName == discriminator
                            ? property with { IsInherited = true, PropertyName = discriminatorName }
                            : property with { IsInherited = true, PropertyName = OnBase(property.PropertyName) };
                    }
                }

                for (var i = 0; i < draft.Flags.Count; i++)
                {
                    if (abstractFlags.Contains(draft.Flags[i].PropertyName))
                    {
                        draft.Flags[i] = draft.Flags[i] with { IsOverride = true };
                    }
                }

                var value = draft.Properties.First(p => p.JsonName == discriminator).ConstValue!;
                var flags = abstractFlags.Select(flag => draft.Flags.First(f => f.PropertyName == flag));
                unionCases.Add(new UnionCase(draft.Name, value, flags.ToEquatableArray()));
            }

            return new UnionDeclaration(
                name,
                description,
                pointer,
                discriminator,
                discriminatorName,
                unionCases.ToEquatableArray(),
                shared.ToEquatableArray(),
                abstractFlags.ToEquatableArray());
        }
    }
}
