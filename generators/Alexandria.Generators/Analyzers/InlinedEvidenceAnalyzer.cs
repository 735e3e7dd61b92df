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
    /// ALX1004: evidence text put where the contract wants a pointer. The targets are the identifier
    /// members of the contract's evidence pointers (every schema with an <c>evidence_id</c> property: its
    /// <c>EvidenceId</c> and <c>ChunkId</c>) and parameters named <c>evidenceId</c>/<c>chunkId</c>. The value
    /// is flagged only when it is plainly text: a literal longer than the contract's maxLength for the id
    /// (128 when it sets none), with a line break, or of four words or more; a variable, field, property or
    /// parameter whose name says text (text, content, excerpt, snippet, passage, quote, body); or a call that
    /// reads a whole file or stream (ReadAllText, ReadToEnd).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InlinedEvidenceAnalyzer : DiagnosticAnalyzer
    {
        private const int DefaultMaxLength = 128;
        private static readonly string[] IdProperties = { "evidence_id", "chunk_id" };
        private static readonly HashSet<string> TextWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "text", "content", "contents", "excerpt", "snippet", "passage", "quote", "body",
        };

        private static readonly HashSet<string> TextReaders = new HashSet<string>(StringComparer.Ordinal)
        {
            "ReadAllText", "ReadAllTextAsync", "ReadToEnd", "ReadToEndAsync",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InlinedEvidence);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var catalog = ContractCatalog.Load(start.Options, start.CancellationToken);
                var targets = Targets(catalog);
                if (targets.Count == 0)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, targets), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeArgument(c, targets), OperationKind.Argument);
            });
        }

        /// <summary>C# type name → id member name → the contract's maxLength for it.</summary>
        internal static Dictionary<string, Dictionary<string, int>> Targets(ContractCatalog catalog)
        {
            var targets = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
            foreach (var type in catalog.Properties)
            {
                if (!type.Value.Values.Any(p => p.JsonName == "evidence_id"))
                {
                    continue;
                }

                targets[type.Key] = type.Value
                    .Where(p => IdProperties.Contains(p.Value.JsonName))
                    .ToDictionary(p => p.Key, p => p.Value.MaxLength ?? DefaultMaxLength, StringComparer.Ordinal);
            }

            return targets;
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, Dictionary<string, Dictionary<string, int>> targets)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (ContractSymbols.ReferencedMember(assignment.Target) is not { } member)
            {
                return;
            }

            foreach (var type in ContractSymbols.SelfAndBases(member.ContainingType))
            {
                if (targets.TryGetValue(type.Name, out var members) && members.TryGetValue(member.Name, out var maxLength))
                {
                    Check(context, assignment.Value, member.Name, maxLength);
                    return;
                }
            }
        }

        private static void AnalyzeArgument(OperationAnalysisContext context, Dictionary<string, Dictionary<string, int>> targets)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.Parameter?.Name is "evidenceId" or "chunkId")
            {
                var pascal = char.ToUpperInvariant(argument.Parameter.Name[0]) + argument.Parameter.Name.Substring(1);
                var maxLength = targets.Values.Select(m => m.TryGetValue(pascal, out var length) ? length : (int?)null).FirstOrDefault(l => l is not null) ?? DefaultMaxLength;
                Check(context, argument.Value, argument.Parameter.Name, maxLength);
            }
        }

        private static void Check(OperationAnalysisContext context, IOperation value, string target, int maxLength)
        {
            var unwrapped = ContractSymbols.Unwrap(value);
            if (unwrapped is IAwaitOperation awaited)
            {
                unwrapped = ContractSymbols.Unwrap(awaited.Operation);
            }

            string? what = unwrapped switch
            {
                ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } } => LooksLikeText(text, maxLength)
                    ? "A string literal of " + text.Length + " characters" : null,
                ILocalReferenceOperation local => NamedLikeText(local.Local.Name),
                IParameterReferenceOperation parameter => NamedLikeText(parameter.Parameter.Name),
                IFieldReferenceOperation field => NamedLikeText(field.Field.Name),
                IPropertyReferenceOperation property => NamedLikeText(property.Property.Name),
                IInvocationOperation invocation when TextReaders.Contains(invocation.TargetMethod.Name) => "The result of " + invocation.TargetMethod.Name,
                _ => null,
            };

            if (what is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InlinedEvidence, value.Syntax.GetLocation(), what, target));
            }
        }

        private static bool LooksLikeText(string text, int maxLength)
            => text.Length > maxLength || text.IndexOf('\n') >= 0 || text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Length >= 4;

        private static string? NamedLikeText(string name)
            => ContractSymbols.Words(name).Any(TextWords.Contains) ? "'" + name + "'" : null;
    }
}
