using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator;
using ComputeModule.Models;
using ComputeModule.Tests.Unit.Core;
using Xunit;

namespace ComputeModule.Tests.Unit.Resources
{
    /// <summary>
    /// Quick end-to-end checks of the resource cmdlets: the built module imported by its manifest into a hosted
    /// PowerShell (the full engine of Microsoft.PowerShell.SDK), against the in-process emulator. The Pester suite
    /// is the real acceptance test; these guard the wiring (parameter binding, pipeline, ShouldProcess, error ids).
    /// </summary>
    public sealed class ResourceCmdletSmokeTests : IAsyncLifetime
    {
        private ComputeEmulatorHost _emulator = null!;
        private PowerShell _ps = null!;
        private readonly HttpClient _http = new HttpClient();

        public async Task InitializeAsync()
        {
            _emulator = await ComputeEmulatorHost.StartAsync(new EmulatorOptions
            {
                SeedServers = 5,
                SeedImages = 2,
                BuildDelay = TimeSpan.Zero,
                SnapshotDuration = TimeSpan.FromSeconds(2),
            });
            var iss = InitialSessionState.CreateDefault2();
            iss.ImportPSModule(new[] { TestBackend.ModulePath });
            _ps = PowerShell.Create(iss);
            Invoke("$cred = [pscredential]::new('demo', (ConvertTo-SecureString demo-password -AsPlainText -Force)); " +
                   "$null = Connect-ComputeService -AuthUrl $url -Credential $cred -ProjectName demo -Region RegionOne",
                   ("url", new Uri(_emulator.BaseUrl, "v3").ToString()));
            if (_ps.Streams.Error.Count > 0) throw new InvalidOperationException("Connect failed: " + _ps.Streams.Error[0]);
        }

        public async Task DisposeAsync()
        {
            _ps.Dispose();
            _http.Dispose();
            await _emulator.DisposeAsync();
        }

        private Collection<PSObject> Invoke(string script, params (string Name, object Value)[] variables)
        {
            foreach (var (name, value) in variables) _ps.Runspace.SessionStateProxy.SetVariable(name, value);
            _ps.Commands.Clear();
            _ps.Streams.ClearStreams();
            _ps.AddScript(script);
            return _ps.Invoke();
        }

        private ErrorRecord[] Errors => _ps.Streams.Error.ToArray();

        private async Task<JsonElement[]> RequestsAsync()
        {
            var json = await _http.GetStringAsync(new Uri(_emulator.BaseUrl, "_emulator/requests"));
            return JsonDocument.Parse(json).RootElement.GetProperty("requests").EnumerateArray().ToArray();
        }

        private Task ClearRequestsAsync() => _http.DeleteAsync(new Uri(_emulator.BaseUrl, "_emulator/requests"));

        private static T[] Of<T>(Collection<PSObject> output) => output.Select(o => (T)o.BaseObject).ToArray();

        [Fact]
        public async Task ServersListOnePageByDefaultAndAllPagesWithAll()
        {
            var onePage = Of<ComputeServer>(Invoke("Get-ComputeServer -Limit 2"));
            Assert.Equal(2, onePage.Length);
            Assert.Empty(Errors);
            Assert.All(onePage, s => Assert.Equal("RegionOne", s.Region));

            await ClearRequestsAsync();
            var all = Of<ComputeServer>(Invoke("Get-ComputeServer -Limit 2 -All"));
            Assert.Equal(5, all.Length);
            Assert.Equal(5, all.Select(s => s.Id).Distinct().Count());
            var pages = (await RequestsAsync()).Where(r => r.GetProperty("path").GetString()!.EndsWith("/servers/detail")).ToArray();
            Assert.Equal(3, pages.Length);
        }

