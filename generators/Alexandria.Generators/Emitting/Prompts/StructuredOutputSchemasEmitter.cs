namespace Alexandria.Generators.Emitting.Prompts
{
    /// <summary>
    /// Emits <c>StructuredOutputSchemas</c> once per manifest: the per-provider schema texts a prompt exposes as
    /// <c>OutputSchemas</c>, the reasons a provider falls back, and the OpenAI nullable→absent reply mapping.
    /// </summary>
    internal static class StructuredOutputSchemasEmitter
    {
        private const string Json = "global::System.Text.Json";
        private const string Reasons = "global::System.Collections.Generic.IReadOnlyList<string>";

        public static string Emit(string fileName, string ns)
        {
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, fileName);
            using (w.OpenBlock("namespace " + ns))
            {
                w.Line("/// <summary>");
                w.Line("/// A prompt's output schema compiled at build time into each provider's structured-output schema. A null schema");
                w.Line("/// means the contract uses a keyword the provider cannot express (reported as ALX0501-ALX0503 at build time, listed");
                w.Line("/// in the fallback reasons): send that prompt in JSON mode and let the generated validator and repair judge the reply.");
                w.Line("/// The generated validator stays the judge in every mode.");
                w.Line("/// </summary>");
                w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                using (w.OpenBlock("public sealed class " + PromptSupportNames.StructuredOutputSchemas))
                {
                    w.Line("/// <summary>Walks a reply, writing it back with the members that only strict mode made present-and-null left out.</summary>");
                    w.Line("internal delegate void ReplyMapping(" + Json + ".JsonElement reply, " + Json + ".Utf8JsonWriter writer, ref int removed);");
                    w.Line();
                    w.Line("private readonly ReplyMapping? _openAiReplyMapping;");
                    w.Line();
                    using (w.OpenBlock("internal " + PromptSupportNames.StructuredOutputSchemas + "(string name, string? openAiStrict, string? anthropic, string? ollama, string[] openAiFallbackReasons, string[] anthropicFallbackReasons, string[] ollamaFallbackReasons, ReplyMapping? openAiReplyMapping)"))
                    {
                        w.Line("Name = name;");
                        w.Line("OpenAiStrict = openAiStrict;");
                        w.Line("Anthropic = anthropic;");
                        w.Line("Ollama = ollama;");
                        w.Line("OpenAiFallbackReasons = global::System.Array.AsReadOnly(openAiFallbackReasons);");
                        w.Line("AnthropicFallbackReasons = global::System.Array.AsReadOnly(anthropicFallbackReasons);");
                        w.Line("OllamaFallbackReasons = global::System.Array.AsReadOnly(ollamaFallbackReasons);");
                        w.Line("_openAiReplyMapping = openAiReplyMapping;");
                    }

                    w.Line();
                    w.Line("/// <summary>The provider-safe schema name (a-z A-Z 0-9 _ -, at most 64 characters), e.g. <c>plan_payload</c>.</summary>");
                    w.Line("public string Name { get; }");
                    w.Line();
                    w.Line("/// <summary>JSON text for <c>response_format.json_schema.schema</c> sent with <c>strict: true</c>; null when OpenAI strict mode cannot express the contract.</summary>");
                    w.Line("public string? OpenAiStrict { get; }");
                    w.Line();
                    w.Line("/// <summary>JSON text for Anthropic <c>output_config.format.schema</c> or a strict tool's <c>input_schema</c>; null when not expressible.</summary>");
                    w.Line("public string? Anthropic { get; }");
                    w.Line();
                    w.Line("/// <summary>JSON text for Ollama's <c>format</c>; null when not expressible.</summary>");
                    w.Line("public string? Ollama { get; }");
                    w.Line();
                    w.Line("/// <summary>Why <see cref=\"OpenAiStrict\"/> is null, one <c>keyword at file#/pointer: reason</c> line each; empty when it is exported.</summary>");
                    w.Line("public " + Reasons + " OpenAiFallbackReasons { get; }");
                    w.Line();
                    w.Line("/// <summary>Why <see cref=\"Anthropic\"/> is null; empty when it is exported.</summary>");
                    w.Line("public " + Reasons + " AnthropicFallbackReasons { get; }");
                    w.Line();
                    w.Line("/// <summary>Why <see cref=\"Ollama\"/> is null; empty when it is exported.</summary>");
                    w.Line("public " + Reasons + " OllamaFallbackReasons { get; }");
                    w.Line();
                    WriteReplyToContract(w);
                }
            }

            return w.ToString();
        }

        private static void WriteReplyToContract(SourceWriter w)
        {
            w.Line("/// <summary>");
            w.Line("/// Maps a reply produced under <see cref=\"OpenAiStrict\"/> back to the contract: strict mode makes every optional member");
            w.Line("/// present and nullable, so a member the contract leaves optional (and does not allow to be null) comes back as");
            w.Line("/// <c>null</c>; this removes exactly those members, through references, nested objects, arrays and discriminated unions.");
            w.Line("/// Everything else is kept. Returns the input bytes unchanged when nothing is removed, when the reply is not JSON, or");
            w.Line("/// when there is no strict schema. Never throws.");
            w.Line("/// </summary>");
            using (w.OpenBlock("public byte[] OpenAiReplyToContract(global::System.ReadOnlySpan<byte> utf8Reply)"))
            {
                w.Line("var input = utf8Reply.ToArray();");
                using (w.OpenBlock("if (_openAiReplyMapping is null)"))
                {
                    w.Line("return input;");
                }

                w.Line();
                using (w.OpenBlock("try"))
                {
                    w.Line("using var document = " + Json + ".JsonDocument.Parse(input, new " + Json + ".JsonDocumentOptions { MaxDepth = 256 });");
                    w.Line("using var output = new global::System.IO.MemoryStream(input.Length);");
                    w.Line("var removed = 0;");
                    w.Line("var options = new " + Json + ".JsonWriterOptions { Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 256 };");
                    using (w.OpenBlock("using (var writer = new " + Json + ".Utf8JsonWriter(output, options))"))
                    {
                        w.Line("_openAiReplyMapping(document.RootElement, writer, ref removed);");
                    }

                    w.Line();
                    w.Line("return removed == 0 ? input : output.ToArray();");
                }

                // Malformed input (not JSON, not UTF-8, too deep) goes back as it came: the validator reports it.
                w.Line("catch (" + Json + ".JsonException) { return input; }");
                w.Line("catch (global::System.InvalidOperationException) { return input; }");
                w.Line("catch (global::System.ArgumentException) { return input; }");
            }
        }
    }
}
