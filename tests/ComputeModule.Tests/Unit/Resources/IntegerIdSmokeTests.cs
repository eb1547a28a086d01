using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;
using ComputeEmulator;
using ComputeModule.Models;
using ComputeModule.Tests.Unit.Core;
using Xunit;

namespace ComputeModule.Tests.Unit.Resources
{
    /// <summary>HP Cloud v1.1 style: integer ids with a separate uuid, through Keystone v2.0, in the second region.</summary>
    public sealed class IntegerIdSmokeTests : IAsyncLifetime
    {
        private ComputeEmulatorHost _emulator = null!;
        private PowerShell _ps = null!;

        public async Task InitializeAsync()
        {
            _emulator = await ComputeEmulatorHost.StartAsync(new EmulatorOptions
            {
                IdStyle = IdStyle.Integer,
                BuildDelay = TimeSpan.Zero,
                SnapshotDuration = TimeSpan.Zero,
            });
            using (var http = new System.Net.Http.HttpClient())
            {
                var seed = new System.Net.Http.StringContent("{\"servers\":3,\"images\":1,\"seed\":2,\"region\":\"RegionTwo\"}", System.Text.Encoding.UTF8, "application/json");
                (await http.PostAsync(new Uri(_emulator.BaseUrl, "_emulator/seed"), seed)).EnsureSuccessStatusCode();
            }
            var iss = InitialSessionState.CreateDefault2();
            iss.ImportPSModule(new[] { TestBackend.ModulePath });
            _ps = PowerShell.Create(iss);
            Invoke("$pw = ConvertTo-SecureString demo-password -AsPlainText -Force; " +
                   "$null = Connect-ComputeService -AuthUrl $url -Credential ([pscredential]::new('demo', $pw)) -ProjectName demo -Region RegionTwo",
                ("url", new Uri(_emulator.BaseUrl, "v2.0").ToString()));
            if (_ps.Streams.Error.Count > 0) throw new InvalidOperationException("Connect failed: " + _ps.Streams.Error[0]);
        }

        public async Task DisposeAsync()
        {
            _ps.Dispose();
            await _emulator.DisposeAsync();
        }

        private T[] Invoke<T>(string script, params (string Name, object Value)[] variables) => Invoke(script, variables).Select(o => (T)o.BaseObject).ToArray();

        private System.Collections.ObjectModel.Collection<PSObject> Invoke(string script, params (string Name, object Value)[] variables)
        {
            foreach (var (name, value) in variables) _ps.Runspace.SessionStateProxy.SetVariable(name, value);
            _ps.Commands.Clear();
            _ps.Streams.ClearStreams();
            _ps.AddScript(script);
            return _ps.Invoke();
        }

        [Fact]
        public void IntegerIdsAreStringsAndTheUuidIsKept()
        {
            var servers = Invoke<ComputeServer>("Get-ComputeServer -All");
            Assert.Empty(_ps.Streams.Error);
            Assert.Equal(3, servers.Length);
            Assert.All(servers, s => Assert.True(long.TryParse(s.Id, out _), s.Id + " is an integer"));
            Assert.All(servers, s => Assert.True(Guid.TryParse(s.Uuid, out _), s.Uuid + " is a UUID"));
            Assert.All(servers, s => Assert.Equal("RegionTwo", s.Region));

            var again = Invoke<ComputeServer>("$s | Get-ComputeServer", ("s", servers));
            Assert.Equal(servers.Select(s => s.Id), again.Select(s => s.Id));

            var image = Invoke<ComputeImage>("$s | New-ComputeImage -Name { $_.Name + '-img' } -Wait", ("s", servers[0]));
            Assert.Empty(_ps.Streams.Error);
            Assert.Equal(servers[0].Name + "-img", Assert.Single(image).Name);
            Assert.Equal("ACTIVE", image[0].Status);
        }
    }
}