        [Fact]
        public void ServersByIdFromThePipelineReportMissingOnesAndGoOn()
        {
            var first = Of<ComputeServer>(Invoke("Get-ComputeServer -Limit 1"))[0];
            var result = Of<ComputeServer>(Invoke("'00000000-0000-0000-0000-000000000000', $id | Get-ComputeServer", ("id", first.Id)));

            Assert.Equal(first.Id, Assert.Single(result).Id);
            var error = Assert.Single(Errors);
            Assert.StartsWith("ServerNotFound", error.FullyQualifiedErrorId);
            Assert.Equal("00000000-0000-0000-0000-000000000000", error.TargetObject);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        }

        [Fact]
        public async Task NewImageFromPipedServersWithDelayBoundNameWaitsUntilActive()
        {
            var servers = Of<ComputeServer>(Invoke("Get-ComputeServer -Limit 2"));
            await ClearRequestsAsync();
            var images = Of<ComputeImage>(Invoke("Get-ComputeServer -Limit 2 | New-ComputeImage -Name { \"$($_.Name)-nightly\" } -Metadata @{ purpose = 'test' } -Wait -Timeout 60 -Verbose"));

            Assert.Empty(Errors);
            Assert.Contains(_ps.Streams.Verbose, v => v.Message.Contains($"server '{servers[0].Name}' ({servers[0].Id})"));
            Assert.Equal(servers.Select(s => s.Name + "-nightly"), images.Select(i => i.Name));
            Assert.All(images, i => Assert.Equal("ACTIVE", i.Status));
            Assert.All(images, i => Assert.Equal("Snapshot", i.Type));
            Assert.All(images, i => Assert.Equal("test", i.Metadata["purpose"]));
            Assert.Equal(servers.Select(s => s.Id), images.Select(i => i.ServerId));
            Assert.NotEmpty(_ps.Streams.Progress);
        }

        [Fact]
        public async Task NewImageWhatIfSendsNothingAndNamesTheServer()
        {
            var server = Of<ComputeServer>(Invoke("Get-ComputeServer -Limit 1"))[0];
            await ClearRequestsAsync();
            Invoke("$s | New-ComputeImage -Name x -WhatIf; 'id-only' | New-ComputeImage -Name y -WhatIf", ("s", server));

            Assert.Empty(Errors);
            Assert.Empty(await RequestsAsync());
            // (-WhatIf text goes to the host UI, which PowerShell.Create gives none; -Verbose shows the same target below.)
            Assert.Equal("server 'web01' (3f2a)", ComputeModule.Clients.ResourceClients.ServerTarget("3f2a", "web01"));
            Assert.Equal("server '3f2a'", ComputeModule.Clients.ResourceClients.ServerTarget("3f2a", null));
        }

        [Fact]
        public async Task BadMetadataIsRefusedBeforeAnythingIsSent()
        {
            await ClearRequestsAsync();
            Invoke("try { Get-ComputeServer -Id nothing-sent-yet -ErrorAction Ignore | Out-Null } catch {}; " +
                   "New-ComputeImage -ServerId s1 -Name n -Metadata @{ '' = 'v' }");
            Assert.StartsWith("InvalidMetadata", Assert.Single(Errors).FullyQualifiedErrorId);
            Assert.DoesNotContain(await RequestsAsync(), r => r.GetProperty("method").GetString() == "POST");
        }

