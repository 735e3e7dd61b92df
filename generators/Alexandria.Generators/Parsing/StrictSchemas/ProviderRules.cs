using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>What a provider does with a keyword it meets in an exported schema.</summary>
    internal enum KeywordTreatment
    {
        /// <summary>Sent as written: the provider enforces it.</summary>
        Keep,

        /// <summary>Written into the description: the provider does not enforce it, the generated validator still does.</summary>
        Describe,

        /// <summary>The prompt is not exported for the provider (ALX05xx), the runtime falls back to JSON mode.</summary>
        Fallback,
    }

    /// <summary>
    /// One provider's published structured-output rules, as data the converter consults. Sources are the keys
    /// of docs/providers.md ("Strict schema export"): [OA-SO] OpenAI structured outputs guide, [OA-NODE] openai-node
    /// strict transform, [A-SO] Anthropic structured outputs, [OL] Ollama structured outputs, [LCPP] llama.cpp
    /// JSON-Schema-to-GBNF converter.
    /// </summary>
    internal sealed class ProviderRules
    {
        private static readonly Regex SimplePatternToken = new Regex(@"\\[1-9bBkpP]|\(\?[=!<]|\{\d{3,}|\{\d*,\d{3,}\}", RegexOptions.CultureInvariant);

        public static readonly ProviderRules OpenAiStrict = new ProviderRules(
            StructuredOutputProvider.OpenAiStrict,
            "OpenAI strict",
            requireAllProperties: true,          // [OA-SO] "All fields must be required"; optional = nullable
            closedObjectsOnly: true,             // [OA-SO] additionalProperties:false on every object
            recursion: true,                     // [OA-SO] "Recursive schemas are supported"
            refSiblings: false,                  // [OA-NODE] a $ref may not carry sibling keywords
            rootMustBeObject: true,              // [OA-SO] root is an object, not anyOf
            typeRequired: true,                  // [OA-SO] every schema names its type
            formats: new[] { "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid" }, // [OA-SO], no uri
            stringLengths: KeywordTreatment.Keep, // undocumented but enforced (providers.md §1, pydantic-ai#7400)
            numericBounds: KeywordTreatment.Keep, // [OA-SO]
            integerBoundsOnly: false,
            maxItems: KeywordTreatment.Keep,     // [OA-SO]
            minItemsAboveOne: KeywordTreatment.Keep,
            uniqueItems: KeywordTreatment.Fallback, // [OA-NODE] rejected
            keepDefault: false,                  // [OA-NODE] strips default; kept as text
            primitiveEnumsOnly: false,
            pattern: _ => true);                 // [OA-SO]

        public static readonly ProviderRules Anthropic = new ProviderRules(
            StructuredOutputProvider.Anthropic,
            "Anthropic",
            requireAllProperties: false,         // [A-SO] optional properties allowed
            closedObjectsOnly: true,             // [A-SO] additionalProperties must be false
            recursion: false,                    // [A-SO] recursive schemas not supported
            refSiblings: true,
            rootMustBeObject: true,              // output_config.format / input_schema take an object
            typeRequired: true,
            formats: new[] { "date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid" }, // [A-SO]
            stringLengths: KeywordTreatment.Describe, // [A-SO] minLength/maxLength not supported
            numericBounds: KeywordTreatment.Describe, // [A-SO] minimum/maximum/multipleOf not supported
            integerBoundsOnly: false,
            maxItems: KeywordTreatment.Describe,      // [A-SO] only minItems 0/1
            minItemsAboveOne: KeywordTreatment.Describe,
            uniqueItems: KeywordTreatment.Fallback,   // [A-SO] unsupported array constraint
            keepDefault: true,                        // [A-SO] default allowed
            primitiveEnumsOnly: true,                 // [A-SO] enum of primitives/null only
            pattern: p => !SimplePatternToken.IsMatch(p)); // [A-SO] no backrefs, lookaround, \b, large {n,m}

        public static readonly ProviderRules Ollama = new ProviderRules(
            StructuredOutputProvider.Ollama,
            "Ollama",
            requireAllProperties: false,
            closedObjectsOnly: false,            // [LCPP] additionalProperties defaults to false; maps allowed
            recursion: true,
            refSiblings: true,
            rootMustBeObject: false,
            typeRequired: false,                 // [LCPP] an empty schema is any value
            formats: new[] { "date", "time", "date-time", "uuid" }, // [LCPP]
            stringLengths: KeywordTreatment.Keep,    // [LCPP]
            numericBounds: KeywordTreatment.Keep,    // [LCPP] integers only, see integerBoundsOnly
            integerBoundsOnly: true,
            maxItems: KeywordTreatment.Keep,         // [LCPP]
            minItemsAboveOne: KeywordTreatment.Keep,
            uniqueItems: KeywordTreatment.Describe,  // [LCPP] skipped silently; the validator still judges
            keepDefault: false,
            primitiveEnumsOnly: false,
            pattern: p => p.StartsWith("^", System.StringComparison.Ordinal) && p.EndsWith("$", System.StringComparison.Ordinal)); // [OL] ollama#8185

        public static readonly IReadOnlyList<ProviderRules> All = new[] { OpenAiStrict, Anthropic, Ollama };

        private readonly System.Func<string, bool> _pattern;

        private ProviderRules(
            StructuredOutputProvider provider,
            string name,
            bool requireAllProperties,
            bool closedObjectsOnly,
            bool recursion,
            bool refSiblings,
            bool rootMustBeObject,
            bool typeRequired,
            string[] formats,
            KeywordTreatment stringLengths,
            KeywordTreatment numericBounds,
            bool integerBoundsOnly,
            KeywordTreatment maxItems,
            KeywordTreatment minItemsAboveOne,
            KeywordTreatment uniqueItems,
            bool keepDefault,
            bool primitiveEnumsOnly,
            System.Func<string, bool> pattern)
        {
            Provider = provider;
            Name = name;
            RequireAllProperties = requireAllProperties;
            ClosedObjectsOnly = closedObjectsOnly;
            AllowsRecursion = recursion;
            AllowsRefSiblings = refSiblings;
            RootMustBeObject = rootMustBeObject;
            TypeRequired = typeRequired;
            Formats = new HashSet<string>(formats);
            StringLengths = stringLengths;
            NumericBounds = numericBounds;
            IntegerBoundsOnly = integerBoundsOnly;
            MaxItems = maxItems;
            MinItemsAboveOne = minItemsAboveOne;
            UniqueItems = uniqueItems;
            KeepsDefault = keepDefault;
            PrimitiveEnumsOnly = primitiveEnumsOnly;
            _pattern = pattern;
        }

        public StructuredOutputProvider Provider { get; }

        /// <summary>The provider as diagnostics and docs name it.</summary>
        public string Name { get; }

        public bool RequireAllProperties { get; }

        public bool ClosedObjectsOnly { get; }

        public bool AllowsRecursion { get; }

        public bool AllowsRefSiblings { get; }

        public bool RootMustBeObject { get; }

        public bool TypeRequired { get; }

        public ISet<string> Formats { get; }

        public KeywordTreatment StringLengths { get; }

        public KeywordTreatment NumericBounds { get; }

        public bool IntegerBoundsOnly { get; }

        public KeywordTreatment MaxItems { get; }

        public KeywordTreatment MinItemsAboveOne { get; }

        public KeywordTreatment UniqueItems { get; }

        public bool KeepsDefault { get; }

        public bool PrimitiveEnumsOnly { get; }

        public bool AcceptsPattern(string pattern) => _pattern(pattern);

        /// <summary>
        /// Keywords that change what a value means and that no provider's structured output can express: dropping
        /// them would let the provider produce values the contract's author ruled out in ways a description
        /// cannot carry, so the prompt falls back instead ([OA-SO], [OA-NODE], [A-SO], [LCPP] skips them silently).
        /// </summary>
        public static readonly ISet<string> Inexpressible = new HashSet<string>(new[]
        {
            "not", "if", "then", "else", "patternProperties", "propertyNames", "unevaluatedProperties", "unevaluatedItems",
            "dependentRequired", "dependentSchemas", "dependencies", "prefixItems", "contains", "minContains", "maxContains",
            "$dynamicRef", "$recursiveRef",
        }.AsEnumerable());
    }
}
