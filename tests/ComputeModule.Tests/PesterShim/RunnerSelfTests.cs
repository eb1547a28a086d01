using System;
using System.IO;
using System.Linq;
using ComputeModule.Tests.Acceptance;
using Xunit;

namespace ComputeModule.Tests.PesterShim
{
    /// <summary>Tests of the hosted Pester runner itself, on small fixture files outside tests/Pester.</summary>
    [Collection(PesterCollection.Name)]
    public sealed class RunnerSelfTests
    {
        private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "PesterShim", "Fixtures", name);

        private static PesterFileResult Run(string name, params string[] excludeTags) =>
            PesterFileRunner.Run(Fixture(name), new PesterRunOptions
            {
                ExcludeTags = excludeTags,
                ExcludeReasons = excludeTags.ToDictionary(t => t, t => $"reason for {t}"),
                Timeout = TimeSpan.FromMinutes(2),
            });

        [Fact]
        public void PassingItPassesWithPesterScoping()
        {
            var result = Run("Basic.Fixture.ps1", "Excluded");
            var it = result.ByPath("Basics > passes");
            Assert.True(it.Outcome == PesterOutcome.Passed, it.Message);
            var second = result.ByPath("Basics > scope > does not see the other Its variables");
            Assert.True(second.Outcome == PesterOutcome.Passed, second.Message);
            Assert.Empty(result.FileErrors);
        }

        [Fact]
        public void FailingAssertionAndThrowFailTheirIt()
        {
            var result = Run("Basic.Fixture.ps1", "Excluded");
            var failed = result.ByPath("Basics > fails on purpose");
            Assert.Equal(PesterOutcome.Failed, failed.Outcome);
            Assert.Contains("Expected", failed.Message);
            var thrown = result.ByPath("Basics > throws on purpose");
            Assert.Equal(PesterOutcome.Failed, thrown.Outcome);
            Assert.Contains("boom from the fixture", thrown.Message);
        }

        [Fact]
        public void SkipAndExcludedTagsAreSkippedWithReasonsAndDoNotRun()
        {
            var result = Run("Basic.Fixture.ps1", "Excluded");
            var skipped = result.ByPath("Basics > is skipped");
            Assert.Equal(PesterOutcome.Skipped, skipped.Outcome);
            Assert.Contains("-Skip", skipped.Message);
            var excluded = result.ByPath("Basics > tagged > is excluded by tag");
            Assert.Equal(PesterOutcome.Skipped, excluded.Outcome);
            Assert.Equal("reason for Excluded", excluded.Message);
            Assert.Empty(result.FileErrors);
        }

        [Fact]
        public void WithoutExclusionATaggedItRuns()
        {
            var result = Run("Basic.Fixture.ps1");
            var tagged = result.ByPath("Basics > tagged > is excluded by tag");
            Assert.Equal(PesterOutcome.Failed, tagged.Outcome);
            Assert.Contains("BeforeAll of an excluded block must not run", tagged.Message);
        }

        [Fact]
        public void AfterAllRunsAndSeesBeforeAllVariables()
        {
            Environment.SetEnvironmentVariable("PESTERSHIM_FIXTURE_AFTERALL", null);
            Run("Basic.Fixture.ps1", "Excluded");
            Assert.Equal("ran with shared=41", Environment.GetEnvironmentVariable("PESTERSHIM_FIXTURE_AFTERALL"));
        }

        [Fact]
        public void FailingBeforeAllFailsEveryItBelowItAndAfterAllStillRuns()
        {
            Environment.SetEnvironmentVariable("PESTERSHIM_FIXTURE_BROKEN_AFTERALL", null);
            var result = Run("FailingBeforeAll.Fixture.ps1");
            foreach (var path in new[] { "Broken setup > first", "Broken setup > nested > second" })
            {
                var it = result.ByPath(path);
                Assert.Equal(PesterOutcome.Failed, it.Outcome);
                Assert.Contains("setup exploded", it.Message);
            }

            Assert.Equal(PesterOutcome.Passed, result.ByPath("Healthy neighbour > still passes").Outcome);
            Assert.Equal("ran", Environment.GetEnvironmentVariable("PESTERSHIM_FIXTURE_BROKEN_AFTERALL"));
        }

        [Theory]
        [InlineData("Unsupported > uses Mock", "unsupported Pester feature: Mock")]
        [InlineData("Unsupported > uses Should -Invoke", "unsupported Pester feature: Should -Invoke")]
        [InlineData("Unsupported > uses InModuleScope", "unsupported Pester feature: InModuleScope")]
        [InlineData("Unsupported > uses Should -Exist", "unsupported Pester feature: Should -Exist")]
        public void UnsupportedFeaturesFailAtRunTime(string path, string message)
        {
            var result = Run("Unsupported.Fixture.ps1");
            var it = result.ByPath(path);
            Assert.Equal(PesterOutcome.Failed, it.Outcome);
            Assert.Contains(message, it.Message);
        }