        [Fact]
        public void MetadataMergeReplaceGetAndRemove()
        {
            var image = Of<ComputeImage>(Invoke("Get-ComputeImage -Limit 1"))[0];
            Invoke("$img | Set-ComputeImageMetadata -Metadata @{ a = '1'; b = '2' } -Replace", ("img", image));
            Assert.Empty(Errors);
            var merged = Of<ComputeImageMetadataEntry>(Invoke("Set-ComputeImageMetadata -ImageId $img.Id -Metadata @{ c = 3 } -PassThru", ("img", image)));
            Assert.Equal(new[] { "a", "b", "c" }, merged.Select(e => e.Key));
            Assert.Equal("3", merged[2].Value);

            var one = Of<ComputeImageMetadataEntry>(Invoke("Get-ComputeImageMetadata -ImageId $img.Id -Key b", ("img", image)));
            Assert.Equal("2", Assert.Single(one).Value);

            Invoke("Get-ComputeImageMetadata -ImageId $img.Id -Key a, c | Remove-ComputeImageMetadata", ("img", image));
            Assert.Empty(Errors);
            var left = Of<ComputeImageMetadataEntry>(Invoke("$img | Get-ComputeImageMetadata", ("img", image)));
            Assert.Equal(new[] { "b" }, left.Select(e => e.Key));

            Invoke("Get-ComputeImageMetadata -ImageId $img.Id -Key nope; Remove-ComputeImageMetadata -ImageId $img.Id -Key gone -Confirm:$false", ("img", image));
            Assert.Equal(2, Errors.Length);
            Assert.All(Errors, e => Assert.StartsWith("MetadataKeyNotFound", e.FullyQualifiedErrorId));
            Assert.Equal(new object[] { "nope", "gone" }, Errors.Select(e => e.TargetObject));
            Assert.Contains("'nope'", Errors[0].ErrorDetails.Message);
        }

        [Fact]
        public async Task MergeOverTheLimitIsRefusedBeforeTheWrite()
        {
            var image = Of<ComputeImage>(Invoke("Get-ComputeImage -Limit 1"))[0];
            Invoke("$img | Set-ComputeImageMetadata -Metadata @{ a = '1'; b = '2' } -Replace", ("img", image));
            await _http.PutAsync(new Uri(_emulator.BaseUrl, "_emulator/config"), new StringContent("{\"maxImageMeta\":3}", Encoding.UTF8, "application/json"));
            await ClearRequestsAsync();

            Invoke("$img | Set-ComputeImageMetadata -Metadata @{ c = '3'; d = '4' }", ("img", image));

            var error = Assert.Single(Errors);
            Assert.StartsWith("MetadataLimitExceeded", error.FullyQualifiedErrorId);
            Assert.DoesNotContain(await RequestsAsync(), r => r.GetProperty("method").GetString() != "GET");
        }

