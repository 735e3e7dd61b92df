namespace Alexandria.Generators.Emitting.Validation.Streaming
{
    /// <summary>C# UTF-8 string literals (<c>"kind"u8</c>) for member names and string constants compared on bytes.</summary>
    internal static class Utf8Literals
    {
        public static string For(string value) => CSharpNaming.IsPlainInLiteral(value) ? "\"" + value + "\"u8" : CSharpNaming.Literal(value) + "u8";

        /// <summary>A <c>u8</c> literal cannot hold an unpaired surrogate; such names keep the document path.</summary>
        public static bool IsWellFormed(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(value[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
