using System;
using System.Threading.Tasks;
using Xunit;

namespace ComputeEmulator.Tests.Infrastructure;

/// <summary>Each test gets its own emulator on a free port (xunit makes one class instance per test).</summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    private ComputeEmulatorHost? _host;

    protected ComputeEmulatorHost Host => _host ?? throw new InvalidOperationException("Not started.");

    protected EmulatorClient Client { get; private set; } = null!;

    /// <summary>Options for this test class; fast by default (no build delay, short snapshots).</summary>
    protected virtual EmulatorOptions CreateOptions() => new()
    {
        BuildDelay = TimeSpan.Zero,
        SnapshotDuration = TimeSpan.FromMilliseconds(300),
    };

    public async Task InitializeAsync()
    {
        _host = await ComputeEmulatorHost.StartAsync(CreateOptions());
        Client = new EmulatorClient(_host.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }
}