        [Fact]
        public void SchedulesEnableGetDisable()
        {
            var server = Of<ComputeServer>(Invoke("Get-ComputeServer -Limit 1"))[0];
            var weekly = Of<ComputeImageSchedule>(Invoke("$s | Enable-ComputeImageSchedule -Retention 7 -DayOfWeek Sunday", ("s", server)));
            Assert.Empty(Errors);
            Assert.Equal(DayOfWeek.Sunday, weekly[0].DayOfWeek);
            Assert.Equal("Weekly", weekly[0].Frequency);

            var daily = Of<ComputeImageSchedule>(Invoke("Enable-ComputeImageSchedule -ServerId $s.Id -Retention 3; Get-ComputeImageSchedule -ServerId $s.Id", ("s", server)));
            Assert.Equal(2, daily.Length);
            Assert.All(daily, d => Assert.Equal("Daily", d.Frequency));

            Invoke("$s | Disable-ComputeImageSchedule; $s | Get-ComputeImageSchedule; Get-ComputeImageSchedule -ServerId 00000000-0000-0000-0000-000000000000", ("s", server));
            Assert.Equal(new[] { "ImageScheduleNotFound", "ServerNotFound" }, Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        }

        [Fact]
        public async Task RemoveImageAndTypeFilter()
        {
            var server = Of<ComputeServer>(Invoke("Get-ComputeServer -Limit 1"))[0];
            var image = Of<ComputeImage>(Invoke("New-ComputeImage -ServerId $s.Id -Name to-delete", ("s", server)))[0];
            var snapshots = Of<ComputeImage>(Invoke("Get-ComputeImage -Type Snapshot -All"));
            Assert.Contains(snapshots, i => i.Id == image.Id);
            Assert.All(snapshots, i => Assert.Equal("Snapshot", i.Type));
            Assert.All(Of<ComputeImage>(Invoke("Get-ComputeImage -Type Base -All")), i => Assert.Equal("Base", i.Type));

            await ClearRequestsAsync();
            Invoke("$i | Remove-ComputeImage -WhatIf", ("i", image));
            Assert.Empty(await RequestsAsync());
            Invoke("$i | Remove-ComputeImage -Confirm:$false -Verbose; Get-ComputeImage -Id $i.Id", ("i", image));
            Assert.StartsWith("ImageNotFound", Assert.Single(Errors).FullyQualifiedErrorId);
            // A piped ComputeImage binds to -InputObject, so the target names the image as well as its id.
            Assert.Contains(_ps.Streams.Verbose, v => v.Message.Contains($"image 'to-delete' ({image.Id})"));

            var byId = Of<ComputeImage>(Invoke("New-ComputeImage -ServerId $s.Id -Name by-id", ("s", server)))[0];
            Invoke("$i.Id, 'no-such-image' | Remove-ComputeImage -Confirm:$false; Get-ComputeImage -Id $i.Id", ("i", byId));
            Assert.Equal(new[] { "ImageNotFound", "ImageNotFound" }, Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal("no-such-image", Errors[0].TargetObject);
        }

        [Fact]
        public async Task SelectFirstStopsThePaging()
        {
            await ClearRequestsAsync();
            var three = Of<ComputeServer>(Invoke("Get-ComputeServer -Limit 2 -All | Select-Object -First 3"));
            Assert.Empty(Errors);
            Assert.Equal(3, three.Length);
            Assert.Equal(2, (await RequestsAsync()).Count(r => r.GetProperty("path").GetString()!.EndsWith("/servers/detail")));
        }

        [Fact]
        public async Task WaitTimesOutWithOperationTimeoutAndLeavesTheImage()
        {
            await _http.PutAsync(new Uri(_emulator.BaseUrl, "_emulator/config"), new StringContent("{\"snapshotDurationMs\":600000}", Encoding.UTF8, "application/json"));
            var server = Of<ComputeServer>(Invoke("Get-ComputeServer -Limit 1"))[0];

            var output = Invoke("New-ComputeImage -ServerId $s.Id -Name slow -Wait -Timeout 2", ("s", server));

            Assert.Empty(output);
            var error = Assert.Single(Errors);
            Assert.StartsWith("OperationTimeout", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.Contains("slow", error.Exception.Message);
            var image = Assert.IsType<ComputeImage>(error.TargetObject);
            Assert.Single(Of<ComputeImage>(Invoke("Get-ComputeImage -Id $id", ("id", image.Id))));
        }

        [Fact]
        public void ValidationFailsBeforeSending()
        {
            Invoke("Enable-ComputeImageSchedule -ServerId x -Retention 0");
            Assert.Contains("ParameterArgumentValidationError", Assert.Single(Errors).FullyQualifiedErrorId);
            Invoke("Get-ComputeServer -Limit 0");
            Assert.Contains("ParameterArgumentValidationError", Assert.Single(Errors).FullyQualifiedErrorId);
            Invoke("Get-ComputeImage -Type Other");
            Assert.Contains("ParameterArgumentValidationError", Assert.Single(Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void CompletersOfferStatusesAndTheCloudsNamesAndIds()
        {
            string[] Complete(string line) => Invoke("(TabExpansion2 -inputScript $l -cursorColumn $l.Length).CompletionMatches | ForEach-Object { $_.CompletionText }", ("l", line))
                .Select(o => o.BaseObject.ToString()!).ToArray();

            Assert.Equal(new[] { "ACTIVE" }, Complete("Get-ComputeServer -Status AC"));
            var servers = Of<ComputeServer>(Invoke("Get-ComputeServer -All"));
            Assert.Equal(servers.Select(s => s.Id).OrderBy(x => x, StringComparer.OrdinalIgnoreCase), Complete("Get-ComputeServer -Id "));
            Assert.Contains(servers[0].Name, Complete("New-ComputeImage -Name x -ServerId 0000; Get-ComputeServer -Name " + servers[0].Name!.Substring(0, 3)));
            Assert.Equal(new[] { "Base", "Snapshot" }, Complete("Get-ComputeImage -Type "));
        }
    }
}
