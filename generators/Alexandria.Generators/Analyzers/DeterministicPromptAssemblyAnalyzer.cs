using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Alexandria.Generators.Analyzers
{
    /// <summary>
    /// ALX1003: inside code marked <c>[DeterministicPromptAssembly]</c> (or any attribute named
    /// <c>DeterministicAttribute</c>) on a method, type or accessor: reads of the clock, random numbers,
    /// new GUIDs, the environment, stopwatches, per-process string hashes, completion order
    /// (<c>Task.WhenAny</c>/<c>WhenEach</c>, <c>ContinueWith</c>, <c>Parallel</c>, enumerating a concurrent queue, stack or
    /// blocking collection; not <c>Task.WhenAll</c>, whose results come in argument order), and enumeration of hash-ordered collections (<c>foreach</c>, LINQ, or any call
    /// that takes them as a sequence and is not order-insensitive). Each makes the same inputs give
    /// different prompt bytes and defeats the provider's prompt cache (DOMAIN §6).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DeterministicPromptAssemblyAnalyzer : DiagnosticAnalyzer
    {
        public const string AttributeName = "DeterministicPromptAssemblyAttribute";
        private const string ShortAttributeName = "DeterministicAttribute";

        private static readonly Dictionary<string, string> VolatileMembers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["System.DateTime.Now"] = "reads the clock",
            ["System.DateTime.UtcNow"] = "reads the clock",
            ["System.DateTime.Today"] = "reads the clock",
            ["System.DateTimeOffset.Now"] = "reads the clock",
            ["System.DateTimeOffset.UtcNow"] = "reads the clock",
            ["System.TimeProvider.GetUtcNow"] = "reads the clock",
            ["System.TimeProvider.GetLocalNow"] = "reads the clock",
            ["System.TimeProvider.GetTimestamp"] = "reads the clock",
            ["System.Guid.NewGuid"] = "creates a random GUID",
            ["System.Guid.CreateVersion7"] = "creates a time-based GUID",
            ["System.Environment.GetEnvironmentVariable"] = "reads the environment",
            ["System.Environment.GetEnvironmentVariables"] = "reads the environment",
            ["System.Environment.MachineName"] = "reads the environment",
            ["System.Environment.UserName"] = "reads the environment",
            ["System.Environment.UserDomainName"] = "reads the environment",
            ["System.Environment.TickCount"] = "reads the clock",
            ["System.Environment.TickCount64"] = "reads the clock",
            ["System.Environment.ProcessId"] = "reads the environment",
            ["System.Environment.CurrentManagedThreadId"] = "reads the environment",
            ["System.IO.Path.GetRandomFileName"] = "creates a random name",
            ["System.IO.Path.GetTempFileName"] = "creates a random name",
            ["System.Threading.Tasks.Task.WhenAny"] = "depends on completion order",
            ["System.Threading.Tasks.Task.WhenEach"] = "yields tasks in completion order",
            ["System.Threading.Tasks.Task.ContinueWith"] = "runs when the task completes, so what it appends lands in completion order",
            ["System.Threading.Tasks.Task<TResult>.ContinueWith"] = "runs when the task completes, so what it appends lands in completion order",
        };

        /// <summary>Types every member of which is volatile.</summary>
        private static readonly Dictionary<string, string> VolatileTypes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["System.Random"] = "uses random numbers",
            ["System.Security.Cryptography.RandomNumberGenerator"] = "uses random numbers",
            ["System.Diagnostics.Stopwatch"] = "reads the clock",
            ["System.Threading.Tasks.Parallel"] = "runs its body concurrently, so what it appends lands in completion order",
        };

        /// <summary>Collections whose enumeration order is a hash order, not an insertion or sort order.</summary>
        private static readonly HashSet<string> UnorderedTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "System.Collections.Generic.Dictionary<TKey, TValue>",
            "System.Collections.Generic.Dictionary<TKey, TValue>.KeyCollection",
            "System.Collections.Generic.Dictionary<TKey, TValue>.ValueCollection",
            "System.Collections.Generic.HashSet<T>",
            "System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>",
            "System.Collections.Concurrent.ConcurrentBag<T>",
            "System.Collections.Hashtable",
            "System.Collections.Immutable.ImmutableDictionary<TKey, TValue>",
            "System.Collections.Immutable.ImmutableHashSet<T>",
            "System.Collections.Frozen.FrozenDictionary<TKey, TValue>",
            "System.Collections.Frozen.FrozenSet<T>",
        };

        /// <summary>
        /// Collections that keep the order producers added items in: when parallel tasks fill them, that is completion
        /// order. (Task.WhenAll is not among the breakers: its results come in argument order.)
        /// </summary>
        private static readonly HashSet<string> ArrivalOrderedTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "System.Collections.Concurrent.ConcurrentQueue<T>",
            "System.Collections.Concurrent.ConcurrentStack<T>",
            "System.Collections.Concurrent.BlockingCollection<T>",
        };

        /// <summary>LINQ calls that keep the items and pass the order on, harmless when an ordering call follows.</summary>
        private static readonly HashSet<string> Streaming = new HashSet<string>(StringComparer.Ordinal)
        {
            "Where", "Select", "SelectMany", "Cast", "OfType", "Distinct", "AsEnumerable",
        };

        /// <summary>Calls whose result does not depend on the order they see the items in.</summary>
        private static readonly HashSet<string> OrderInsensitive = new HashSet<string>(StringComparer.Ordinal)
        {
            "OrderBy", "OrderByDescending", "Order", "OrderDescending", "Count", "LongCount", "Any", "All", "Contains",
            "Min", "Max", "Sum", "ToDictionary", "ToHashSet", "ToFrozenDictionary", "ToFrozenSet", "ToImmutableDictionary",
            "ToImmutableHashSet", "ToImmutableSortedDictionary", "ToImmutableSortedSet", "SetEquals", "IsSubsetOf",
            "IsSupersetOf", "Overlaps", "UnionWith", "IntersectWith", "ExceptWith", "ContainsKey", "TryGetValue",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.NonDeterministicPromptAssembly);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(AnalyzeMemberUse, OperationKind.PropertyReference, OperationKind.Invocation, OperationKind.ObjectCreation);
            context.RegisterOperationAction(AnalyzeForEach, OperationKind.Loop);
        }

        private static void AnalyzeMemberUse(OperationAnalysisContext context)
        {
            if (MarkedScope(context.ContainingSymbol) is not { } scope)
            {
                return;
            }

            ISymbol? member = context.Operation switch
            {
                IPropertyReferenceOperation p => p.Property,
                IInvocationOperation i => i.TargetMethod,
                IObjectCreationOperation c => c.Constructor,
                _ => null,
            };
            if (member?.ContainingType is not { } type)
            {
                return;
            }

            var typeName = type.OriginalDefinition.ToDisplayString();
            var display = type.Name + (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? " constructor" : "." + member.Name);
            if (VolatileMembers.TryGetValue(typeName + "." + member.Name, out var why) || VolatileTypes.TryGetValue(typeName, out why))
            {
                Report(context, context.Operation.Syntax.GetLocation(), display, why, scope);
                return;
            }

            if (context.Operation is IInvocationOperation invocation)
            {
                if (member.Name == "GetHashCode" && (invocation.Instance?.Type?.SpecialType == SpecialType.System_String || type.SpecialType == SpecialType.System_String))
                {
                    Report(context, invocation.Syntax.GetLocation(), "string.GetHashCode", "is randomized per process", scope);
                    return;
                }

                CheckSequenceArguments(context, invocation.TargetMethod, invocation.Arguments, scope);
            }
            else if (context.Operation is IObjectCreationOperation creation && creation.Constructor is { } constructor)
            {
                CheckSequenceArguments(context, constructor, creation.Arguments, scope);
            }
        }

        private static void CheckSequenceArguments(OperationAnalysisContext context, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, (ISymbol Symbol, string Attribute) scope)
        {
            if (OrderInsensitive.Contains(method.Name) || IsUnordered(method.ContainingType) || method.ContainingType.Name.StartsWith("Sorted", StringComparison.Ordinal)
                || (Streaming.Contains(method.Name) && OrderedDownstream(context.Operation)))
            {
                return;
            }

            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Type is { } parameterType && IsSequence(parameterType)
                    && ContractSymbols.Unwrap(argument.Value).Type is { } argumentType && EnumerationOrder(argumentType) is { } order)
                {
                    Report(context, argument.Value.Syntax.GetLocation(), Describe(method), "enumerates a " + argumentType.Name + " in " + order, scope);
                }
            }
        }

        /// <summary>True when a streaming call's result only flows, through more streaming calls, into an order-insensitive one.</summary>
        private static bool OrderedDownstream(IOperation operation)
        {
            for (var current = operation; ;)
            {
                var parent = current.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                if (parent is not IArgumentOperation { Parent: IInvocationOperation consumer })
                {
                    return false;
                }

                if (OrderInsensitive.Contains(consumer.TargetMethod.Name))
                {
                    return true;
                }

                if (!Streaming.Contains(consumer.TargetMethod.Name))
                {
                    return false;
                }

                current = consumer;
            }
        }

        private static void AnalyzeForEach(OperationAnalysisContext context)
        {
            if (context.Operation is not IForEachLoopOperation loop || MarkedScope(context.ContainingSymbol) is not { } scope)
            {
                return;
            }

            if (ContractSymbols.Unwrap(loop.Collection).Type is { } type && EnumerationOrder(type) is { } order)
            {
                Report(context, loop.Collection.Syntax.GetLocation(), "foreach", "enumerates a " + type.Name + " in " + order, scope);
            }
        }

        private static void Report(OperationAnalysisContext context, Location location, string what, string why, (ISymbol Symbol, string Attribute) scope)
            => context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NonDeterministicPromptAssembly, location, what, why, scope.Symbol.Name, scope.Attribute));

        private static string Describe(IMethodSymbol method)
            => method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;

        private static bool IsUnordered(ITypeSymbol type)
            => type is INamedTypeSymbol named && UnorderedTypes.Contains(named.OriginalDefinition.ToDisplayString());

        /// <summary>Why enumerating <paramref name="type"/> is not a stable order, or null when it is.</summary>
        private static string? EnumerationOrder(ITypeSymbol type)
            => IsUnordered(type) ? "hash order"
                : type is INamedTypeSymbol named && ArrivalOrderedTypes.Contains(named.OriginalDefinition.ToDisplayString()) ? "the order producers added to it (completion order when parallel tasks fill it)"
                : null;

        private static bool IsSequence(ITypeSymbol type)
            => type.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_IEnumerable;

        /// <summary>
        /// The member the code is in (through lambdas and local functions; an accessor stands for its property)
        /// when it or an enclosing type is marked, with the marking attribute's short name.
        /// </summary>
        private static (ISymbol Symbol, string Attribute)? MarkedScope(ISymbol? symbol)
        {
            ISymbol? member = null;
            for (var current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
            {
                var attributes = current.GetAttributes();
                if (current is IMethodSymbol { AssociatedSymbol: { } property })
                {
                    attributes = attributes.AddRange(property.GetAttributes());
                }

                if (member is null && current is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                {
                    member = current is IMethodSymbol { AssociatedSymbol: { } owner } ? owner : current;
                }

                var marker = attributes.FirstOrDefault(a => a.AttributeClass?.Name is AttributeName or ShortAttributeName);
                if (marker is not null)
                {
                    var name = marker.AttributeClass!.Name;
                    return (member ?? current, name.Substring(0, name.Length - "Attribute".Length));
                }
            }

            return null;
        }
    }
}
