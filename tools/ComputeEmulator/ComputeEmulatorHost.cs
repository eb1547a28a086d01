using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ComputeEmulator;

/// <summary>Runs an emulator in-process on a free loopback port (for tests).</summary>
public sealed class ComputeEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private ComputeEmulatorHost(WebApplication app, Uri baseUrl, EmulatorOptions options)
    {
        _app = app;
        BaseUrl = baseUrl;
        Options = options;
    }

    /// <summary>"http://127.0.0.1:{port}/" (always ends with '/').</summary>
    public Uri BaseUrl { get; }

    /// <summary>The options the emulator was started with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The Keystone v3 URL, "{BaseUrl}v3".</summary>
    public Uri IdentityV3Url => new(BaseUrl, "v3");

    /// <summary>The Keystone v2.0 URL, "{BaseUrl}v2.0".</summary>
    public Uri IdentityV2Url => new(BaseUrl, "v2.0");

    /// <summary>Starts an emulator bound to 127.0.0.1 on a free port.</summary>
    public static async Task<ComputeEmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var app = EmulatorApp.Build(options, [], "http://127.0.0.1:0");
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address.EndsWith('/') ? address : address + "/");
        return new ComputeEmulatorHost(app, uri, options);
    }

    /// <summary>Stops the emulator.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
