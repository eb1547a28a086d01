using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Commands;
using ComputeModule.Http;
using ComputeModule.Models;
using Xunit;

namespace ComputeModule.Tests.Unit.Core
{
    /// <summary>Counts fetches of <see cref="TestComputePagingCommand"/> (passed as a parameter: no static test hooks).</summary>
    public sealed class PagingProbe
    {
        public int Fetches;
        public List<string?> Markers { get; } = new List<string?>();
    }

    /// <summary>A cmdlet over WritePaged with a fake page source: PageSize items per page, Pages pages.</summary>
    [Cmdlet("Test", "ComputePaging")]
    public sealed class TestComputePagingCommand : ComputeCmdlet
    {
        [Parameter(Mandatory = true)] public PagingProbe Probe { get; set; } = null!;
        [Parameter] public int PageSize { get; set; } = 2;
        [Parameter] public int Pages { get; set; } = 5;
        [Parameter] public SwitchParameter All { get; set; }
        [Parameter] public SwitchParameter RepeatMarker { get; set; }

        protected override void ProcessRecord()
        {
            WritePaged<int>(async (marker, page, ct) =>
            {
                lock (Probe)
                {
                    Probe.Fetches++;
                    Probe.Markers.Add(marker);
                }
                CmdletMessages.Verbose("fetching page " + page);
                await Task.Yield();
                var items = Enumerable.Range((page - 1) * PageSize + 1, PageSize).ToList();
                string? next = page < Pages ? (RepeatMarker ? "same" : "m" + page) : null;
                return new Page<int>(items, next);
            }, All.IsPresent, "Listing things");
        }
    }

    /// <summary>Waits until cancelled, through Run.</summary>
    [Cmdlet("Test", "ComputeWait")]
    public sealed class TestComputeWaitCommand : ComputeCmdlet
    {
        protected override void ProcessRecord()
        {
            Run(async ct =>
            {
                CmdletMessages.Verbose("waiting");
                CmdletMessages.Progress(new ProgressInfo(7, "Waiting", "until stopped", 50));
                await Task.Delay(Timeout.Infinite, ct);
            });
        }
    }

    /// <summary>Shows the effective session's endpoint (needs a connection).</summary>
    [Cmdlet("Test", "ComputeSession")]
    public sealed class TestComputeSessionCommand : ComputeCmdlet
    {
        protected override void ProcessRecord() => WriteObject(Session.ComputeEndpoint);
    }

    public class CmdletTests
    {
        internal static PowerShell NewShell()
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.ImportPSModule(new[] { typeof(ComputeCmdlet).Assembly.Location });
            foreach (var t in new[] { typeof(TestComputePagingCommand), typeof(TestComputeWaitCommand), typeof(TestComputeSessionCommand) })
            {
                var attr = (CmdletAttribute)Attribute.GetCustomAttribute(t, typeof(CmdletAttribute))!;
                iss.Commands.Add(new SessionStateCmdletEntry(attr.VerbName + "-" + attr.NounName, t, null));
            }
            var ps = PowerShell.Create(iss);
            return ps;
        }

        internal static System.Security.SecureString Secure(string s) => ComputeModule.Auth.SecureStrings.FromPlain(s);

        internal static Collection<PSObject> Invoke(PowerShell ps, string script, params (string, object)[] variables)
        {
            foreach (var (name, value) in variables) ps.Runspace.SessionStateProxy.SetVariable(name, value);
            ps.Commands.Clear();
            ps.Streams.ClearStreams();
            ps.AddScript(script);
            var result = ps.Invoke();
            // Terminating errors inside a script land in the Error stream; rethrow the first one so tests see it.
            if (ps.Streams.Error.Count > 0) throw new RuntimeException(ps.Streams.Error[0].ToString(), ps.Streams.Error[0].Exception, ps.Streams.Error[0]);
            return result;
        }

        [Theory]
        [InlineData("Select-Object", "Microsoft.PowerShell.Utility")]
        [InlineData("ConvertTo-Json", "Microsoft.PowerShell.Utility")]
        [InlineData("Import-PowerShellDataFile", "Microsoft.PowerShell.Utility")]
        [InlineData("Get-ChildItem", "Microsoft.PowerShell.Management")]
        [InlineData("ConvertTo-SecureString", "Microsoft.PowerShell.Security")]
        public void TheSdksModulesLoadInTheTestRunspace(string command, string module)
        {
            // Microsoft.PowerShell.SDK puts $PSHOME/Modules beside the test assembly; CreateDefault2 autoloads from there.
            using var ps = NewShell();
            var found = Assert.Single(Invoke(ps, "Get-Command $name -ErrorAction Stop", ("name", command)));
            var info = Assert.IsAssignableFrom<CommandInfo>(found.BaseObject);
            Assert.Equal(module, info.ModuleName);
        }

        [Fact]
        public void SelectFirstStopsPagingAfterTheNeededPage()
        {
            using var ps = NewShell();
            var probe = new PagingProbe();
            var result = Invoke(ps, "Test-ComputePaging -Probe $probe -All | Select-Object -First 3", ("probe", probe));
            Assert.Equal(new[] { 1, 2, 3 }, result.Select(r => (int)r.BaseObject));
            Assert.Equal(2, probe.Fetches);
        }

