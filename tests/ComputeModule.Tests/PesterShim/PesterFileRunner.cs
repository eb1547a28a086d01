using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace ComputeModule.Tests.PesterShim
{
    /// <summary>How to run one file: environment, excluded tags and a time limit.</summary>
    public sealed class PesterRunOptions
    {
        /// <summary>Process environment variables set for the run and restored afterwards (null removes).</summary>
        public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

        /// <summary>Its under these tags are reported as skipped.</summary>
        public IReadOnlyList<string> ExcludeTags { get; init; } = Array.Empty<string>();

        /// <summary>The skip reason reported for each excluded tag.</summary>
        public IDictionary<string, string> ExcludeReasons { get; init; } = new Dictionary<string, string>();

        /// <summary>The whole file must finish within this time; Its not reached by then fail.</summary>
        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
    }

    /// <summary>
    /// Runs a .Tests.ps1 file through the Pester shim in a fresh runspace of the hosted PowerShell 7 engine.
    /// Environment variables are process-wide, so callers must not run two files at once.
    /// </summary>
    public static class PesterFileRunner
    {
        private static readonly object ProcessWide = new object();

        /// <summary>The shim script, copied next to the test assembly.</summary>
        public static string ShimPath => Path.Combine(AppContext.BaseDirectory, "PesterShim", "PesterShim.ps1");

        /// <summary>Runs the file and returns what every It did.</summary>
        public static PesterFileResult Run(string file, PesterRunOptions options)
        {
            lock (ProcessWide)
            {
                var saved = new Dictionary<string, string?>();
                foreach (var pair in options.Environment)
                {
                    saved[pair.Key] = System.Environment.GetEnvironmentVariable(pair.Key);
                    System.Environment.SetEnvironmentVariable(pair.Key, pair.Value);
                }

                try
                {
                    return RunCore(Path.GetFullPath(file), options);
                }
                finally
                {
                    foreach (var pair in saved) System.Environment.SetEnvironmentVariable(pair.Key, pair.Value);
                }
            }
        }

        private static PesterFileResult RunCore(string file, PesterRunOptions options)
        {
            var sink = new PesterResultSink();
            var iss = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows()) iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            var runspace = RunspaceFactory.CreateRunspace(iss);
            runspace.Open();
            var ps = PowerShell.Create();
            ps.Runspace = runspace;
            var finished = true;
            try
            {
                ps.AddScript(". '" + ShimPath.Replace("'", "''") + "'", useLocalScope: false);
                ps.Invoke();
                ThrowOnErrors(ps, "loading the Pester shim");
                ps.Commands.Clear();

                var reasons = new Hashtable(StringComparer.OrdinalIgnoreCase);
                foreach (var pair in options.ExcludeReasons) reasons[pair.Key] = pair.Value;
                ps.AddCommand("Initialize-PesterShim")
                    .AddParameter("Sink", sink)
                    .AddParameter("ExcludeTag", new List<string>(options.ExcludeTags).ToArray())
                    .AddParameter("ExcludeReason", reasons);
                ps.Invoke();
                ThrowOnErrors(ps, "initialising the Pester shim");
                ps.Commands.Clear();

                ps.AddCommand("Invoke-PesterShimFile").AddParameter("Path", file);
                var output = new PSDataCollection<PSObject>();
                var async = ps.BeginInvoke<PSObject, PSObject>(null, output);
                if (!async.AsyncWaitHandle.WaitOne(options.Timeout))
                {
                    sink.AddError($"the file did not finish within {options.Timeout.TotalSeconds:0} s; stopped it (Its not reached have no result)");
                    finished = StopWithin(ps, TimeSpan.FromSeconds(30));
                    if (!finished) sink.AddError("the run did not stop within 30 s after Stop(); abandoned its runspace");
                }
                else
                {
                    try
                    {
                        ps.EndInvoke(async);
                    }
                    catch (Exception e)
                    {
                        sink.AddError("the run ended with an exception: " + e);
                    }
                }
            }
            catch (Exception e)
            {
                sink.AddError("runner failure: " + e);
            }
            finally
            {
                if (finished)
                {
                    ps.Dispose();
                    runspace.Dispose();
                }
            }

            return sink.ToResult(file);
        }

        private static bool StopWithin(PowerShell ps, TimeSpan limit)
        {
            var stop = Task.Run(() => ps.Stop());
            return stop.Wait(limit);
        }

        private static void ThrowOnErrors(PowerShell ps, string what)
        {
            if (ps.HadErrors && ps.Streams.Error.Count > 0)
            {
                throw new InvalidOperationException($"error while {what}: {ps.Streams.Error[0]}");
            }
        }
    }
}
