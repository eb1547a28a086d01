using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ComputeModule.Tests.PesterShim;

namespace ComputeModule.Tests.Acceptance
{
    /// <summary>
    /// Shared by the Pester collection: starts the backend once (lazily, on the first suite file) and runs
    /// each suite file once, caching its results for the xunit cases of its Its.
    /// </summary>
    public sealed class PesterSuiteFixture : IDisposable
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, PesterFileResult> _results = new Dictionary<string, PesterFileResult>(StringComparer.Ordinal);
        private InProcessEmulator? _emulator;
        private Exception? _backendFailure;

        /// <summary>The results of the file, running it on first use.</summary>
        public PesterFileResult ResultFor(string file)
        {
            lock (_gate)
            {
                if (_results.TryGetValue(file, out var cached)) return cached;
                var result = RunFile(file);
                _results[file] = result;
                return result;
            }
        }

        private PesterFileResult RunFile(string file)
        {
            var backend = TestBackend.Name;
            var modulePath = TestBackend.ModulePath;
            IDictionary<string, string?> environment;
            if (backend == "emulator")
            {
                if (_emulator == null && _backendFailure == null)
                {
                    try
                    {
                        _emulator = Task.Run(InProcessEmulator.StartAsync).GetAwaiter().GetResult();
                    }
                    catch (Exception e)
                    {
                        _backendFailure = e;
                    }
                }

                if (_emulator == null)
                {
                    var sink = new PesterResultSink();
                    sink.AddError("the emulator did not start: " + _backendFailure);
                    return sink.ToResult(file);
                }

                environment = _emulator.Environment(modulePath);

                // Other OS_* variables of the shell (OS_TOKEN, OS_PROJECT_ID, OS_CLOUD ... from a sourced openrc)
                // would mix a real cloud into the emulator run: hide them while the file runs.
                foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
                {
                    if (name.StartsWith("OS_", StringComparison.Ordinal) && !environment.ContainsKey(name)) environment[name] = null;
                }
            }
            else
            {
                // Real OpenStack: the bring-up script leaves the OS_* variables in the process environment.
                environment = new Dictionary<string, string?>
                {
                    ["COMPUTE_TEST_BACKEND"] = "openstack",
                    ["COMPUTE_MODULE_PATH"] = modulePath,
                    ["COMPUTE_EMULATOR_URL"] = null,
                };
            }

            var options = new PesterRunOptions
            {
                Environment = environment,
                ExcludeTags = backend == "openstack" ? new[] { TestBackend.EmulatorOnlyTag } : Array.Empty<string>(),
                ExcludeReasons = new Dictionary<string, string> { [TestBackend.EmulatorOnlyTag] = TestBackend.EmulatorOnlyReason },
                Timeout = TestBackend.FileTimeout,
            };
            return PesterFileRunner.Run(file, options);
        }

        /// <summary>Stops the emulator.</summary>
        public void Dispose()
        {
            var emulator = _emulator;
            _emulator = null;
            if (emulator != null) Task.Run(async () => await emulator.DisposeAsync()).GetAwaiter().GetResult();
        }
    }
}
