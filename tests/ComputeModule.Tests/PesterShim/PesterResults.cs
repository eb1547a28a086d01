using System.Collections.Generic;
using System.Linq;

namespace ComputeModule.Tests.PesterShim
{
    /// <summary>How one It ended in the hosted runner.</summary>
    public enum PesterOutcome { Passed, Failed, Skipped }

    /// <summary>The result of one It: where it is in the file and how it ended.</summary>
    public sealed record PesterItResult(string Path, int Line, int Column, PesterOutcome Outcome, string Message, double Milliseconds);

    /// <summary>Everything one run of a .Tests.ps1 file produced.</summary>
    public sealed class PesterFileResult
    {
        public PesterFileResult(string file, IReadOnlyList<PesterItResult> its, IReadOnlyList<string> fileErrors, IReadOnlyList<(string Path, int Line, int Column)> discovered)
        {
            File = file;
            Its = its;
            FileErrors = fileErrors;
            Discovered = discovered;
        }

        /// <summary>Full path of the file that was run.</summary>
        public string File { get; }

        /// <summary>One entry per It the run phase reached (including skipped ones).</summary>
        public IReadOnlyList<PesterItResult> Its { get; }

        /// <summary>Failures outside any It: discovery errors, AfterAll failures, timeouts, runner faults.</summary>
        public IReadOnlyList<string> FileErrors { get; }

        /// <summary>The Its the shim's discovery phase registered.</summary>
        public IReadOnlyList<(string Path, int Line, int Column)> Discovered { get; }

        /// <summary>The results recorded for the It command at this position (more than one means a dynamic It).</summary>
        public IReadOnlyList<PesterItResult> At(int line, int column) =>
            Its.Where(r => r.Line == line && r.Column == column).ToList();

        /// <summary>The single result for an It found by its path ("Describe > Context > It").</summary>
        public PesterItResult ByPath(string path) => Its.Single(r => r.Path == path);
    }

    /// <summary>Receives results from the PowerShell shim; passed into the runspace as a variable.</summary>
    public sealed class PesterResultSink
    {
        private readonly object _gate = new object();
        private readonly List<PesterItResult> _its = new List<PesterItResult>();
        private readonly List<string> _errors = new List<string>();
        private readonly List<(string, int, int)> _discovered = new List<(string, int, int)>();

        /// <summary>Called by the shim once per It when the run phase is done with it.</summary>
        public void RecordIt(string path, string file, int line, int column, string outcome, string message, double milliseconds)
        {
            var parsed = outcome switch
            {
                "Passed" => PesterOutcome.Passed,
                "Skipped" => PesterOutcome.Skipped,
                _ => PesterOutcome.Failed,
            };
            lock (_gate) _its.Add(new PesterItResult(path, line, column, parsed, message ?? "", milliseconds));
        }

        /// <summary>Called by the shim for each It registered during discovery.</summary>
        public void RecordDiscovered(string path, string file, int line, int column)
        {
            lock (_gate) _discovered.Add((path, line, column));
        }

        /// <summary>Called by the shim for failures outside any It.</summary>
        public void RecordBlockError(string message)
        {
            lock (_gate) _errors.Add(message);
        }

        /// <summary>Adds a failure found by the runner itself.</summary>
        public void AddError(string message) => RecordBlockError(message);

        /// <summary>A snapshot of what has been recorded so far.</summary>
        public PesterFileResult ToResult(string file)
        {
            lock (_gate) return new PesterFileResult(file, _its.ToList(), _errors.ToList(), _discovered.ToList());
        }
    }
}
