using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

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

    /// <summary>
    /// The emulator started in-process through its public entry point
    /// (<c>ComputeEmulator.ComputeEmulatorHost.StartAsync(EmulatorOptions)</c>, DESIGN.md). Bound late so that
    /// this project keeps building while the emulator is still being written; a missing or changed entry
    /// point fails the suite with a clear message.
    /// </summary>
    public sealed class InProcessEmulator : IAsyncDisposable
    {
        private readonly object _host;

        private InProcessEmulator(object host, Uri baseUrl)
        {
            _host = host;
            BaseUrl = baseUrl;
        }

        /// <summary>"http://127.0.0.1:{port}/".</summary>
        public Uri BaseUrl { get; }

        /// <summary>Starts the emulator with short build and snapshot delays so the suite runs quickly.</summary>
        public static async Task<InProcessEmulator> StartAsync()
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName("ComputeEmulator"));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException("cannot load the ComputeEmulator assembly: " + e.Message, e);
            }

            var hostType = assembly.GetType("ComputeEmulator.ComputeEmulatorHost")
                ?? throw new InvalidOperationException("ComputeEmulator.ComputeEmulatorHost not found in the emulator assembly (not written yet?)");
            var optionsType = assembly.GetType("ComputeEmulator.EmulatorOptions")
                ?? throw new InvalidOperationException("ComputeEmulator.EmulatorOptions not found in the emulator assembly");
            var start = hostType.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == "StartAsync" && m.GetParameters().Length >= 1 && m.GetParameters()[0].ParameterType == optionsType)
                ?? throw new InvalidOperationException("ComputeEmulatorHost.StartAsync(EmulatorOptions) not found");

            var options = Activator.CreateInstance(optionsType)!;
            Set(options, "BuildDelay", TimeSpan.FromMilliseconds(300));
            Set(options, "SnapshotDuration", TimeSpan.FromSeconds(1));

            var parameters = start.GetParameters();
            var args = new object?[parameters.Length];
            args[0] = options;
            for (var i = 1; i < parameters.Length; i++) args[i] = parameters[i].HasDefaultValue ? parameters[i].DefaultValue : null;
            var task = (Task)start.Invoke(null, args)!;
            await task.ConfigureAwait(false);
            var host = task.GetType().GetProperty("Result")!.GetValue(task)!;
            var url = host.GetType().GetProperty("BaseUrl")?.GetValue(host)
                ?? throw new InvalidOperationException("the emulator host has no BaseUrl");
            var baseUrl = url as Uri ?? new Uri(url.ToString()!);
            if (!baseUrl.AbsoluteUri.EndsWith('/')) baseUrl = new Uri(baseUrl.AbsoluteUri + "/");
            return new InProcessEmulator(host, baseUrl);
        }

        private static void Set(object options, string name, TimeSpan value)
        {
            var property = options.GetType().GetProperty(name);
            if (property == null || !property.CanWrite) return;
            if (property.PropertyType == typeof(TimeSpan) || property.PropertyType == typeof(TimeSpan?)) property.SetValue(options, value);
        }

        /// <summary>Stops the emulator.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_host is IAsyncDisposable a) await a.DisposeAsync().ConfigureAwait(false);
            else if (_host is IDisposable d) d.Dispose();
        }

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
