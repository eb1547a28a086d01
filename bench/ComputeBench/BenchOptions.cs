using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace ComputeBench
{
    /// <summary>Command-line options shared by the driver and its child processes.</summary>
    internal sealed class BenchOptions
    {
        public int[] Sizes { get; private set; } = { 25_000, 50_000, 100_000 };
        public int Runs { get; private set; } = 3;
        public int PageSize { get; private set; } = 1000;
        public string? Url { get; private set; }
        public int Iterations { get; private set; } = 30;
        public string[] Raw { get; private set; } = Array.Empty<string>();

        public static BenchOptions Parse(string[] args)
        {
            var o = new BenchOptions { Raw = args };
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--sizes": o.Sizes = Next().Split(',').Select(int.Parse).ToArray(); break;
                    case "--runs": o.Runs = int.Parse(Next()); break;
                    case "--page-size": o.PageSize = int.Parse(Next()); break;
                    case "--url": o.Url = Next(); break;
                    case "--iterations": o.Iterations = int.Parse(Next()); break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            return o;
        }
    }

    /// <summary>Where the built pieces of the repository are.</summary>
    internal static class Paths
    {
        public static string Root { get; } = FindRoot();

        /// <summary>The build configuration this benchmark was built in (its pieces are built alike).</summary>
        public static string Configuration { get; } =
            AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";

        public static string EmulatorDll => Path.Combine(Root, "tools", "ComputeEmulator", "bin", Configuration, "net10.0", "ComputeEmulator.dll");
        public static string ModuleManifest => Path.Combine(Root, "src", "ComputeModule", "bin", Configuration, "netstandard2.0", "ComputeModule.psd1");
        public static string Self => Path.Combine(AppContext.BaseDirectory, "ComputeBench.dll");

        /// <summary>The module as build.ps1 -Task Layout lays it out (out/ComputeModule/{version}/), the newest version; null when absent.</summary>
        public static string? LaidOutManifest
        {
            get
            {
                var dir = new DirectoryInfo(Path.Combine(Root, "out", "ComputeModule"));
                if (!dir.Exists) return null;
                return dir.GetDirectories()
                    .Select(d => (Version: Version.TryParse(d.Name, out var v) ? v : null, Manifest: Path.Combine(d.FullName, "ComputeModule.psd1")))
                    .Where(x => x.Version != null && File.Exists(x.Manifest))
                    .OrderByDescending(x => x.Version)
                    .Select(x => x.Manifest)
                    .FirstOrDefault();
            }
        }

        /// <summary>
        /// pwsh.dll of the repository's dotnet tool (`dotnet tool restore` installs it): asked once of
        /// `dotnet pwsh` in the repository root, so the measured runs start `dotnet {PSHOME}/pwsh.dll` directly,
        /// as an installed pwsh would start, without the tool's launcher.
        /// </summary>
        public static string PwshDll()
        {
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", "Join-Path $PSHOME pwsh.dll" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var path = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            if (p.ExitCode != 0 || !File.Exists(path))
                throw new InvalidOperationException($"`dotnet pwsh` did not start (run `dotnet tool restore` in {Root}): {stderr.Result}");
            return path;
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ComputeModule.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("ComputeModule.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Small statistics over repeated measurements.</summary>
    internal static class Stats
    {
        public static double Median(IEnumerable<double> values)
        {
            var v = values.OrderBy(x => x).ToArray();
            if (v.Length == 0) return double.NaN;
            return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        }

        public static double Percentile(IEnumerable<double> values, double p)
        {
            var v = values.OrderBy(x => x).ToArray();
            if (v.Length == 0) return double.NaN;
            var idx = (int)Math.Ceiling(p * v.Length) - 1;
            return v[Math.Max(0, Math.Min(v.Length - 1, idx))];
        }

        /// <summary>This process's peak resident set (VmHWM) in MiB, from /proc.</summary>
        public static double PeakRssMiB()
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.Substring(6).Trim().Split(' ')[0]);
                    return kb / 1024.0;
                }
            }
            return double.NaN;
        }
    }
}
