using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ComputeEmulator;

namespace ComputeShell
{
    /// <summary>The README's tour: a narrated run of the mission cmdlets against the in-process emulator.</summary>
    internal static class Tour
    {
        private static int s_webCount = 15, s_dbCount = 10;

        /// <summary>Emulator settings for the shell: quick builds and snapshots so -Wait takes seconds, not minutes.</summary>
        public static EmulatorOptions EmulatorOptions(int servers)
        {
            s_webCount = (int)Math.Ceiling(servers * 0.6);
            s_dbCount = Math.Max(0, servers - s_webCount);
            return new EmulatorOptions
            {
                BuildDelay = TimeSpan.FromMilliseconds(300),
                SnapshotDuration = TimeSpan.FromSeconds(2),
            };
        }

        /// <summary>Points the OS_* variables (as an openrc file sets them) and COMPUTE_EMULATOR_URL at the emulator.</summary>
        public static void PointEnvironmentAt(Uri baseUrl)
        {
            var o = new EmulatorOptions();
            Environment.SetEnvironmentVariable("COMPUTE_EMULATOR_URL", baseUrl.ToString().TrimEnd('/'));
            Environment.SetEnvironmentVariable("OS_AUTH_URL", new Uri(baseUrl, "v3").ToString());
            Environment.SetEnvironmentVariable("OS_USERNAME", o.UserName);
            Environment.SetEnvironmentVariable("OS_PASSWORD", o.Password);
            Environment.SetEnvironmentVariable("OS_PROJECT_NAME", o.TenantName);
            Environment.SetEnvironmentVariable("OS_USER_DOMAIN_NAME", "Default");
            Environment.SetEnvironmentVariable("OS_PROJECT_DOMAIN_NAME", "Default");
            Environment.SetEnvironmentVariable("OS_REGION_NAME", o.Regions[0]);
            foreach (var stale in new[] { "OS_TOKEN", "OS_AUTH_TOKEN", "OS_PROJECT_ID", "OS_TENANT_ID", "OS_TENANT_NAME", "OS_API_KEY" })
            {
                Environment.SetEnvironmentVariable(stale, null);
            }
        }

        private static readonly (string Narration, string Script, bool ExpectError)[] Steps =
        {
            ("The OS_* variables point at the emulator, as an openrc file would set them. With no arguments,\n" +
             "Connect-ComputeService reads them (Keystone v3 here) and becomes the session's current connection.",
             "Connect-ComputeService", false),
            ("Get-ComputeServer lists servers (Nova matches -Name as a regular expression), formatted by the module's table view.",
             "Get-ComputeServer -Name '^web'", false),
            ("-Limit sets the page size (-All would follow every page); -Verbose shows each request. Tokens never appear.",
             "Get-ComputeServer -Name '^db' -Limit 3 -Verbose", false),
            ("New-ComputeImage snapshots each piped server. -Name is a script block evaluated per server;\n" +
             "-Wait returns each image once it is ACTIVE.",
             "$images = Get-ComputeServer -Name '^web0[1-3]$' | New-ComputeImage -Name { \"$($_.Name)-nightly\" } -Wait\n$images", false),
            ("Set-ComputeImageMetadata merges keys into each image's metadata; Get-ComputeImageMetadata reads keys back.",
             "$images | Set-ComputeImageMetadata -Metadata @{ owner = 'ops'; purpose = 'nightly' }\n$images | Get-ComputeImageMetadata -Key owner, purpose", false),
            ("With -Replace the given keys become the whole set; -PassThru shows the result.",
             "Set-ComputeImageMetadata -ImageId $images[0].Id -Metadata @{ owner = 'platform' } -Replace -PassThru", false),
            ("Metadata is checked before anything is sent: values longer than 255 characters are refused.",
             "Set-ComputeImageMetadata -ImageId $images[0].Id -Metadata @{ note = 'x' * 300 }", true),
            ("Enable-ComputeImageSchedule has the cloud take images for you: daily, keeping 7, for every db server...",
             "Get-ComputeServer -Name '^db' | Enable-ComputeImageSchedule -Retention 7", false),
            ("...or weekly, on a given day. Get-ComputeImageSchedule shows a server's schedule.",
             "$null = Get-ComputeServer -Name '^web01$' | Enable-ComputeImageSchedule -DayOfWeek Sunday -Retention 4\n" +
             "Get-ComputeServer -Name '^web01$' | Get-ComputeImageSchedule", false),
            ("Every state-changing cmdlet supports -WhatIf (and -Confirm): nothing is sent.",
             "$images | Remove-ComputeImage -WhatIf", false),
            ("Help comes from docs/cmdlets, built into en-US/ComputeModule.dll-Help.xml.",
             "Get-Help Set-ComputeImageMetadata -Parameter Replace", false),
        };

