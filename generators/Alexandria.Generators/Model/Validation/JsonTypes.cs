using System;

namespace Alexandria.Generators.Model.Validation
{
    /// <summary>The JSON Schema <c>type</c> keyword as flags; <see cref="None"/> means the keyword is absent.</summary>
    [Flags]
    internal enum JsonTypes
    {
        None = 0,
        Null = 1,
        Boolean = 2,
        Object = 4,
        Array = 8,
        Number = 16,
        String = 32,
        Integer = 64,
    }
}
