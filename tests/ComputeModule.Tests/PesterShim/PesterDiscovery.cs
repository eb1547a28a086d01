using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;

namespace ComputeModule.Tests.PesterShim
{
    /// <summary>An It found by parsing a .Tests.ps1 file, with what the static check found wrong with it.</summary>
    public sealed record PesterTestCase(
        string File,
        string Path,
        int Line,
        int Column,
        IReadOnlyList<string> Tags,
        IReadOnlyList<string> Problems);

    /// <summary>
    /// Finds the Its of a Pester file with the PowerShell parser (so each can be its own xunit case) and
    /// checks statically that the code each It depends on uses only the Pester subset the shim implements.
    /// The static check catches unsupported features on code paths that a run would not reach.
    /// </summary>
    public static class PesterDiscovery
    {
        private static readonly HashSet<string> BlockCommands = new(StringComparer.OrdinalIgnoreCase) { "Describe", "Context" };

        private static readonly HashSet<string> BlockParameters = new(StringComparer.OrdinalIgnoreCase) { "Name", "Fixture", "Tag", "Tags", "Skip" };

        private static readonly HashSet<string> ItParameters = new(StringComparer.OrdinalIgnoreCase) { "Name", "Test", "Tag", "Tags", "Skip" };

        /// <summary>Should parameters the shim implements.</summary>
        public static readonly IReadOnlyCollection<string> ShouldParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ActualValue", "ExpectedValue", "ExpectedType", "RegularExpression", "Not", "Because",
            "Be", "BeExactly", "BeNullOrEmpty", "BeTrue", "BeFalse", "Throw", "HaveCount",
            "BeGreaterThan", "BeLessThan", "BeGreaterOrEqual", "BeLessOrEqual",
            "Match", "MatchExactly", "Contain", "BeIn", "BeOfType", "BeLike", "BeLikeExactly",
            "ExpectedMessage", "ErrorId", "ExceptionType", "PassThru", "ErrorAction",
        };

