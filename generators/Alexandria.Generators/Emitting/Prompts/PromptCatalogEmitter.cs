using Alexandria.Generators.Model.Prompts;

namespace Alexandria.Generators.Emitting.Prompts
{
    /// <summary>Emits the catalog of every prompt in the manifest, in manifest order.</summary>
    internal static class PromptCatalogEmitter
    {
        public static string Emit(PromptManifestModel model, string ns)
        {
            var descriptor = "global::" + ns + "." + PromptSupportNames.PromptDescriptor;
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, model.FileName);
            using (w.OpenBlock("namespace " + ns))
            {
                w.Line("/// <summary>Every prompt of " + XmlDoc.Escape(model.FileName) + ", with its version and content hash, in manifest order.</summary>");
                w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
                using (w.OpenBlock("public static partial class " + PromptSupportNames.Catalog))
                {
                    w.Line("/// <summary>The manifest's <c>manifest_version</c>.</summary>");
                    w.Line("public const string ManifestVersion = " + CSharpNaming.Literal(model.ManifestVersion) + ";");
                    w.Line();
                    w.Line("/// <summary>Every prompt, in manifest order.</summary>");
                    using (w.OpenBlock("public static global::System.Collections.Generic.IReadOnlyList<" + descriptor + "> All { get; } = new " + descriptor + "[]", "};"))
                    {
                        foreach (var prompt in model.Prompts)
                        {
                            w.Line("global::" + ns + "." + prompt.ClassName + ".Descriptor,");
                        }
                    }

                    w.Line();
                    w.Line("/// <summary>The prompt with manifest id <paramref name=\"id\"/>, or null when the manifest has none.</summary>");
                    w.Line("public static " + descriptor + "? Find(string id) => id switch");
                    w.Line("{");
                    w.Indentation++;
                    foreach (var prompt in model.Prompts)
                    {
                        w.Line(CSharpNaming.Literal(prompt.Id) + " => global::" + ns + "." + prompt.ClassName + ".Descriptor,");
                    }

                    w.Line("_ => null,");
                    w.Indentation--;
                    w.Line("};");
                }
            }

            return w.ToString();
        }
    }
}
