using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Alexandria.Generators.Analyzers
{
    /// <summary>
    /// Which cases of a contract union a <c>switch</c> handles. An arm counts only when it matches a whole
    /// case (a type, declaration or property-less recursive pattern, without a <c>when</c> guard); a default
    /// or discard counts as handling everything unless all it does is throw (the "unreachable" idiom,
    /// which is exactly where a new case would otherwise fail at run time).
    /// </summary>
    internal static class UnionSwitchCoverage
    {
        /// <summary>The union type and its unhandled cases, or null when the switch is not over a union.</summary>
        public static (INamedTypeSymbol Union, IReadOnlyList<INamedTypeSymbol> Missing)? Analyze(IOperation operation, ContractCatalog catalog)
        {
            var (value, arms) = operation switch
            {
                ISwitchExpressionOperation e => (e.Value, e.Arms.Select(a => (Pattern: (IPatternOperation?)a.Pattern, IsDefault: false, Guarded: a.Guard is not null, ThrowsOnly: ContractSymbols.Unwrap(a.Value) is IThrowOperation)).ToList()),
                ISwitchOperation s => (s.Value, s.Cases.SelectMany(c => c.Clauses.Select(clause => (Pattern: (clause as IPatternCaseClauseOperation)?.Pattern, IsDefault: clause is IDefaultCaseClauseOperation, Guarded: clause is IPatternCaseClauseOperation { Guard: not null }, ThrowsOnly: ThrowsOnly(c)))).ToList()),
                _ => (null!, null!),
            };

            if (value?.Type is not INamedTypeSymbol union || ContractSymbols.UnionOf(union, catalog) is null)
            {
                return null;
            }

            var cases = ContractSymbols.CasesOf(union);
            if (cases.Count == 0)
            {
                return null;
            }

            var handled = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var (pattern, isDefault, guarded, throwsOnly) in arms)
            {
                if (guarded || (pattern is null && !isDefault))
                {
                    continue;
                }

                if (pattern is null)
                {
                    // default: — handles everything, unless it only throws.
                    if (!throwsOnly)
                    {
                        return (union, new List<INamedTypeSymbol>());
                    }

                    continue;
                }

                foreach (var covered in Covered(pattern, union, cases))
                {
                    if (covered is null)
                    {
                        if (!throwsOnly)
                        {
                            return (union, new List<INamedTypeSymbol>());
                        }

                        continue;
                    }

                    handled.Add(covered);
                }
            }

            return (union, cases.Where(c => !handled.Contains(c)).ToList());
        }

        private static bool ThrowsOnly(ISwitchCaseOperation section)
            => section.Body.Length == 1 && section.Body[0] is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };

        /// <summary>The cases a pattern handles in full; a null entry means "everything".</summary>
        private static IEnumerable<INamedTypeSymbol?> Covered(IPatternOperation pattern, INamedTypeSymbol union, IReadOnlyList<INamedTypeSymbol> cases)
        {
            switch (pattern)
            {
                case IDiscardPatternOperation:
                    return new INamedTypeSymbol?[] { null };
                case IDeclarationPatternOperation declaration:
                    return ByType(declaration.MatchesNull || declaration.MatchedType is null ? union : declaration.MatchedType, union, cases);
                case ITypePatternOperation type:
                    return ByType(type.MatchedType, union, cases);
                case IRecursivePatternOperation recursive when recursive.PropertySubpatterns.IsEmpty && recursive.DeconstructionSubpatterns.IsEmpty:
                    return ByType(recursive.MatchedType ?? union, union, cases);
                case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or:
                    return Covered(or.LeftPattern, union, cases).Concat(Covered(or.RightPattern, union, cases));
                case INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var v } } when v.ConstantValue is { HasValue: true, Value: null }:
                    return new INamedTypeSymbol?[] { null };
                default:
                    return Enumerable.Empty<INamedTypeSymbol?>();
            }
        }

        private static IEnumerable<INamedTypeSymbol?> ByType(ITypeSymbol matched, INamedTypeSymbol union, IReadOnlyList<INamedTypeSymbol> cases)
        {
            if (SymbolEqualityComparer.Default.Equals(matched, union) || matched.SpecialType == SpecialType.System_Object)
            {
                return new INamedTypeSymbol?[] { null };
            }

            return cases.Where(c => ContractSymbols.SelfAndBases(c).Any(t => SymbolEqualityComparer.Default.Equals(t, matched)));
        }
    }
}