        public static int Run(Session session, Uri? emulator)
        {
            var ui = session.Host.UI;
            if (emulator == null)
            {
                ui.WriteErrorLine("The tour needs the emulator; run it without -NoEmulator.");
                return 2;
            }

            Narrate(ui, $"ComputeModule tour. An emulator of an OpenStack Nova cloud runs in this process at {emulator}\n" +
                        $"with {s_webCount} web and {s_dbCount} db servers. Each step prints the command, then its output.");
            int failures = 0;
            foreach (var (narration, script, expectError) in Steps)
            {
                Narrate(ui, narration);
                bool failed = session.RunScript(script, echo: true) != 0;
                // A step that demonstrates an error fails the tour when the error does not come.
                if (failed != expectError)
                {
                    failures++;
                }
            }
            Narrate(ui, failures == 0
                ? "Done. Try your own: dotnet run --project tools/ComputeShell -- -Command 'Get-ComputeServer -All | Where-Object Status -eq ACTIVE'"
                : $"Done, {failures} step(s) reported errors.");
            return failures == 0 ? 0 : 1;
        }

        private static void Narrate(System.Management.Automation.Host.PSHostUserInterface ui, string text)
        {
            ui.WriteLine();
            foreach (var line in text.Split('\n'))
            {
                ui.WriteLine(ConsoleColor.Cyan, ConsoleColor.Black, "# " + line);
            }
        }

        /// <summary>Creates web01.. and db01.. through the Nova API (Keystone v2.0 token, catalog URL), then waits for ACTIVE.</summary>
        public static async Task CreateServersAsync(Uri baseUrl, CancellationToken ct)
        {
            var o = new EmulatorOptions();
            using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
            var auth = new { auth = new { passwordCredentials = new { username = o.UserName, password = o.Password }, tenantName = o.TenantName } };
            using var tokenAnswer = await http.PostAsJsonAsync("v2.0/tokens", auth, ct);
            tokenAnswer.EnsureSuccessStatusCode();
            using var access = JsonDocument.Parse(await tokenAnswer.Content.ReadAsStringAsync(ct));
            var root = access.RootElement.GetProperty("access");
            string token = root.GetProperty("token").GetProperty("id").GetString()!;
            string compute = root.GetProperty("serviceCatalog").EnumerateArray()
                .First(s => s.GetProperty("type").GetString() == "compute")
                .GetProperty("endpoints").EnumerateArray()
                .First(e => !e.TryGetProperty("region", out var r) || r.GetString() == o.Regions[0])
                .GetProperty("publicURL").GetString()!.TrimEnd('/');
            http.DefaultRequestHeaders.Add("X-Auth-Token", token);

            string image = await FirstIdAsync(http, compute + "/images", "images", ct);
            string flavor = await FirstIdAsync(http, compute + "/flavors", "flavors", ct);
            var names = Enumerable.Range(1, s_webCount).Select(i => $"web{i:D2}")
                .Concat(Enumerable.Range(1, s_dbCount).Select(i => $"db{i:D2}"));
            foreach (var name in names)
            {
                var body = new { server = new { name, imageRef = image, flavorRef = flavor, metadata = new Dictionary<string, string> { ["role"] = name.Substring(0, name.Length - 2) } } };
                using var created = await http.PostAsJsonAsync(compute + "/servers", body, ct);
                if (!created.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"POST servers ({name}) -> {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(ct)}");
                }
            }
            // Servers leave BUILD after the emulator's BuildDelay; snapshots of BUILD servers would be refused.
            for (int attempt = 0; attempt < 50; attempt++)
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync(compute + "/servers/detail", ct));
                if (doc.RootElement.GetProperty("servers").EnumerateArray().All(s => s.GetProperty("status").GetString() == "ACTIVE"))
                {
                    return;
                }
                await Task.Delay(100, ct);
            }
        }

        private static async Task<string> FirstIdAsync(HttpClient http, string url, string property, CancellationToken ct)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(url, ct));
            return doc.RootElement.GetProperty(property).EnumerateArray().First().GetProperty("id").ToString();
        }
    }
}
