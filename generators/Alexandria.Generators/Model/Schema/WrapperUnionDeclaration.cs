using System.Collections.Generic;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Model.Schema
{
    /// <summary>
    /// A <c>oneOf</c>/<c>anyOf</c> that cannot be a closed union (an abstract base its cases derive from): a branch is a
    /// string, an array or a map, a record is already a case of another union, or nothing tells the objects apart. It
    /// becomes a sealed class that holds exactly one of its cases, whose converter picks the case by JSON token, then by
    /// a discriminating member, then by the branches' generated validators.
    /// </summary>
    /// <param name="IsOneOf"><c>oneOf</c> (exactly one branch may match) rather than <c>anyOf</c> (the first that matches wins).</param>
    /// <param name="Discriminator">The member whose string constant tells every object case apart, when there is one.</param>
    /// <param name="Cases">The cases in schema order.</param>
    internal sealed record WrapperUnionDeclaration(
        string Name,
        string Description,
        string Pointer,
        bool IsOneOf,
        string? Discriminator,
        EquatableArray<WrapperCase> Cases)
        : TypeDeclaration(Name, Description, Pointer)
    {
        /// <summary>The JSON token groups a reader can meet, in the order the converter tests them.</summary>
        public static readonly JsonTypes[] TokenGroups = { JsonTypes.Object, JsonTypes.Array, JsonTypes.String, JsonTypes.Number, JsonTypes.Boolean, JsonTypes.Null };

        /// <summary>The nested enum of the cases: <c>Case</c>, unless the union itself is named so (CS0542).</summary>
        public string CaseEnumName => Name == "Case" ? "CaseKind" : "Case";

        /// <summary>The property saying which case is held: <c>Kind</c>, unless the union itself is named so (CS0542).</summary>
        public string KindPropertyName => Name == "Kind" ? "KindValue" : "Kind";

        /// <summary>The branch validators the wrapper unions of <paramref name="model"/> need, generated like an inline type's.</summary>
        public static IEnumerable<InlineTypeSchema> BranchValidators(SchemaTypesModel model)
        {
            foreach (var declaration in model.Types)
            {
                if (declaration is WrapperUnionDeclaration wrapper)
                {
                    foreach (var @case in wrapper.Cases)
                    {
                        if (@case.RegistersValidator)
                        {
                            yield return new InlineTypeSchema(model.FileName, @case.BranchPointer, @case.ValidatorStem);
                        }
                    }
                }
            }
        }

        /// <summary>The position of <paramref name="case"/> among the cases.</summary>
        public int IndexOf(WrapperCase @case)
        {
            for (var i = 0; i < Cases.Count; i++)
            {
                if (Cases[i].Name == @case.Name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The cases that accept a token of <paramref name="group"/>, in schema order.</summary>
        public List<WrapperCase> CandidatesFor(JsonTypes group)
        {
            var candidates = new List<WrapperCase>();
            foreach (var @case in Cases)
            {
                if ((@case.Tokens & group) != 0)
                {
                    candidates.Add(@case);
                }
            }

            return candidates;
        }

        /// <summary>Whether every candidate of the group has its own discriminator value, so the member alone picks the case.</summary>
        public bool DiscriminatorDecides(JsonTypes group, List<WrapperCase> candidates)
            => group == JsonTypes.Object && Discriminator is not null && candidates.TrueForAll(c => c.DiscriminatorValue is not null);

        /// <summary>Whether the group's case is chosen by running the branches' validators (the token and the discriminator do not decide).</summary>
        public bool NeedsValidators(JsonTypes group, List<WrapperCase> candidates) => candidates.Count > 1 && !DiscriminatorDecides(group, candidates);
    }

    /// <summary>One case of a wrapper union.</summary>
    /// <param name="Name">The case's C# name: the member of the nested <c>Case</c> enum and the stem of <c>Is</c>/<c>As</c>/<c>TryGet</c>/<c>From</c>.</param>
    /// <param name="Type">The C# type it holds (never nullable: JSON null belongs to the union's own nullability).</param>
    /// <param name="Tokens">The JSON token types its branch accepts (<see cref="JsonTypes.Integer"/> is folded into <see cref="JsonTypes.Number"/>).</param>
    /// <param name="DiscriminatorValue">Its value of the union's discriminator, when it has one.</param>
    /// <param name="BranchPointer">The branch schema's JSON pointer.</param>
    /// <param name="ValidatorStem">The stem of the validator that decides whether a value is this case (the class is the stem + <c>Validator</c>); empty when the converter never needs it.</param>
    /// <param name="RegistersValidator">The validator is the branch's own (no type or definition already has one), so the validator area must generate it.</param>
    internal sealed record WrapperCase(
        string Name,
        TypeReference Type,
        JsonTypes Tokens,
        string? DiscriminatorValue,
        string BranchPointer,
        string ValidatorStem,
        bool RegistersValidator);
}
