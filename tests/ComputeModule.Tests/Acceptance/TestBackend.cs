using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using ComputeEmulator;

namespace ComputeModule.Tests.Acceptance
{
    /// <summary>Where the acceptance suite runs: the in-process emulator or a real OpenStack (COMPUTE_TEST_BACKEND).</summary>
    public static class TestBackend
    {
        /// <summary>Tag of the Its that need what only the emulator offers.</summary>
        public const string EmulatorOnlyTag = "EmulatorOnly";

        /// <summary>The skip reason for EmulatorOnly Its on real Nova.</summary>
        public const string EmulatorOnlyReason =
            "EmulatorOnly: needs what only the emulator offers (Keystone v2.0/API keys, scheduled images, fault injection, request log); skipped on real Nova";

        /// <summary>"emulator" (default) or "openstack".</summary>
        public static string Name
        {
            get
            {
                var value = Environment.GetEnvironmentVariable("COMPUTE_TEST_BACKEND");
                if (string.IsNullOrWhiteSpace(value)) return "emulator";
                value = value.Trim().ToLowerInvariant();
                if (value != "emulator" && value != "openstack")
                {
                    throw new InvalidOperationException($"COMPUTE_TEST_BACKEND must be 'emulator' or 'openstack', not '{value}'");
                }

                return value;
            }
        }

        /// <summary>The repository root (the folder holding ComputeModule.sln).</summary>
        public static string RepoRoot
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "ComputeModule.sln"))) return dir.FullName;
                }

                throw new InvalidOperationException("cannot find the repository root (ComputeModule.sln) above " + AppContext.BaseDirectory);
            }
        }

        /// <summary>The Pester suite folder (COMPUTE_PESTER_DIR overrides tests/Pester).</summary>
        public static string PesterDirectory =>
            Environment.GetEnvironmentVariable("COMPUTE_PESTER_DIR") is string d && d.Length > 0 ? d : Path.Combine(RepoRoot, "tests", "Pester");

        /// <summary>The build configuration the tests were built with (Debug/Release).</summary>
        public static string Configuration =>
            typeof(TestBackend).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is string c && c.Length > 0 ? c : "Debug";

        /// <summary>The built module manifest the suite imports.</summary>
        public static string ModulePath =>
            Environment.GetEnvironmentVariable("COMPUTE_MODULE_PATH") is string p && p.Length > 0
                ? p
                : Path.Combine(RepoRoot, "src", "ComputeModule", "bin", Configuration, "netstandard2.0", "ComputeModule.psd1");

        /// <summary>How long one Pester file may run (COMPUTE_PESTER_FILE_TIMEOUT seconds, default 600).</summary>
        public static TimeSpan FileTimeout =>
            int.TryParse(Environment.GetEnvironmentVariable("COMPUTE_PESTER_FILE_TIMEOUT"), out var s) && s > 0 ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(10);
    }

    /// <summary>The emulator started in-process (<c>ComputeEmulatorHost.StartAsync</c>, DESIGN.md).</summary>
    public sealed class InProcessEmulator : IAsyncDisposable
    {
        private readonly ComputeEmulatorHost _host;

        private InProcessEmulator(ComputeEmulatorHost host)
        {
            _host = host;
        }

        /// <summary>"http://127.0.0.1:{port}/".</summary>
        public Uri BaseUrl => _host.BaseUrl;

        /// <summary>
        /// Starts the emulator with a short build delay. Snapshots keep a few seconds of SAVING so that
        /// a one-second <c>New-ComputeImage -Wait -Timeout 1</c> times out as it does on real Nova.
        /// </summary>
        public static async Task<InProcessEmulator> StartAsync()
        {
            var options = new EmulatorOptions
            {
                BuildDelay = TimeSpan.FromMilliseconds(300),
                SnapshotDuration = TimeSpan.FromSeconds(3),
            };
            return new InProcessEmulator(await ComputeEmulatorHost.StartAsync(options).ConfigureAwait(false));
        }

        /// <summary>Stops the emulator.</summary>
        public ValueTask DisposeAsync() => _host.DisposeAsync();

        /// <summary>The environment of DESIGN.md for this emulator.</summary>
        public IDictionary<string, string?> Environment(string modulePath) => new Dictionary<string, string?>
        {
            ["COMPUTE_TEST_BACKEND"] = "emulator",
            ["COMPUTE_MODULE_PATH"] = modulePath,
            ["COMPUTE_EMULATOR_URL"] = BaseUrl.AbsoluteUri,
            ["OS_AUTH_URL"] = BaseUrl.AbsoluteUri + "v3",
            ["OS_USERNAME"] = "demo",
            ["OS_PASSWORD"] = "demo-password",
            ["OS_PROJECT_NAME"] = "demo",
            ["OS_USER_DOMAIN_NAME"] = "Default",
            ["OS_PROJECT_DOMAIN_NAME"] = "Default",
            ["OS_REGION_NAME"] = "RegionOne",
        };
    }
}
