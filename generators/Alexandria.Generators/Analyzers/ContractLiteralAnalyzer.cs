using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Alexandria.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Alexandria.Generators.Analyzers
{
    /// <summary>
    /// ALX1005: a literal assigned to a member of a contract type (in an object initializer, a
    /// <c>with</c> expression or an assignment) that the contract's own bounds reject: minimum/maximum
    /// (e.g. <c>TtlHours = 0</c> when the contract says at least 1, <c>Seq = 0</c> when seq starts at 1),
    /// minLength/maxLength, pattern, const. The generated validator would reject the document at run
    /// time; this says so at the line that builds it. Only types marked <c>[GeneratedCode("Alexandria")]</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ContractLiteralAnalyzer : DiagnosticAnalyzer
    {
        private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.LiteralViolatesContract);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var catalog = ContractCatalog.Load(start.Options, start.CancellationToken);
                if (catalog.Properties.Count > 0)
                {
                    start.RegisterOperationAction(c => Analyze(c, catalog), OperationKind.SimpleAssignment);
                }
            });
        }

        private static void Analyze(OperationAnalysisContext context, ContractCatalog catalog)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (ContractSymbols.ReferencedMember(assignment.Target) is not { } member || Constant(assignment.Value) is not { } value)
            {
                return;
            }

            foreach (var type in ContractSymbols.SelfAndBases(member.ContainingType))
            {
                if (!ContractSymbols.IsGeneratedByAlexandria(type) || !catalog.Properties.TryGetValue(type.Name, out var properties))
                {
                    continue;
                }

                if (!properties.TryGetValue(member.Name, out var constraint))
                {
                    continue;
                }

                var violation = Violation(value, constraint);

                // An over-long evidence id is inlined evidence text: ALX1004 says that better.
                var inlinedEvidence = constraint.JsonName is "evidence_id" or "chunk_id" && violation?.StartsWith("maxLength", StringComparison.Ordinal) == true;
                if (violation is not null && !inlinedEvidence)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LiteralViolatesContract,
                        assignment.Value.Syntax.GetLocation(),
                        member.Name,
                        assignment.Value.Syntax.ToString(),
                        violation,
                        constraint.JsonName));
                }

                return;
            }
        }

        /// <summary>The value of a literal, or a negated literal (<c>-1</c>), under implicit conversions (also to a nullable).</summary>
        private static object? Constant(IOperation value)
        {
            var unwrapped = ContractSymbols.Unwrap(value);
            var literal = unwrapped is IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } negation ? ContractSymbols.Unwrap(negation.Operand) : unwrapped;
            return literal is ILiteralOperation && unwrapped.ConstantValue is { HasValue: true, Value: not null } constant ? constant.Value : null;
        }

        internal static string? Violation(object? value, PropertyConstraint constraint)
        {
            if (value is string text)
            {
                if (constraint.Const is not null && text != constraint.Const)
                {
                    return "it must be \"" + constraint.Const + "\"";
                }

                // JSON Schema counts code points, not UTF-16 units.
                var length = CodePoints(text);
                if (constraint.MinLength is int min && length < min)
                {
                    return "minLength is " + min;
                }

                if (constraint.MaxLength is int max && length > max)
                {
                    return "maxLength is " + max;
                }

                if (constraint.Pattern is not null)
                {
                    try
                    {
                        if (!Regex.IsMatch(text, constraint.Pattern, RegexOptions.CultureInvariant, RegexTimeout))
                        {
                            return "it must match the pattern " + constraint.Pattern;
                        }
                    }
                    catch (ArgumentException)
                    {
                        // An invalid pattern is reported on the contract (ALX0105).
                    }
                    catch (RegexMatchTimeoutException)
                    {
                    }
                }

                return null;
            }

            decimal number;
            try
            {
                number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
            {
                return null;
            }

            if (constraint.Minimum is decimal minimum && number < minimum)
            {
                return "minimum is " + minimum.ToString(CultureInfo.InvariantCulture);
            }

            if (constraint.Maximum is decimal maximum && number > maximum)
            {
                return "maximum is " + maximum.ToString(CultureInfo.InvariantCulture);
            }

            if (constraint.ExclusiveMinimum is decimal exclusiveMinimum && number <= exclusiveMinimum)
            {
                return "it must be greater than " + exclusiveMinimum.ToString(CultureInfo.InvariantCulture);
            }

            if (constraint.ExclusiveMaximum is decimal exclusiveMaximum && number >= exclusiveMaximum)
            {
                return "it must be less than " + exclusiveMaximum.ToString(CultureInfo.InvariantCulture);
            }

            return null;
        }

        private static int CodePoints(string text)
        {
            var count = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    count++;
                }
                else
                {
                    count++;
                    i++;
                }
            }

            return count;
        }
    }
}
