using System;
using System.IO;
using System.Reflection;

namespace ComputeModule.Tests.Unit.Core
{
    /// <summary>
    /// Where the tests that need a cloud run (COMPUTE_TEST_BACKEND: "emulator", the default, or "openstack"),
    /// and where the repository and the built module manifest are.
    /// </summary>
    public static class TestBackend
    {
        /// <summary>"emulator" (default) or "openstack"; any other value is an error, not a silent default.</summary>
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

        /// <summary>True with COMPUTE_TEST_BACKEND=openstack (the OS_* variables of a real cloud are then in the environment).</summary>
        public static bool IsOpenStack => Name == "openstack";

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

        /// <summary>The build configuration the tests were built with (Debug/Release).</summary>
        public static string Configuration =>
            typeof(TestBackend).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is string c && c.Length > 0 ? c : "Debug";

        /// <summary>The built module manifest (COMPUTE_MODULE_PATH overrides src/ComputeModule/bin/{Configuration}/netstandard2.0).</summary>
        public static string ModulePath =>
            Environment.GetEnvironmentVariable("COMPUTE_MODULE_PATH") is string p && p.Length > 0
                ? p
                : Path.Combine(RepoRoot, "src", "ComputeModule", "bin", Configuration, "netstandard2.0", "ComputeModule.psd1");
    }
}
