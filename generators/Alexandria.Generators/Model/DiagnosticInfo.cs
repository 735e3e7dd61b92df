using Alexandria.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Alexandria.Generators.Model
{
    /// <summary>
    /// A diagnostic as equatable data that travels through the pipeline; it becomes a
    /// <see cref="Diagnostic"/> only in the output step.
    /// </summary>
    internal sealed record DiagnosticInfo(string DescriptorId, SourceLocation? Location, EquatableArray<string> MessageArgs)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation? location, params string[] args)
            => new DiagnosticInfo(descriptor.Id, location, new EquatableArray<string>(args));

        public Diagnostic ToDiagnostic()
            => Diagnostic.Create(DiagnosticDescriptors.ById(DescriptorId), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs.ToArrayOfObjects());
    }

    internal static class StringArrayExtensions
    {
        public static object[] ToArrayOfObjects(this EquatableArray<string> args)
        {
            var result = new object[args.Count];
            for (var i = 0; i < args.Count; i++)
            {
                result[i] = args[i];
            }

            return result;
        }
    }
}
