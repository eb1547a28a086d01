using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace ComputeBench
{
    /// <summary>The driver: starts what is measured, runs the children, prints the figures.</summary>
    internal static class Scenarios
    {
        private static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

        /// <summary>Issue 2: the emulator's own time for one page of 1000 against a plain client's end-to-end time.</summary>
        public static async Task EmulatorPageAsync(BenchOptions o)
        {
            const int servers = 100_000;
            Console.WriteLine($"== emulator page cost: /servers/detail?limit={o.PageSize} over {servers:N0} seeded servers, {o.Iterations} iterations each");
            using var emulator = await EmulatorProcess.StartAsync();
            var seed = Stopwatch.StartNew();
            await emulator.SeedAsync(servers);
            Console.WriteLine($"   seeding {servers:N0} servers took {seed.Elapsed.TotalSeconds:0.0} s");
            using var client = new PlainClient();
            await client.LoginAsync(emulator.AuthUrl, "demo", "demo-password", "demo", "RegionOne");

            // A marker half way down the list, found by walking the first 50 pages once.
            string? marker = null;
            var walk = 0;
            string? url = $"servers?limit={o.PageSize}";
            while (walk < 50 && url != null)
            {
                var idPage = await ReadIdsAsync(client, url);
                marker = idPage.LastId;
                url = idPage.Next;
                walk++;
            }

            foreach (var (label, relative) in new[] { ("first page", $"servers/detail?limit={o.PageSize}"), ("page at marker 50,000", $"servers/detail?limit={o.PageSize}&marker={marker}") })
            {
                for (var i = 0; i < 5; i++) await client.TimePageAsync(relative); // warm-up
                var clientMs = new List<double>();
                var serverMs = new List<double>();
                for (var i = 0; i < o.Iterations; i++)
                {
                    var (c, s, count) = await client.TimePageAsync(relative);
                    if (count != o.PageSize) throw new InvalidOperationException($"expected {o.PageSize} servers, got {count}");
                    clientMs.Add(c);
                    if (s.HasValue) serverMs.Add(s.Value);
                }
                if (serverMs.Count == 0)
                {
                    Console.WriteLine($"   {label}: the emulator sent no X-Emulator-Elapsed-Ms header");
                    continue;
                }
                var ratio = Stats.Median(serverMs) / Stats.Median(clientMs);
                Console.WriteLine($"   {label,-24} emulator (in server) median {F(Stats.Median(serverMs))} ms, p90 {F(Stats.Percentile(serverMs, 0.9))} ms | " +
                    $"HttpClient+STJ end to end median {F(Stats.Median(clientMs))} ms, p90 {F(Stats.Percentile(clientMs, 0.9))} ms | " +
                    $"ratio {ratio:0.00} (target <= 0.20: {(ratio <= 0.2 ? "met" : "NOT met")})");
            }
        }

        private static async Task<(string? LastId, string? Next)> ReadIdsAsync(PlainClient client, string relative)
        {
            using var doc = await client.GetDocumentAsync(relative);
            var servers = doc.RootElement.GetProperty("servers");
            string? last = null;
            foreach (var s in servers.EnumerateArray()) last = s.GetProperty("id").ToString();
            string? next = null;
            if (doc.RootElement.TryGetProperty("servers_links", out var links))
                foreach (var l in links.EnumerateArray())
                    if (l.GetProperty("rel").GetString() == "next") next = l.GetProperty("href").GetString();
            return (last, next);
        }

        /// <summary>Issue 3: Get-ComputeServer -All against the plain loop, same pages, same run, several sizes.</summary>
        public static async Task ListingAsync(BenchOptions o)
        {
            Console.WriteLine($"== listing every server, pages of {o.PageSize}: Get-ComputeServer -All vs HttpClient+STJ loop ({o.Runs} runs each, medians; each run a fresh process)");
            using var emulator = await EmulatorProcess.StartAsync();
            Console.WriteLine($"   {"servers",9} | {"plain ms",9} {"module ms",10} {"ratio",6} | {"plain peak MiB",14} {"module peak MiB",15}");
            foreach (var size in o.Sizes)
            {
                await emulator.SeedAsync(size);
                var plain = new List<Dictionary<string, double>>();
                var module = new List<Dictionary<string, double>>();
                for (var r = 0; r < o.Runs; r++)
                {
                    plain.Add(RunChild("child-plain", emulator.BaseUrl, o));
                    module.Add(RunChild("child-module", emulator.BaseUrl, o));
                }
                foreach (var m in plain.Concat(module))
                    if ((long)m["items"] != size) throw new InvalidOperationException($"a client listed {m["items"]} servers of {size}");
                var pw = Stats.Median(plain.Select(m => m["wallMs"]));
                var mw = Stats.Median(module.Select(m => m["wallMs"]));
                Console.WriteLine($"   {size,9:N0} | {F(pw),9} {F(mw),10} {mw / pw,6:0.00} | {F(Stats.Median(plain.Select(m => m["peakMiB"]))),14} {F(Stats.Median(module.Select(m => m["peakMiB"]))),15}");
            }
            Console.WriteLine("   (target: module within 1.2x of the plain loop; module peak memory flat as N grows)");
        }

        /// <summary>Issue 3: Import-Module ComputeModule in a fresh runspace.</summary>
        public static void Import(BenchOptions o)
        {
            var runs = Math.Max(5, o.Runs);
            Console.WriteLine($"== Import-Module ComputeModule ({runs} fresh processes, medians)");
            var results = Enumerable.Range(0, runs).Select(_ => RunChild("child-import", null, o)).ToList();
            Console.WriteLine($"   runspace open {F(Stats.Median(results.Select(r => r["runspaceMs"])))} ms | " +
                $"Import-Module, first in process {F(Stats.Median(results.Select(r => r["coldImportMs"])))} ms | " +
                $"Import-Module, second fresh runspace {F(Stats.Median(results.Select(r => r["warmImportMs"])))} ms");
        }

        /// <summary>Issue 4: whole-process times on real Nova (OS_* variables from the bring-up's openrc).</summary>
        public static int Nova(BenchOptions o)
        {
            if (Environment.GetEnvironmentVariable("OS_AUTH_URL") is null)
            {
                Console.Error.WriteLine("source the OpenStack openrc first (tests/openstack/README.md)");
                return 2;
            }
            // Real pwsh (the dotnet tool of .config/dotnet-tools.json) and the laid-out module, as a user runs them.
            var manifest = Paths.LaidOutManifest;
            if (manifest is null)
            {
                Console.Error.WriteLine("no laid-out module: run `dotnet pwsh ./build.ps1 -Task Build, Layout` first");
                return 2;
            }
            var pwsh = Paths.PwshDll();
            var runs = Math.Max(5, o.Runs);
            Console.WriteLine($"== real Nova: whole-process time to list every server ({runs} runs each, medians, output to /dev/null)");
            Console.WriteLine($"   pwsh: dotnet {pwsh}; module: {manifest}");
            string[] Pwsh(string script) => new[]
            {
                pwsh, "-NoProfile", "-NonInteractive", "-Command",
                $"$ErrorActionPreference = 'Stop'; Import-Module '{manifest.Replace("'", "''")}'; {script}",
            };
            var commands = new (string Label, string File, string[] Args)[]
            {
                ("openstack server list", "/usr/bin/openstack", new[] { "server", "list" }),
                ("pwsh: Connect-ComputeService; Get-ComputeServer -All", "dotnet", Pwsh("Connect-ComputeService | Out-Null; Get-ComputeServer -All")),
                ("pwsh: same, -Limit 5 (several pages)", "dotnet", Pwsh("Connect-ComputeService | Out-Null; Get-ComputeServer -All -Limit 5")),
            };
            foreach (var (label, file, arguments) in commands)
            {
                var times = new List<double>();
                for (var i = 0; i < runs; i++)
                {
                    var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                    foreach (var a in arguments) psi.ArgumentList.Add(a);
                    psi.Environment["PATH"] = "/usr/bin:" + Environment.GetEnvironmentVariable("PATH");
                    var sw = Stopwatch.StartNew();
                    using var p = Process.Start(psi)!;
                    var stdout = p.StandardOutput.ReadToEndAsync();
                    var stderr = p.StandardError.ReadToEndAsync();
                    p.WaitForExit();
                    sw.Stop();
                    if (p.ExitCode != 0) throw new InvalidOperationException($"{label} failed ({p.ExitCode}): {stderr.Result}");
                    if (i == 0) Console.WriteLine($"   {label}: {stdout.Result.Split('\n').Length} lines of output");
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
                Console.WriteLine($"   {label,-62} median {F(Stats.Median(times))} ms, min {F(times.Min())} ms");
            }
            return 0;
        }

        private static Dictionary<string, double> RunChild(string mode, string? url, BenchOptions o)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(Paths.Self);
            psi.ArgumentList.Add(mode);
            if (url != null) { psi.ArgumentList.Add("--url"); psi.ArgumentList.Add(url); }
            psi.ArgumentList.Add("--page-size");
            psi.ArgumentList.Add(o.PageSize.ToString(CultureInfo.InvariantCulture));
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
            if (p.ExitCode != 0 || line == null)
                throw new InvalidOperationException($"{mode} failed ({p.ExitCode}): {stdout}\n{stderr.Result}");
            return line.Substring(7).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(kv => kv.Split('='))
                .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        }
    }
}