        /// <summary>Pester commands outside the subset.</summary>
        public static readonly IReadOnlyCollection<string> UnsupportedCommands = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Mock", "InModuleScope", "BeforeDiscovery", "Assert-MockCalled", "Assert-VerifiableMock", "New-MockObject",
            "Set-ItResult", "Set-TestInconclusive", "Add-ShouldOperator", "Get-ShouldOperator", "Invoke-Pester",
            "New-PesterConfiguration", "New-PesterContainer", "Export-NUnitReport", "Export-JUnitReport",
        };

        private static readonly HashSet<string> UnsupportedVariables = new(StringComparer.OrdinalIgnoreCase) { "TestDrive", "TestRegistry" };

        /// <summary>Parses the file; throws if it does not parse.</summary>
        public static IReadOnlyList<PesterTestCase> Discover(string file)
        {
            var ast = Parser.ParseFile(file, out _, out var errors);
            if (errors.Length > 0)
            {
                throw new InvalidOperationException($"{file} does not parse: " + string.Join("; ", errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}")));
            }

            var structural = ast.FindAll(a => a is CommandAst c && IsStructural(c), true).Cast<CommandAst>().ToList();
            var allCommands = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().ToList();
            var variables = ast.FindAll(a => a is VariableExpressionAst, true).Cast<VariableExpressionAst>().ToList();
            var fileProblems = new List<string>();
            var cases = new List<PesterTestCase>();

            foreach (var it in structural.Where(c => Is(c, "It")))
            {
                var chain = StructuralAncestors(it).ToList();
                var allowed = new HashSet<Ast>(chain) { it };
                var names = chain.Select(NameOf).Append(NameOf(it)).ToList();
                var tags = chain.SelectMany(TagsOf).Concat(TagsOf(it)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

                var problems = new List<string>();
                foreach (var command in allCommands.Where(c => StructuralAncestors(c).All(allowed.Contains)))
                {
                    if (IsStructural(command) && !allowed.Contains(command)) continue;
                    problems.AddRange(CheckCommand(command));
                }

                foreach (var v in variables.Where(v => UnsupportedVariables.Contains(v.VariablePath.UserPath) && StructuralAncestors(v).All(allowed.Contains)))
                {
                    problems.Add($"unsupported Pester feature: ${v.VariablePath.UserPath} (line {v.Extent.StartLineNumber})");
                }

                if (chain.Count == 0) problems.Add($"unsupported Pester feature: It outside Describe (line {it.Extent.StartLineNumber})");
                if (chain.Concat(new[] { it }).Any(c => InsideLoopOrFunction(c)))
                {
                    problems.Add($"unsupported Pester feature: It or block generated in a loop or function (line {it.Extent.StartLineNumber}); give each It its own line");
                }

                cases.Add(new PesterTestCase(file, string.Join(" > ", names), it.Extent.StartLineNumber, it.Extent.StartColumnNumber, tags, problems.Distinct().ToList()));
            }

            return cases;
        }

        private static IEnumerable<string> CheckCommand(CommandAst command)
        {
            var name = command.GetCommandName() ?? "";
            var line = command.Extent.StartLineNumber;
            if (UnsupportedCommands.Contains(name))
            {
                yield return $"unsupported Pester feature: {name} (line {line})";
                yield break;
            }

            if (name.StartsWith("Should-", StringComparison.OrdinalIgnoreCase))
            {
                yield return $"unsupported Pester feature: {name} (Pester 6 assertion, line {line})";
                yield break;
            }

            HashSet<string>? allowed = null;
            if (name.Equals("Should", StringComparison.OrdinalIgnoreCase)) allowed = new HashSet<string>(ShouldParameters, StringComparer.OrdinalIgnoreCase);
            else if (BlockCommands.Contains(name)) allowed = BlockParameters;
            else if (name.Equals("It", StringComparison.OrdinalIgnoreCase)) allowed = ItParameters;
            if (allowed == null) yield break;

            foreach (var p in command.CommandElements.OfType<CommandParameterAst>())
            {
                if (!allowed.Contains(p.ParameterName))
                {
                    yield return $"unsupported Pester feature: {name} -{p.ParameterName} (line {line})";
                }
            }
        }

        private static bool IsStructural(CommandAst c) => BlockCommands.Contains(c.GetCommandName() ?? "") || Is(c, "It");

        private static bool Is(CommandAst c, string name) => string.Equals(c.GetCommandName(), name, StringComparison.OrdinalIgnoreCase);

        /// <summary>Describe/Context/It commands that contain this node, outermost first.</summary>
        private static IEnumerable<CommandAst> StructuralAncestors(Ast node)
        {
            var list = new List<CommandAst>();
            for (var p = node.Parent; p != null; p = p.Parent)
            {
                if (p is CommandAst c && IsStructural(c)) list.Insert(0, c);
            }

            return list;
        }

        private static bool InsideLoopOrFunction(CommandAst c)
        {
            for (var p = c.Parent; p != null; p = p.Parent)
            {
                if (p is CommandAst outer && IsStructural(outer)) return false;
                if (p is LoopStatementAst || p is FunctionDefinitionAst) return true;
                if (p is CommandAst other && other.GetCommandName() is string n && n.Equals("ForEach-Object", StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }

        /// <summary>The name argument of a Describe/Context/It (first positional or -Name), as written.</summary>
        public static string NameOf(CommandAst c)
        {
            var value = ArgumentOf(c, "Name", 0);
            return value switch
            {
                StringConstantExpressionAst s => s.Value,
                ExpandableStringExpressionAst e => e.Value,
                null => "(unnamed)",
                _ => value.Extent.Text,
            };
        }

        private static IEnumerable<string> TagsOf(CommandAst c)
        {
            var value = NamedArgument(c, "Tag") ?? NamedArgument(c, "Tags");
            if (value == null) return Array.Empty<string>();
            return value.FindAll(a => a is StringConstantExpressionAst, true).Cast<StringConstantExpressionAst>().Select(s => s.Value).ToList();
        }

        private static Ast? NamedArgument(CommandAst c, string parameter)
        {
            var elements = c.CommandElements;
            for (var i = 1; i < elements.Count; i++)
            {
                if (elements[i] is CommandParameterAst p && p.ParameterName.Equals(parameter, StringComparison.OrdinalIgnoreCase))
                {
                    if (p.Argument != null) return p.Argument;
                    if (i + 1 < elements.Count && elements[i + 1] is not CommandParameterAst) return elements[i + 1];
                }
            }

            return null;
        }

        private static Ast? ArgumentOf(CommandAst c, string parameter, int position)
        {
            var named = NamedArgument(c, parameter);
            if (named != null) return named;
            var positional = new List<Ast>();
            var elements = c.CommandElements;
            for (var i = 1; i < elements.Count; i++)
            {
                if (elements[i] is CommandParameterAst p)
                {
                    // A parameter with its value in the next element (-Tag 'x'); switches (-Skip) take none.
                    var isSwitch = p.ParameterName.Equals("Skip", StringComparison.OrdinalIgnoreCase) || p.ParameterName.Equals("Pending", StringComparison.OrdinalIgnoreCase);
                    if (p.Argument == null && !isSwitch) i++;
                    continue;
                }

                positional.Add(elements[i]);
            }

            return position < positional.Count ? positional[position] : null;
        }

        /// <summary>The .Tests.ps1 files of a folder, sorted by name.</summary>
        public static IReadOnlyList<string> TestFiles(string folder) =>
            Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.Tests.ps1").OrderBy(f => f, StringComparer.Ordinal).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();
    }
}
