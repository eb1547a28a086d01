using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ComputeModule.Tests.PesterShim;
using Xunit;
using Xunit.Abstractions;

namespace ComputeModule.Tests.Acceptance
{
    /// <summary>
    /// The Pester acceptance suite (tests/Pester/*.Tests.ps1), one xunit case per It, named
    /// "[backend] File: Describe > Context > It" so CI can count per backend.
    /// </summary>
    [Collection(PesterCollection.Name)]
    public sealed class PesterSuiteTests
    {
        private readonly PesterSuiteFixture _fixture;

        public PesterSuiteTests(PesterSuiteFixture fixture)
        {
            _fixture = fixture;
        }

        /// <summary>One row per It of every suite file.</summary>
        public static IEnumerable<object[]> Its() => Catalog.Value.Keys.Select(k => new object[] { new PesterCaseName(k) });

        /// <summary>One row per suite file.</summary>
        public static IEnumerable<object[]> Files()
        {
            var files = PesterDiscovery.TestFiles(TestBackend.PesterDirectory);
            if (files.Count == 0) return new[] { new object[] { new PesterCaseName($"[{TestBackend.Name}] (no .Tests.ps1 files in {TestBackend.PesterDirectory})") } };
            return files.Select(f => new object[] { new PesterCaseName(FileKey(f)) });
        }

        [SkippableTheory]
        [MemberData(nameof(Its))]
        public void It(PesterCaseName test)
        {
            Assert.True(Catalog.Value.TryGetValue(test.Name, out var testCase), $"unknown test '{test}' (the file changed since discovery?)");
            if (testCase!.Problems.Count == 1 && testCase.Problems[0].StartsWith("discovery failed", StringComparison.Ordinal))
            {
                Assert.Fail(testCase.Problems[0]);
            }

            var verdict = PesterVerdict.Decide(testCase, _fixture.ResultFor(testCase.File));
            Skip.If(verdict.Outcome == PesterOutcome.Skipped, verdict.Message);
            Assert.True(verdict.Outcome == PesterOutcome.Passed, $"{Path.GetFileName(testCase.File)} line {testCase.Line}: {verdict.Message}");
        }

        /// <summary>Failures outside any It (discovery, AfterAll, time limit) and Its the parser did not see.</summary>
        [Theory]
        [MemberData(nameof(Files))]
        public void File(PesterCaseName file)
        {
            var path = PesterDiscovery.TestFiles(TestBackend.PesterDirectory).FirstOrDefault(f => FileKey(f) == file.Name);
            Assert.True(path != null, $"no such suite file: {file}");
            var result = _fixture.ResultFor(path!);
            var problems = new List<string>(result.FileErrors);
            var known = PesterDiscovery.Discover(path!).Select(c => (c.Line, c.Column)).ToHashSet();
            foreach (var d in result.Discovered.Where(d => !known.Contains((d.Line, d.Column))))
            {
                problems.Add($"It '{d.Path}' (line {d.Line}) was registered at run time but is not visible to the parser (It in a function or loop?): unsupported");
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        private static string FileKey(string file) => $"[{TestBackend.Name}] {Path.GetFileName(file)}";

        private static readonly Lazy<IReadOnlyDictionary<string, PesterTestCase>> Catalog = new(BuildCatalog);

        private static IReadOnlyDictionary<string, PesterTestCase> BuildCatalog()
        {
            var map = new Dictionary<string, PesterTestCase>(StringComparer.Ordinal);
            foreach (var file in PesterDiscovery.TestFiles(TestBackend.PesterDirectory))
            {
                var shortName = Path.GetFileName(file).Replace(".Tests.ps1", "", StringComparison.OrdinalIgnoreCase);
                IReadOnlyList<PesterTestCase> cases;
                try
                {
                    cases = PesterDiscovery.Discover(file);
                }
                catch (Exception e)
                {
                    var broken = new PesterTestCase(file, "(file)", 0, 0, Array.Empty<string>(), new[] { "discovery failed: " + e.Message });
                    map[$"[{TestBackend.Name}] {shortName}: (does not parse)"] = broken;
                    continue;
                }

                foreach (var c in cases)
                {
                    var key = $"[{TestBackend.Name}] {shortName}: {c.Path}";
                    if (map.ContainsKey(key)) key += $" (line {c.Line})";
                    map[key] = c;
                }
            }

            return map;
        }
    }

    /// <summary>
    /// The name of one case. A string argument would be cut to 50 characters in the test name; this type
    /// shows in full through ToString, and is serializable so that each row is its own test case.
    /// </summary>
    public sealed class PesterCaseName : IXunitSerializable
    {
        public PesterCaseName()
        {
            Name = "";
        }

        public PesterCaseName(string name)
        {
            Name = name;
        }

        /// <summary>"[backend] File: Describe > Context > It".</summary>
        public string Name { get; private set; }

        public void Deserialize(IXunitSerializationInfo info) => Name = info.GetValue<string>(nameof(Name));

        public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Name), Name);

        public override string ToString() => Name;
    }
}
