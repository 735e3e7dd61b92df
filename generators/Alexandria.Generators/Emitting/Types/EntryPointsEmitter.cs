namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The typed entry points of a generated type, so user code never needs reflection-based <c>JsonSerializer</c>
    /// calls (no IL2026/IL3050 under trimming or Native AOT): <c>Parse</c> (validate with the type's generated
    /// validator, then read; a rejected document throws <c>ContractValidationException</c>), <c>TryParse</c> (the
    /// same, returning the <c>ValidationResult</c>), <c>ParseUnvalidated</c> (read only, for hot paths whose input is
    /// already trusted) and <c>ToUtf8Json</c>/<c>ToJson</c>. All go through the contract's cached
    /// <c>JsonTypeInfo</c> (<c>OutputSchemaJson.TypeInfo.RunEvent</c>). Records and unions get them as members
    /// (member names that would clash are renamed by <see cref="Parsing.Schema.MemberNames"/>); enums, which cannot
    /// have members, get them as static methods of their converter.
    /// </summary>
    internal static class EntryPointsEmitter
    {
        private const string Span = "global::System.ReadOnlySpan<byte>";
        private const string SpanCref = "global::System.ReadOnlySpan{byte}";
        private const string Serializer = "global::System.Text.Json.JsonSerializer";

        /// <param name="isUnionCase">A case record: its static entry points hide the union's (<c>new</c>), and it inherits the union's <c>ToJson</c>.</param>
        public static void WriteForObject(SourceWriter writer, TypeEmitContext context, string typeName, bool isUnionCase)
        {
            var type = context.Qualify(typeName);
            var hide = isUnionCase ? "new " : "";
            var parts = new Parts(context, typeName);

            writer.Line();
            WriteParse(writer, parts, "public static " + hide + type);
            writer.Line();
            writer.Line($"/// <summary>Parses JSON text held in a string; see <see cref=\"Parse({SpanCref})\"/>.</summary>");
            writer.Line($"public static {hide}{type} Parse(string json) => Parse({context.Support}.Utf8(json));");
            writer.Line();
            writer.Line($"/// <summary>Parses the rest of a UTF-8 JSON stream; see <see cref=\"Parse({SpanCref})\"/>.</summary>");
            writer.Line($"public static {hide}{type} Parse(global::System.IO.Stream utf8Json) => Parse({context.Support}.ReadAll(utf8Json));");
            writer.Line();
            WriteTryParse(writer, parts, "[global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + type + "? value", "null");
            writer.Line();
            writer.Line("/// <summary>Tries to parse JSON text held in a string, as the UTF-8 overload does.</summary>");
            writer.Line($"public static bool TryParse(string json, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {type}? value, out {parts.Result} result)");
            writer.Line($"    => TryParse({context.Support}.Utf8(json), out value, out result);");
            writer.Line();
            WriteParseUnvalidated(writer, parts, "public static " + hide + type);
            writer.Line();
            writer.Line($"/// <summary>Reads JSON text held in a string without validating it; see <see cref=\"ParseUnvalidated({SpanCref})\"/>.</summary>");
            writer.Line($"public static {hide}{type} ParseUnvalidated(string json) => ParseUnvalidated({context.Support}.Utf8(json));");
            if (!isUnionCase)
            {
                writer.Line();
                writer.Line("/// <summary>This value as UTF-8 JSON, written by the generated converter.</summary>");
                writer.Line($"public byte[] ToUtf8Json() => {Serializer}.SerializeToUtf8Bytes(this, {parts.TypeInfo});");
                writer.Line();
                writer.Line("/// <summary>This value as JSON text, written by the generated converter.</summary>");
                writer.Line($"public string ToJson() => {Serializer}.Serialize(this, {parts.TypeInfo});");
            }
        }

        /// <summary>The entry points of an enum, as static methods of its converter (an enum cannot declare methods).</summary>
        public static void WriteForEnum(SourceWriter writer, TypeEmitContext context, string typeName)
        {
            var type = context.Qualify(typeName);
            var parts = new Parts(context, typeName);

            writer.Line();
            WriteParse(writer, parts, "public static " + type);
            writer.Line();
            WriteTryParse(writer, parts, "out " + type + " value", "default");
            writer.Line();
            WriteParseUnvalidated(writer, parts, "public static " + type);
            writer.Line();
            writer.Line("/// <summary><paramref name=\"value\"/> as UTF-8 JSON (a JSON string with the contract's spelling).</summary>");
            writer.Line($"public static byte[] ToUtf8Json({type} value) => {Serializer}.SerializeToUtf8Bytes(value, {parts.TypeInfo});");
            writer.Line();
            writer.Line("/// <summary><paramref name=\"value\"/> as JSON text (a JSON string with the contract's spelling).</summary>");
            writer.Line($"public static string ToJson({type} value) => {Serializer}.Serialize(value, {parts.TypeInfo});");
        }

        private static void WriteParse(SourceWriter writer, Parts parts, string signature)
        {
            writer.Line("/// <summary>");
            writer.Line($"/// Validates UTF-8 JSON with <see cref=\"{parts.Validator}\"/> (one streaming pass when it is valid) and reads it:");
            writer.Line($"/// the way to turn a document into a <see cref=\"{parts.Type}\"/> that keeps the contract.");
            writer.Line("/// </summary>");
            writer.Line($"/// <exception cref=\"{parts.ValidationFailure}\">The document breaks the contract; its <c>Result</c> holds every error with its JSON pointer.</exception>");
            writer.Line($"/// <exception cref=\"{parts.ReadFailure}\">The document keeps the contract but holds a value the type cannot (an integer beyond 64 bits, a leap second).</exception>");
            using (writer.OpenBlock($"{signature} Parse({Span} utf8)"))
            {
                using (writer.OpenBlock($"if (!{parts.Validator}.IsValid(utf8))"))
                {
                    writer.Line($"throw new {parts.ValidationFailure}({new CSharpLiteral(parts.Name)}, {parts.Validator}.Validate(utf8));");
                }

                writer.Line();
                writer.Line("return ParseUnvalidated(utf8);");
            }
        }

        private static void WriteTryParse(SourceWriter writer, Parts parts, string valueParameter, string noValue)
        {
            writer.Line($"/// <summary>Validates and reads UTF-8 JSON as <see cref=\"Parse({SpanCref})\"/> does, but returns false with every error in <paramref name=\"result\"/> instead of throwing.</summary>");
            using (writer.OpenBlock($"public static bool TryParse({Span} utf8, {valueParameter}, out {parts.Result} result)"))
            {
                using (writer.OpenBlock($"if ({parts.Validator}.IsValid(utf8))"))
                {
                    writer.Line($"return {parts.Context.Support}.TryRead(utf8, {parts.TypeInfo}, {new CSharpLiteral(parts.Name)}, out value, out result);");
                }

                writer.Line();
                writer.Line($"value = {noValue};");
                writer.Line($"result = {parts.Validator}.Validate(utf8);");
                writer.Line("return false;");
            }
        }

        private static void WriteParseUnvalidated(SourceWriter writer, Parts parts, string signature)
        {
            writer.Line("/// <summary>");
            writer.Line("/// Reads UTF-8 JSON without running the validator: the opt-out for hot paths whose input is already trusted. The");
            writer.Line("/// converter still refuses what the type cannot hold (a missing required member, a wrong token, an unknown case),");
            writer.Line("/// but nothing else the contract says (patterns, bounds, unknown members) is checked.");
            writer.Line("/// </summary>");
            writer.Line($"/// <exception cref=\"{parts.ReadFailure}\">The JSON cannot be a <see cref=\"{parts.Type}\"/>; the message names the JSON pointer.</exception>");
            writer.Line($"{signature} ParseUnvalidated({Span} utf8) => {parts.Context.Support}.Read(utf8, {parts.TypeInfo}, {new CSharpLiteral(parts.Name)});");
        }

        /// <summary>The names one type's entry points refer to.</summary>
        private sealed class Parts
        {
            public Parts(TypeEmitContext context, string name)
            {
                Context = context;
                Name = name;
                Type = context.Qualify(name);
                Validator = context.Qualify(SchemaNaming.ValidatorName(name));
                TypeInfo = context.TypeInfoOf(name);
                Result = "global::" + SchemaNaming.ValidationNamespace(context.Namespace) + ".ValidationResult";
                ValidationFailure = TypeSupportEmitter.ContractValidationException(context.Namespace);
                ReadFailure = TypeSupportEmitter.ContractJsonException(context.Namespace);
            }

            public TypeEmitContext Context { get; }

            public string Name { get; }

            public string Type { get; }

            public string Validator { get; }

            public string TypeInfo { get; }

            public string Result { get; }

            public string ValidationFailure { get; }

            public string ReadFailure { get; }
        }
    }
}
