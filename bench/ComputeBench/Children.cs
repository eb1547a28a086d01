using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace ComputeBench
{
    /// <summary>
    /// The measured clients. Each runs in a child process and prints one line
    /// <c>RESULT key=value ...</c> for the driver to read.
    /// </summary>
    internal static class Children
    {
        private static void Result(params (string Key, double Value)[] pairs)
        {
            var parts = Array.ConvertAll(pairs, p => p.Key + "=" + p.Value.ToString("0.###", CultureInfo.InvariantCulture));
            Console.WriteLine("RESULT " + string.Join(" ", parts));
        }

        /// <summary>The baseline loop: HttpClient + System.Text.Json over every page.</summary>
        public static async Task<int> PlainAsync(BenchOptions o)
        {
            using var client = new PlainClient();
            await client.LoginAsync(o.Url + "v3", "demo", "demo-password", "demo", "RegionOne");
            await client.TimePageAsync($"servers/detail?limit={o.PageSize}"); // warm-up: JIT and connection
            var sw = Stopwatch.StartNew();
            var (items, pages) = await client.ListAllAsync(o.PageSize);
            sw.Stop();
            Result(("wallMs", sw.Elapsed.TotalMilliseconds), ("items", items), ("pages", pages), ("peakMiB", Stats.PeakRssMiB()));
            return 0;
        }

        /// <summary>The module: Get-ComputeServer -All in the hosted PowerShell engine, output consumed as it streams.</summary>
        public static int Module(BenchOptions o)
        {
            Environment.SetEnvironmentVariable("OS_AUTH_URL", o.Url + "v3");
            Environment.SetEnvironmentVariable("OS_USERNAME", "demo");
            Environment.SetEnvironmentVariable("OS_PASSWORD", "demo-password");
            Environment.SetEnvironmentVariable("OS_PROJECT_NAME", "demo");
            Environment.SetEnvironmentVariable("OS_USER_DOMAIN_NAME", "Default");
            Environment.SetEnvironmentVariable("OS_PROJECT_DOMAIN_NAME", "Default");
            Environment.SetEnvironmentVariable("OS_REGION_NAME", "RegionOne");
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            Invoke(runspace, ps => ps.AddCommand("Import-Module").AddParameter("Name", Paths.ModuleManifest)
                .AddStatement().AddCommand("Connect-ComputeService").AddStatement().AddCommand("Out-Null"));
            // Warm-up: one page, as the baseline does.
            Invoke(runspace, ps => ps.AddCommand("Get-ComputeServer").AddParameter("Limit", o.PageSize).AddCommand("Out-Null"));

            long items = 0;
            var sw = Stopwatch.StartNew();
            using (var ps = PowerShell.Create())
            {
                ps.Runspace = runspace;
                ps.AddCommand("Get-ComputeServer").AddParameter("All").AddParameter("Limit", o.PageSize);
                var output = new PSDataCollection<PSObject>();
                // Count each server as it arrives and let it go, as a pipeline to the next command would.
                output.DataAdded += (_, _) =>
                {
                    items++;
                    output.ReadAll();
                };
                ps.Invoke<PSObject, PSObject>(null, output, new PSInvocationSettings());
                Fail(ps);
            }
            sw.Stop();
            Result(("wallMs", sw.Elapsed.TotalMilliseconds), ("items", items), ("peakMiB", Stats.PeakRssMiB()));
            return 0;
        }

        /// <summary>Import-Module ComputeModule in a fresh runspace: the first in a process (cold) and a second one (warm).</summary>
        public static int Import(BenchOptions o)
        {
            var sw = Stopwatch.StartNew();
            var rs1 = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            rs1.Open();
            var runspaceMs = sw.Elapsed.TotalMilliseconds;
            var cold = TimeImport(rs1);
            var rs2 = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            rs2.Open();
            var warm = TimeImport(rs2);
            rs1.Dispose();
            rs2.Dispose();
            Result(("runspaceMs", runspaceMs), ("coldImportMs", cold), ("warmImportMs", warm));
            return 0;
        }

        private static double TimeImport(Runspace runspace)
        {
            var sw = Stopwatch.StartNew();
            Invoke(runspace, ps => ps.AddCommand("Import-Module").AddParameter("Name", Paths.ModuleManifest));
            return sw.Elapsed.TotalMilliseconds;
        }

        private static void Invoke(Runspace runspace, Action<PowerShell> build)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            build(ps);
            ps.Invoke();
            Fail(ps);
        }

        private static void Fail(PowerShell ps)
        {
            if (ps.HadErrors && ps.Streams.Error.Count > 0)
                throw new InvalidOperationException("PowerShell reported: " + ps.Streams.Error[0]);
        }
    }
}
