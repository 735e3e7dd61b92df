using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Alexandria.CodeFixes
{
    /// <summary>
    /// ALX1002: adds a case for every unhandled case of the union, before any default or discard, each
    /// throwing <see cref="System.NotImplementedException"/> so the new case is visible and must be written.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnionSwitchCodeFixProvider)), Shared]
    public sealed class UnionSwitchCodeFixProvider : CodeFixProvider
    {
        public const string DiagnosticId = "ALX1002";
        public const string MissingCasesProperty = "MissingCases";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticId);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(MissingCasesProperty, out var missing) || string.IsNullOrEmpty(missing))
                {
                    continue;
                }

                var types = missing!.Split(';');
                var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
                var title = types.Length == 1 ? "Add the missing case" : "Add the " + types.Length + " missing cases";
                if (node?.FirstAncestorOrSelf<SwitchExpressionSyntax>() is { } expression && expression.SwitchKeyword.Span.Start == diagnostic.Location.SourceSpan.Start)
                {
                    context.RegisterCodeFix(CodeAction.Create(title, ct => AddArms(context.Document, root, expression, types, ct), DiagnosticId), diagnostic);
                }
                else if (node?.FirstAncestorOrSelf<SwitchStatementSyntax>() is { } statement)
                {
                    context.RegisterCodeFix(CodeAction.Create(title, ct => AddSections(context.Document, root, statement, types, ct), DiagnosticId), diagnostic);
                }
            }
        }

        private static Task<Document> AddArms(Document document, SyntaxNode root, SwitchExpressionSyntax expression, string[] types, CancellationToken cancellationToken)
        {
            var arms = expression.Arms.ToList();
            var insertAt = arms.FindIndex(a => a.Pattern is DiscardPatternSyntax);
            if (insertAt < 0)
            {
                insertAt = arms.Count;
            }

            arms.InsertRange(insertAt, types.Select(type => SyntaxFactory.SwitchExpressionArm(
                SyntaxFactory.DeclarationPattern(TypeSyntax(type), SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(VariableName(type)))),
                NotImplemented())));

            // Keep the file's own line ends.
            var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.ElasticLineFeed;
            var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(newLine), arms.Count);
            var updated = expression.WithArms(SyntaxFactory.SeparatedList(arms, separators))
                .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
            return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(expression, updated)));
        }

        private static Task<Document> AddSections(Document document, SyntaxNode root, SwitchStatementSyntax statement, string[] types, CancellationToken cancellationToken)
        {
            var sections = statement.Sections.ToList();
            var insertAt = sections.FindIndex(s => s.Labels.Any(l => l is DefaultSwitchLabelSyntax || (l is CasePatternSwitchLabelSyntax { Pattern: DiscardPatternSyntax })));
            if (insertAt < 0)
            {
                insertAt = sections.Count;
            }

            sections.InsertRange(insertAt, types.Select(type => SyntaxFactory.SwitchSection(
                SyntaxFactory.SingletonList<SwitchLabelSyntax>(SyntaxFactory.CasePatternSwitchLabel(
                    SyntaxFactory.DeclarationPattern(TypeSyntax(type), SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(VariableName(type)))),
                    SyntaxFactory.Token(SyntaxKind.ColonToken))),
                SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ThrowStatement(NotImplemented().Expression)))));

            var updated = statement.WithSections(SyntaxFactory.List(sections)).WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
            return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(statement, updated)));
        }

        private static TypeSyntax TypeSyntax(string fullyQualified)
            => SyntaxFactory.ParseTypeName(fullyQualified).WithAdditionalAnnotations(Simplifier.Annotation);

        private static ThrowExpressionSyntax NotImplemented()
            => SyntaxFactory.ThrowExpression(SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.ParseTypeName("global::System.NotImplementedException").WithAdditionalAnnotations(Simplifier.Annotation))
                .WithArgumentList(SyntaxFactory.ArgumentList()));

        /// <summary><c>global::Ns.PlanEvent</c> → <c>planEvent</c>.</summary>
        private static string VariableName(string fullyQualified)
        {
            var name = fullyQualified.Substring(fullyQualified.LastIndexOf('.') + 1);
            var camel = char.ToLowerInvariant(name[0]) + name.Substring(1);
            return SyntaxFacts.GetKeywordKind(camel) == SyntaxKind.None ? camel : "@" + camel;
        }
    }
}