        [Fact]
        public void UnsupportedFeaturesAreFoundStaticallyEvenOnPathsThatDoNotRun()
        {
            var cases = PesterDiscovery.Discover(Fixture("Unsupported.Fixture.ps1"));
            var hidden = cases.Single(c => c.Path == "Unsupported > uses Mock on a path that does not run");
            Assert.Contains(hidden.Problems, p => p.StartsWith("unsupported Pester feature: Mock", StringComparison.Ordinal));
            Assert.Empty(cases.Single(c => c.Path == "Unsupported > is fine").Problems);
            Assert.Contains(cases.Single(c => c.Path == "Unsupported > uses Should -Invoke").Problems, p => p.Contains("Should -Invoke"));

            // The suite's xunit case combines both checks; the run alone would let this It pass.
            var verdict = PesterVerdict.Decide(hidden, Run("Unsupported.Fixture.ps1"));
            Assert.Equal(PesterOutcome.Failed, verdict.Outcome);
            Assert.Contains("unsupported Pester feature: Mock", verdict.Message);
        }

        [Fact]
        public void BeforeDiscoveryFailsEveryIt()
        {
            var cases = PesterDiscovery.Discover(Fixture("BeforeDiscovery.Fixture.ps1"));
            var result = Run("BeforeDiscovery.Fixture.ps1");
            var single = Assert.Single(cases);
            Assert.Contains(single.Problems, p => p.Contains("unsupported Pester feature: BeforeDiscovery"));
            var verdict = PesterVerdict.Decide(single, result);
            Assert.Equal(PesterOutcome.Failed, verdict.Outcome);
            Assert.Contains(result.FileErrors, e => e.Contains("unsupported Pester feature: BeforeDiscovery"));
        }

        [Fact]
        public void ShouldOperatorsPassAndFailAsPesterDoes()
        {
            var result = Run("Assertions.Fixture.ps1");
            var cases = PesterDiscovery.Discover(Fixture("Assertions.Fixture.ps1"));
            Assert.True(cases.Count > 30);
            foreach (var c in cases)
            {
                var verdict = PesterVerdict.Decide(c, result);
                var expected = c.Path.Contains("> pass:", StringComparison.Ordinal) ? PesterOutcome.Passed : PesterOutcome.Failed;
                Assert.True(expected == verdict.Outcome, $"{c.Path}: expected {expected}, got {verdict.Outcome}: {verdict.Message}");
            }
        }

        [Fact]
        public void DiscoveryFindsPathsLinesAndTags()
        {
            var cases = PesterDiscovery.Discover(Fixture("Basic.Fixture.ps1"));
            Assert.Equal(7, cases.Count);
            var tagged = cases.Single(c => c.Path == "Basics > tagged > is excluded by tag");
            Assert.Contains("Excluded", tagged.Tags);
            var result = Run("Basic.Fixture.ps1", "Excluded");
            foreach (var c in cases) Assert.Single(result.At(c.Line, c.Column));
        }
    
        [Fact]
        public void ItsGeneratedInALoopFailStaticallyAndAtRunTime()
        {
            var single = Assert.Single(PesterDiscovery.Discover(Fixture("Dynamic.Fixture.ps1")));
            Assert.Contains(single.Problems, p => p.Contains("generated in a loop"));
            var result = Run("Dynamic.Fixture.ps1");
            Assert.Equal(2, result.At(single.Line, single.Column).Count);
            var runtimeOnly = single with { Problems = Array.Empty<string>() };
            var verdict = PesterVerdict.Decide(runtimeOnly, result);
            Assert.Equal(PesterOutcome.Failed, verdict.Outcome);
            Assert.Contains("registered 2 times", verdict.Message);
        }

        [Fact]
        public void FailingAfterAllIsAFileLevelFailure()
        {
            var result = Run("Teardown.Fixture.ps1", "Hang");
            Assert.Equal(PesterOutcome.Passed, result.ByPath("Broken teardown > passes").Outcome);
            Assert.Contains(result.FileErrors, e => e.Contains("AfterAll failed") && e.Contains("teardown exploded"));
        }

        [Fact]
        public void AFileThatRunsTooLongIsStoppedAndItsRemainingItsFail()
        {
            var file = Fixture("Teardown.Fixture.ps1");
            var result = PesterFileRunner.Run(file, new PesterRunOptions { Timeout = TimeSpan.FromSeconds(3) });
            Assert.Contains(result.FileErrors, e => e.Contains("did not finish within 3 s"));
            var unreached = PesterDiscovery.Discover(file).Single(c => c.Path == "Hangs > is never reached");
            var verdict = PesterVerdict.Decide(unreached, result);
            Assert.Equal(PesterOutcome.Failed, verdict.Outcome);
            Assert.Contains("did not run", verdict.Message);
        }
    }
}