        [Fact]
        public void AllFollowsMarkersAndStreamsEveryItem()
        {
            using var ps = NewShell();
            var probe = new PagingProbe();
            var result = Invoke(ps, "Test-ComputePaging -Probe $probe -All -Verbose", ("probe", probe));
            Assert.Equal(Enumerable.Range(1, 10), result.Select(r => (int)r.BaseObject));
            Assert.Equal(5, probe.Fetches);
            Assert.Equal(new string?[] { null, "m1", "m2", "m3", "m4" }, probe.Markers);
            Assert.Contains(ps.Streams.Verbose, v => v.Message == "fetching page 3");
            Assert.NotEmpty(ps.Streams.Progress);
            Assert.Equal(ProgressRecordType.Completed, ps.Streams.Progress.Last().RecordType);
        }

        [Fact]
        public void WithoutAllOnlyOnePageIsFetched()
        {
            using var ps = NewShell();
            var probe = new PagingProbe();
            var result = Invoke(ps, "Test-ComputePaging -Probe $probe", ("probe", probe));
            Assert.Equal(2, result.Count);
            Assert.Equal(1, probe.Fetches);
        }

        [Fact]
        public void ARepeatedMarkerStopsWithPagingLoop()
        {
            using var ps = NewShell();
            var probe = new PagingProbe();
            var record = ErrorOf(() => Invoke(ps, "Test-ComputePaging -Probe $probe -All -RepeatMarker", ("probe", probe)));
            Assert.StartsWith("PagingLoop", record.FullyQualifiedErrorId);
            Assert.Contains("same", record.Exception.Message);
            Assert.Equal(2, probe.Fetches);
        }

        [Fact]
        public void StopCancelsRunAtOnce()
        {
            using var ps = NewShell();
            ps.AddCommand("Test-ComputeWait").AddParameter("Verbose");
            var async = ps.BeginInvoke();
            Thread.Sleep(300);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            ps.Stop();
            Assert.True(async.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), watch.Elapsed.ToString());
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.Contains(ps.Streams.Verbose, v => v.Message == "waiting");
            Assert.Contains(ps.Streams.Progress, p => p.ActivityId == 7 && p.PercentComplete == 50);
        }

        [Fact]
        public void NoConnectionIsATerminatingNotConnectedError()
        {
            using var ps = NewShell();
            var record = ErrorOf(() => Invoke(ps, "Test-ComputeSession"));
            Assert.StartsWith("NotConnected", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, record.CategoryInfo.Category);
        }

        [Fact]
        public void TokenConnectBecomesTheDefaultAndDisconnectForgetsIt()
        {
            using var ps = NewShell();
            var result = Invoke(ps, "$c = Connect-ComputeService -Token $tok -Endpoint http://127.0.0.1:9/v2.1/1234 -Region R1; $c", ("tok", Secure("tok-secret")));
            var connection = Assert.IsType<ComputeConnection>(Assert.Single(result).BaseObject);
            Assert.Equal("token", connection.IdentityVersion);
            Assert.Equal("http://127.0.0.1:9/v2.1/1234/", connection.ComputeEndpoint.AbsoluteUri);
            Assert.Equal("R1", connection.Region);
            Assert.DoesNotContain("tok-secret", connection.ToString());
            Assert.DoesNotContain("tok-secret", string.Join("|", result[0].Properties.Select(p => p.Name + "=" + p.Value)));

            Assert.Same(connection, Assert.Single(Invoke(ps, "Get-ComputeConnection")).BaseObject);
            Assert.Equal("http://127.0.0.1:9/v2.1/1234/", Assert.Single(Invoke(ps, "Test-ComputeSession")).BaseObject.ToString());
            Invoke(ps, "Disconnect-ComputeService");
            Assert.Empty(Invoke(ps, "Get-ComputeConnection"));
            Assert.True(connection.IsClosed);
            Assert.StartsWith("NotConnected", ErrorOf(() => Invoke(ps, "Test-ComputeSession -Connection $c")).FullyQualifiedErrorId);
        }

        [Fact]
        public void EachRunspaceHasItsOwnDefault()
        {
            using var a = NewShell();
            using var b = NewShell();
            Invoke(a, "$null = Connect-ComputeService -Token $tok -Endpoint http://127.0.0.1:9/v2.1/1", ("tok", Secure("t")));
            Assert.Single(Invoke(a, "Get-ComputeConnection"));
            Assert.Empty(Invoke(b, "Get-ComputeConnection"));
            Invoke(a, "Disconnect-ComputeService");
        }

        [Theory]
        [InlineData("ftp://id.test/v3")]
        [InlineData("not-a-url")]
        public void BadAuthUrlIsRefusedBeforeAnyRequest(string url)
        {
            using var ps = NewShell();
            var record = ErrorOf(() => Invoke(ps, "Connect-ComputeService -AuthUrl $url -Credential $cred", ("url", url), ("cred", new PSCredential("u", Secure("p")))));
            Assert.StartsWith("InvalidParameter", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
            Assert.Contains("http", record.Exception.Message);
        }

        /// <summary>The error record of the terminating error <paramref name="action"/> throws (the innermost one that has a record).</summary>
        internal static ErrorRecord ErrorOf(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                ErrorRecord? found = null;
                for (Exception? x = e; x != null; x = x.InnerException)
                {
                    if (x is IContainsErrorRecord r) found = r.ErrorRecord;
                }
                return found ?? throw new Xunit.Sdk.XunitException("No error record in " + e);
            }
            throw new Xunit.Sdk.XunitException("No error was thrown.");
        }
    }
}
