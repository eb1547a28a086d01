using System;
using System.Linq;

namespace ComputeModule.Tests.PesterShim
{
    /// <summary>Combines the static check of an It with what its run recorded into one verdict.</summary>
    public static class PesterVerdict
    {
        /// <summary>The outcome an xunit case reports for this It.</summary>
        public static PesterItResult Decide(PesterTestCase testCase, PesterFileResult result)
        {
            var recorded = result.At(testCase.Line, testCase.Column);
            if (testCase.Problems.Count > 0)
            {
                var message = string.Join(Environment.NewLine, testCase.Problems);
                if (recorded.Count == 1 && recorded[0].Outcome == PesterOutcome.Failed) message += Environment.NewLine + recorded[0].Message;
                return new PesterItResult(testCase.Path, testCase.Line, testCase.Column, PesterOutcome.Failed, message, 0);
            }

            if (recorded.Count == 0)
            {
                var why = result.FileErrors.Count > 0
                    ? string.Join(Environment.NewLine, result.FileErrors)
                    : "no result was recorded (was the It reached?)";
                return new PesterItResult(testCase.Path, testCase.Line, testCase.Column, PesterOutcome.Failed,
                    $"the It at line {testCase.Line} did not run: {why}", 0);
            }

            if (recorded.Count > 1)
            {
                return new PesterItResult(testCase.Path, testCase.Line, testCase.Column, PesterOutcome.Failed,
                    $"unsupported Pester feature: the It at line {testCase.Line} was registered {recorded.Count} times (Its generated at run time)", 0);
            }

            return recorded.Single();
        }
    }
}
