using System.Text.Json.Nodes;

namespace Alexandria.OpenApi.Bundling;

/// <summary>
/// A value of another file that the bundle moves into the root's <c>components</c>: a <c>$defs</c> entry of a
/// schema file (or a component of another OpenAPI file), a whole schema file, or any other value a reference
/// points at. References into it (<c>#/$defs/x/properties/y</c>) become references into the component.
/// </summary>
internal sealed class BundledComponent(DescriptionFile document, string pointer, string kind, string baseName)
{
    /// <summary>The file the value comes from.</summary>
    public DescriptionFile Document { get; } = document;

    /// <summary>Where the value is in <see cref="Document"/>.</summary>
    public string Pointer { get; } = pointer;

    /// <summary>The <c>components</c> member it goes into: <c>schemas</c>, or the kind of an OpenAPI component.</summary>
    public string Kind { get; } = kind;

    /// <summary>The name it would like: the definition key, or the file's name for a whole file.</summary>
    public string BaseName { get; } = baseName;

    /// <summary>The component name, unique within <see cref="Kind"/>; set by <see cref="ComponentNames"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The value as it goes into the bundle (references still as written in <see cref="Document"/>).</summary>
    public JsonNode? Content { get; set; }

    /// <summary><c>#/components/{kind}/{name}</c>, the reference that replaces one to <see cref="Pointer"/>.</summary>
    public string Reference => "#/components/" + Kind + "/" + JsonPointer.ToFragment(JsonPointer.Escape(Name));
}
