using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace ComputeBench
{
    /// <summary>The emulator in a process of its own, so its memory and CPU are not the client's.</summary>
    internal sealed class EmulatorProcess : IDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };

        public string BaseUrl { get; }
        public string AuthUrl => BaseUrl + "v3";

        private EmulatorProcess(Process process, string baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
        }

        public static async Task<EmulatorProcess> StartAsync()
        {
            var port = FreePort();
            var baseUrl = $"http://127.0.0.1:{port}/";
            var psi = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Paths.EmulatorDll, "--urls", $"http://127.0.0.1:{port}" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the emulator");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) Console.Error.WriteLine("[emulator] " + e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var emulator = new EmulatorProcess(process, baseUrl);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    using var r = await emulator._http.GetAsync(baseUrl);
                    if (r.IsSuccessStatusCode || (int)r.StatusCode == 300) return emulator;
                }
                catch (HttpRequestException) { }
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    emulator.Dispose();
                    throw new InvalidOperationException("the emulator did not start: " + Paths.EmulatorDll);
                }
                await Task.Delay(100);
            }
        }

        public async Task SeedAsync(int servers, int images = 0, int seed = 42)
        {
            await PostAsync("_emulator/reset", "{}");
            await PostAsync("_emulator/seed", $"{{\"servers\":{servers},\"images\":{images},\"seed\":{seed},\"region\":\"RegionOne\"}}");
        }

        private async Task PostAsync(string path, string json)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var r = await _http.PostAsync(BaseUrl + path, content);
            r.EnsureSuccessStatusCode();
        }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        public void Dispose()
        {
            try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _process.Dispose();
            _http.Dispose();
        }
    }
}
