using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ComputeModule.Http
{
    /// <summary>
    /// Windows PowerShell 5.1 runs modules on .NET Framework without binding redirects, so the HTTP stack's
    /// dependencies fail to load when they ask for each other by slightly different versions (System.Text.Json 8 wants
    /// System.Runtime.CompilerServices.Unsafe 6.0.0.0, System.Memory wants 4.0.4.1, ...). On .NET Framework only, this
    /// answers such requests with the copy that ships beside ComputeModule.dll. PowerShell 7 resolves them itself.
    /// Import stays cheap: one event subscription, no I/O until the runtime asks.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string s_directory = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty;
        private static int s_registered;

        /// <summary>Called by PowerShell when the module is imported.</summary>
        public void OnImport()
        {
            if (!IsNetFramework) return;
            if (System.Threading.Interlocked.Exchange(ref s_registered, 1) == 0) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <summary>Called by PowerShell when the module is removed.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (System.Threading.Interlocked.Exchange(ref s_registered, 0) == 1) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        /// <summary>Whether this is Windows PowerShell's .NET Framework (not .NET Core / .NET 5+).</summary>
        internal static bool IsNetFramework
            => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            string? path = ResolvePath(args.Name, s_directory);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>The file beside the module that satisfies <paramref name="requestedName"/> (any version), or null.</summary>
        internal static string? ResolvePath(string requestedName, string directory)
        {
            string? simpleName;
            try
            {
                simpleName = new AssemblyName(requestedName).Name;
            }
            catch (Exception e) when (e is ArgumentException || e is FileLoadException)
            {
                return null;
            }
            // Never answer for the module itself or for PowerShell's own engine (a reference copy may sit beside us).
            if (string.IsNullOrEmpty(simpleName) || simpleName == "ComputeModule" || simpleName == "System.Management.Automation") return null;
            if (simpleName!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            string candidate = Path.Combine(directory, simpleName + ".dll");
            return File.Exists(candidate) ? candidate : null;
        }
    }
}
