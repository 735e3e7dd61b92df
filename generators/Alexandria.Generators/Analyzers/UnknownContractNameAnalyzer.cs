using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Emitting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Alexandria.Generators.Analyzers
{
    /// <summary>
    /// ALX1001: a string literal used as an event kind, packet type, prompt id or operation id that the
    /// contracts do not define. Only where the literal meets such a name: compared with, assigned to or
    /// matched against a member named after a union's discriminator (on that union or its cases) or
    /// <c>EventKind</c>/<c>PacketType</c>/<c>OperationId</c>/<c>PromptId</c>, or passed to a parameter so named.
    /// The fix (code-fix assembly) replaces it with the nearest defined name.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnknownContractNameAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property holding the nearest defined name, for the code fix.</summary>
        public const string SuggestionProperty = "Suggestion";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnknownContractName);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var catalog = ContractCatalog.Load(start.Options, start.CancellationToken);
                if (catalog.IsEmpty)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeBinary(c, catalog), OperationKind.Binary);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, catalog), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeArgument(c, catalog), OperationKind.Argument);
                start.RegisterOperationAction(c => AnalyzeConstantPattern(c, catalog), OperationKind.ConstantPattern);
                start.RegisterOperationAction(c => AnalyzeCaseClause(c, catalog), OperationKind.CaseClause);
                start.RegisterOperationAction(c => AnalyzeEqualsCall(c, catalog), OperationKind.Invocation);
            });
        }

        private static void AnalyzeBinary(OperationAnalysisContext context, ContractCatalog catalog)
        {
            var binary = (IBinaryOperation)context.Operation;
            if (binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
            {
                Check(context, catalog, binary.LeftOperand, binary.RightOperand);
                Check(context, catalog, binary.RightOperand, binary.LeftOperand);
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, ContractCatalog catalog)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            Check(context, catalog, assignment.Target, assignment.Value);
        }

        private static void AnalyzeArgument(OperationAnalysisContext context, ContractCatalog catalog)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.Parameter is { } parameter && NamesForParameter(parameter, catalog) is { } names)
            {
                Report(context, ContractSymbols.Unwrap(argument.Value), names);
            }
        }

        private static void AnalyzeConstantPattern(OperationAnalysisContext context, ContractCatalog catalog)
        {
            var pattern = (IConstantPatternOperation)context.Operation;
            var input = pattern.Parent switch
            {
                IPropertySubpatternOperation sub => sub.Member,
                IIsPatternOperation isPattern => isPattern.Value,
                ISwitchExpressionArmOperation arm => (arm.Parent as ISwitchExpressionOperation)?.Value,
                IPatternCaseClauseOperation clause => (clause.Parent?.Parent as ISwitchOperation)?.Value,
                _ => null,
            };
            if (input is not null)
            {
                Check(context, catalog, input, pattern.Value);
            }
        }

        private static void AnalyzeCaseClause(OperationAnalysisContext context, ContractCatalog catalog)
        {
            if (context.Operation is ISingleValueCaseClauseOperation clause && clause.Parent?.Parent is ISwitchOperation switchOperation)
            {
                Check(context, catalog, switchOperation.Value, clause.Value);
            }
        }

        private static void AnalyzeEqualsCall(OperationAnalysisContext context, ContractCatalog catalog)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "Equals" || invocation.TargetMethod.ContainingType?.SpecialType != SpecialType.System_String)
            {
                return;
            }

            var operands = new List<IOperation>();
            if (invocation.Instance is { } instance)
            {
                operands.Add(instance);
            }

            operands.AddRange(invocation.Arguments.Where(a => a.Value.Type?.SpecialType == SpecialType.System_String).Select(a => a.Value));
            if (operands.Count == 2)
            {
                Check(context, catalog, operands[0], operands[1]);
                Check(context, catalog, operands[1], operands[0]);
            }
        }

        private static void Check(OperationAnalysisContext context, ContractCatalog catalog, IOperation nameSide, IOperation literalSide)
        {
            if (ContractSymbols.ReferencedMember(nameSide) is { } member && NamesForMember(member, catalog) is { } names)
            {
                Report(context, ContractSymbols.Unwrap(literalSide), names);
            }
        }

        private static void Report(OperationAnalysisContext context, IOperation value, (IReadOnlyList<string> Values, string What) names)
        {
            if (value is not ILiteralOperation { ConstantValue: { HasValue: true, Value: string literal } } || names.Values.Contains(literal))
            {
                return;
            }

            var nearest = ContractCatalog.Nearest(literal, names.Values);
            var properties = ImmutableDictionary<string, string?>.Empty;
            string hint;
            if (nearest is not null && Text.EditDistance.Levenshtein(literal.ToLowerInvariant(), nearest.ToLowerInvariant()) <= Math.Max(2, literal.Length / 2))
            {
                properties = properties.Add(SuggestionProperty, nearest);
                hint = "did you mean '" + nearest + "'?";
            }
            else
            {
                hint = "the contracts define " + string.Join(", ", names.Values.Take(12).Select(v => "'" + v + "'")) + (names.Values.Count > 12 ? ", …" : "");
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownContractName, value.Syntax.GetLocation(), properties, literal, names.What, hint));
        }

        /// <summary>The contract names a member holds, if it is one of the names this rule knows.</summary>
        private static (IReadOnlyList<string> Values, string What)? NamesForMember(ISymbol member, ContractCatalog catalog)
        {
            var containing = member.ContainingType;
            foreach (var union in catalog.Unions)
            {
                if (CSharpNaming.ToPascalCase(union.Discriminator) == member.Name
                    && ContractSymbols.SelfAndBases(containing).Any(t => t.Name == union.TypeName || union.Cases.Any(c => c.TypeName == t.Name)))
                {
                    return (union.Cases.Select(c => c.Value).ToList(), union.Discriminator + " of " + union.TypeName);
                }
            }

            return NamesByWellKnownName(member.Name, catalog);
        }

        private static (IReadOnlyList<string> Values, string What)? NamesForParameter(IParameterSymbol parameter, ContractCatalog catalog)
        {
            var method = parameter.ContainingSymbol as IMethodSymbol;
            var containing = method?.ContainingType;
            foreach (var union in catalog.Unions)
            {
                if (CSharpNaming.ToCamelCase(union.Discriminator).TrimStart('@') == parameter.Name && containing?.Name == union.TypeName)
                {
                    return (union.Cases.Select(c => c.Value).ToList(), union.Discriminator + " of " + union.TypeName);
                }
            }

            if (parameter.Name == "id" && containing?.Name == "PromptCatalog" && catalog.PromptIds.Count > 0)
            {
                return (catalog.PromptIds.ToList(), "prompt id");
            }

            return parameter.Name.Length > 0 ? NamesByWellKnownName(char.ToUpperInvariant(parameter.Name[0]) + parameter.Name.Substring(1), catalog) : null;
        }

        private static (IReadOnlyList<string> Values, string What)? NamesByWellKnownName(string pascalName, ContractCatalog catalog)
        {
            IReadOnlyList<string> values;
            string what;
            switch (pascalName)
            {
                case "EventKind":
                    values = catalog.DiscriminatorValues("kind");
                    what = "event kind";
                    break;
                case "PacketType":
                    values = catalog.DiscriminatorValues("packet_type");
                    what = "packet type";
                    break;
                case "OperationId":
                    values = catalog.OperationIds.ToList();
                    what = "operation id";
                    break;
                case "PromptId":
                    values = catalog.PromptIds.ToList();
                    what = "prompt id";
                    break;
                default:
                    return null;
            }

            return values.Count == 0 ? null : (values, what);
        }
    }
}
